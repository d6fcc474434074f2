"""Selections in an article's text: quotes with context, word snapping, sentence lookup.

A claim is stored as a span plus a :class:`TextQuote` (the exact words and a little
context either side), so that it can be found again in a corrected revision
(``anchoring.py``). The sentence helpers take the sorted, non-overlapping spans that
``segment.segment_sentences`` returns and answer in O(log n).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from workbench.domain.span import QUOTE_CONTEXT, Span, TextQuote

_JOINERS = frozenset("'’‘-‐‑.,:/@_")
"""Punctuation that belongs to a word when letters or digits stand on both sides of it
("O'Neil", "well-known", "3.5", "1,500", "10:30", "press@example.com")."""


def quote_for(text: str, span: Span, context: int = QUOTE_CONTEXT) -> TextQuote:
    """The quote selector for ``span``: its text and up to ``context`` characters around."""
    _check_in_text(text, span)
    return TextQuote(
        exact=text[span.start : span.end],
        prefix=text[max(0, span.start - context) : span.start],
        suffix=text[span.end : span.end + context],
    )


def snap_to_words(text: str, span: Span) -> Span:
    """Grow a drag selection to whole words and drop the whitespace around it.

    A selection of nothing but whitespace collapses to an empty span where it started.
    """
    _check_in_text(text, span)
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return Span(span.start, span.start)
    while start > 0 and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    return Span(start, end)


def sentence_at(sentences: Sequence[Span], offset: int) -> Span | None:
    """The sentence that holds ``offset``, or that ends right there (a click just after
    its last character); None between sentences."""
    index = bisect_right(sentences, offset, key=_start) - 1
    if index < 0:
        return None
    sentence = sentences[index]
    return sentence if sentence.start <= offset <= sentence.end else None


def sentences_in(sentences: Sequence[Span], span: Span) -> tuple[Span, ...]:
    """The sentences that share at least one character with ``span``.

    An empty span selects the sentence it sits in (see :func:`sentence_at`), if any.
    """
    if not span:
        found = sentence_at(sentences, span.start)
        return (found,) if found is not None else ()
    first = bisect_right(sentences, span.start, key=_end)
    last = bisect_left(sentences, span.end, key=_start)
    return tuple(sentences[first:last])


def is_word_char(char: str) -> bool:
    """Letters, digits and combining marks (so "café" written with U+0301 is one word)."""
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _inside_word(text: str, offset: int) -> bool:
    """Whether the boundary before ``text[offset]`` cuts a word in two."""
    before, after = text[offset - 1], text[offset]
    if is_word_char(before) and is_word_char(after):
        return True
    if before in _JOINERS and is_word_char(after):
        return offset >= 2 and is_word_char(text[offset - 2])
    if after in _JOINERS and is_word_char(before):
        return offset + 1 < len(text) and is_word_char(text[offset + 1])
    return False


def _check_in_text(text: str, span: Span) -> None:
    if span.end > len(text):
        raise ValueError(f"span {span.start}:{span.end} is outside a text of {len(text)}")


def _start(span: Span) -> int:
    return span.start


def _end(span: Span) -> int:
    return span.end
