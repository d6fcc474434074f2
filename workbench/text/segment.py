"""Sentence segmentation with exact code-point offsets into an article's text.

Approach, chosen by measurement (``benchmarks/segmenters.py``: 59 hand-written news-wire
hard cases in ``tests/text/data/hard_sentences.txt``, a case counting only when all its
sentences come out exactly; speed on 1 MB of generated wire copy, one paragraph per call):

=============================  ==========  =======  =======
candidate                      hard cases  MB/s     x pysbd
=============================  ==========  =======  =======
pysbd 0.3.4                    55/59       0.14     1
blingfire 0.1.8                53/59       2.6      18
syntok 1.4.4                   53/59       0.63     4.4
nupunkt 0.8.0                  55/59       3.9      27
sentencex 1.0.32               56/59       12.4     86
sentencex + rules (this)       58/59       7        ~50
=============================  ==========  =======  =======

1 MB of news text segments in about 0.14 s here (pysbd: about 7 s); figures from the
2-core development machine when idle, about twice as slow while other work runs.

The library is Wikimedia's ``sentencex`` (Rust core, MIT, no dependencies): the most
accurate of the candidates on the hard cases and the fastest. Its misses there: a quote
of two sentences kept as one (pysbd does the same), "approx. 3 p.m." and a sentence
closed by a parenthesis. Around it this module adds a thin layer of rules, each for a
pattern it gets wrong in news text:

* paragraphs (blank lines) are split first, so no sentence ever crosses one, and a very
  long paragraph is fed to the library in windows (its cost grows faster than linearly
  with paragraph length when quotes are unbalanced);
* "approx. 3 p.m.", "Fig. 2", "No. 5": no break between a number abbreviation and a
  number;
* "(The ministry retracted it.) The minister resigned.": a break after a closing
  parenthesis that ends a sentence;
* "They voted no. Officials said...": a break after the word "no." before a capital;
* "1. The first item": a lone list number is joined to the sentence after it;
* characters that crash the library (see ``_library_safe``) are replaced, one for one,
  in the copy it gets.

On pysbd's own English "golden rules" (46 cases, not in this repository) the result is
43/46 (pysbd 45, sentencex alone 42): inline numbered lists without full stops ("1. The
first item 2. The second item") stay one sentence.

Every non-whitespace character belongs to exactly one sentence; sentences never start
or end with whitespace; a sentence longer than about 9,500 characters is cut at
whitespace.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

import sentencex

from workbench.domain.span import Span

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n|\u2029")
_UNSAFE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ud800-\udfff]")
"""Non-ASCII whitespace (all that str.isspace knows) and lone surrogates: _library_safe."""
_WINDOW = 10_000
"""Longest piece of a paragraph handed to the library in one call."""
_MARGIN = 500
"""Boundaries this close to the end of a window are recomputed with more right context."""

_NUMBER_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?i:approx|appr|no|nos|nr|fig|figs|vol|vols|p|pp|art|sec|ch|chap|para|vs|ca|"
    r"tel|ext)\.\s*\Z"
)
"""A sentence that ends like this is no sentence when a number follows ("approx. 3")."""

_ENGLISH_SPLITS = re.compile(
    # Each branch starts with the punctuation itself so that the regex engine can skip
    # ahead to candidates quickly; the lookbehinds then check the word before it.
    r"[.!?](?:"
    # "(It was retracted.) The minister ..." - after a word, not "(R.)" or a list's "1.)".
    r"(?<=[^\W\d_]{2}[.!?])[.!?]*[\"'”’]?\)"
    # "They voted no. Officials ..." - "no." as an abbreviation is followed by a number.
    r"|(?<=[Nn]o\.)(?<![\w.][Nn]o\.)"
    r")(?=\s+[\"“‘'(]?[A-Z])"
)
"""Places where a sentence ends that the library misses; a match ends the sentence."""

_LIST_MARKER = re.compile(r"[^\w\s]?\s?\d{1,3}[.)]{1,2}")


def segment_sentences(text: str, *, language: str = "en") -> tuple[Span, ...]:
    """Split ``text`` into sentences, returned as sorted, non-overlapping spans.

    ``text[span.start:span.end]`` is the sentence without surrounding whitespace. Blank
    lines always end a sentence. ``language`` is an ISO 639 code or a tag such as "en-GB";
    "" means English, and the English rules of this module apply to English only.
    """
    language = language.lower().partition("-")[0] or "en"
    english = language == "en"
    safe = _library_safe(text)
    splits = [match.end() for match in _ENGLISH_SPLITS.finditer(text)] if english else []
    spans: list[Span] = []
    for start, end in _paragraphs(text):
        cuts = [start + cut for cut in _library_cuts(safe[start:end], language)]
        if english:
            cuts = [cut for cut in cuts if not _is_number_abbreviation_break(text, start, cut)]
            cuts.extend(splits[bisect_right(splits, start) : bisect_left(splits, end)])
        cuts.sort()
        cuts.append(end)
        _add_sentences(text, start, cuts, spans)
    return tuple(spans)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Ranges between blank lines (they may still contain surrounding whitespace)."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _library_cuts(paragraph: str, language: str) -> list[int]:
    """Sentence starts (after the first) that sentencex finds, as offsets into paragraph."""
    cuts: list[int] = []
    base = 0
    while len(paragraph) - base > _WINDOW:
        window = paragraph[base : base + _WINDOW]
        trusted = [s for s in _sentence_starts(window, language) if 0 < s <= _WINDOW - _MARGIN]
        if not trusted:  # one sentence longer than the window: cut it at whitespace
            limit = _WINDOW - _MARGIN
            space = max(window.rfind(" ", 0, limit), window.rfind("\n", 0, limit))
            trusted = [space + 1 if space > 0 else limit]
        cuts.extend(base + s for s in trusted)
        base += trusted[-1]
    cuts.extend(base + s for s in _sentence_starts(paragraph[base:], language) if s > 0)
    return cuts


def _sentence_starts(piece: str, language: str) -> list[int]:
    try:
        bounds = sentencex.get_sentence_boundaries(language, piece)
    except BaseException as error:  # a Rust panic reaches Python as a BaseException
        if type(error).__name__ != "PanicException":
            raise
        return []  # a case _library_safe does not cover yet: one sentence, never a crash
    return [int(bound["start_index"]) for bound in bounds]


def _library_safe(text: str) -> str:
    """``text`` with what sentencex cannot take replaced, each by one stand-in character.

    sentencex 1.0.32 panics on a capital letter, a non-ASCII space and a full stop
    ("A\u00a0."), and cannot take lone surrogates. Offsets stay valid: every replacement
    is one code point for one.
    """
    if text.isascii():
        return text
    return _UNSAFE.sub(_stand_in, text)


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\x85\u2028":
        return "\n"
    return " " if char.isspace() else "\ufffd"


def _is_number_abbreviation_break(text: str, paragraph_start: int, cut: int) -> bool:
    """Whether the library cut between "approx." (or "No.", "Fig.", ...) and a number."""
    if cut >= len(text) or not (text[cut].isdigit() or text[cut].isspace()):
        return False  # the usual case, decided at once
    nxt = cut
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt >= len(text) or not text[nxt].isdigit():
        return False
    return _NUMBER_ABBREVIATION_END.search(text, max(paragraph_start, cut - 12), cut) is not None


def _add_sentences(text: str, left: int, cuts: list[int], spans: list[Span]) -> None:
    """Append the non-blank pieces between ``left`` and each of the sorted ``cuts``,
    without surrounding whitespace; a lone list marker ("1.", "2.)", "• 3.") is joined to
    the piece after it."""
    marker = -1  # start of a pending list marker
    for right in cuts:
        if right <= left:
            continue
        start, end = left, right
        left = right
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if marker >= 0:
            start, marker = marker, -1
        if end - start <= 6 and _LIST_MARKER.fullmatch(text, start, end):
            marker = start
            last_marker_end = end
        else:
            spans.append(Span(start, end))
    if marker >= 0:
        spans.append(Span(marker, last_marker_end))
