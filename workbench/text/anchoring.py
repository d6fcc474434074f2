"""Re-anchoring: find a claim's quote again in a corrected revision of an article.

Three steps, cheapest first (ARCHITECTURE.md, "Article text is immutable"):

1. the old position, if the new text there still reads exactly the quote;
2. every exact occurrence of the quote, the best one chosen by how well the text around
   it agrees with the stored prefix and suffix, then by closeness to the old position;
3. a fuzzy match. Words of the quote and its context that are rare in the new text vote
   for where the quote now starts (a word index of the new text, built once); around the
   best few places, and the old position, ``rapidfuzz`` aligns the quote, and the ends
   are moved to nearby word boundaries where that makes the match better. The candidate
   is scored on quote similarity, prefix, suffix and distance to the old position, and
   accepted only when the quote is still recognisable *and* its surroundings agree, so a
   quote whose words are gone comes back as None (an orphan for the user to place),
   rather than as a look-alike sentence elsewhere.

:func:`reanchor_all` shares the word index between quotes: 1,000 quotes on a 1 MB text
take well under a second when most are found exactly (``benchmarks``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from workbench.domain.span import Span, TextQuote
from workbench.text.selectors import is_word_char

_WORD = re.compile(r"\w+")
_COMMON = 64
"""A word seen more often than this in the new text says nothing about where a quote is."""
_MAX_OCCURRENCES = 10_000
"""Exact occurrences examined at most (a one-letter quote in a big text)."""
_CANDIDATE_PLACES = 4
"""Places, besides the old position, where a fuzzy match is tried."""
_ACCEPT_EDITED = 0.65
"""A fuzzy match this similar to the quote is accepted where both prefix and suffix
agree (the quote was edited in place) ..."""
_ACCEPT_NEAR_IDENTICAL = 0.9
"""... and one this similar where one of them does (a neighbour was edited too), if it
is no further than this from where the quote was (or is expected, see reanchor_all):"""
_NEAR = 2000
_ACCEPT_CONTEXT = 0.75
"""How similar a prefix or suffix must be to count as agreeing. Nothing is accepted on
the quote's similarity alone: a look-alike sentence elsewhere is not the claim."""


def reanchor(quote: TextQuote, new_text: str, *, position: Span | None = None) -> Span | None:
    """Where ``quote`` (at ``position`` in the old text, if known) sits in ``new_text``."""
    return _Anchorer(new_text).find(quote, position)


def reanchor_all(
    quotes_with_positions: Iterable[tuple[TextQuote, Span | None]], new_text: str
) -> list[Span | None]:
    """:func:`reanchor` for many quotes on one text, in order, sharing the work."""
    anchorer = _Anchorer(new_text)
    found: list[Span | None] = []
    shift = 0  # how far the previous quote moved: the next one has likely moved as much
    for quote, position in quotes_with_positions:
        span = anchorer.find(quote, position, shift=shift)
        if span is not None and position is not None:
            shift = span.start - position.start
        found.append(span)
    return found


@dataclass(frozen=True, slots=True)
class _Candidate:
    span: Span
    quote: float
    prefix: float
    suffix: float
    nearness: float
    """1 at the old (or expected) position, 0 a text's length away or without one."""
    distance: int | None
    """Characters from the old (or expected) position, if there is one."""

    @property
    def score(self) -> float:
        return 0.6 * self.quote + 0.15 * (self.prefix + self.suffix) + 0.1 * self.nearness

    @property
    def acceptable(self) -> bool:
        if self.quote >= _ACCEPT_EDITED and min(self.prefix, self.suffix) >= _ACCEPT_CONTEXT:
            return True
        near = self.distance is None or self.distance <= _NEAR
        return (
            near
            and self.quote >= _ACCEPT_NEAR_IDENTICAL
            and max(self.prefix, self.suffix) >= _ACCEPT_CONTEXT
        )


class _Anchorer:
    """Finds quotes in one text; the word index is built on the first fuzzy search."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._index: dict[str, list[int]] | None = None

    def find(self, quote: TextQuote, position: Span | None, *, shift: int = 0) -> Span | None:
        """The quote's place, or None; ``shift`` is how far text near it likely moved."""
        if not quote.exact:
            return None
        hints: tuple[int, ...] = ()  # where it may start now: old position (+ shift)
        if position is not None:
            if self._reads(position, quote.exact):
                return position
            hints = (position.start,)
            if shift and position.start + shift >= 0:
                moved = Span(position.start + shift, position.end + shift)
                if self._reads(moved, quote.exact) and self._in_context(moved, quote):
                    return moved
                hints = (moved.start, position.start)
        exact = self._best_exact(quote, hints)
        if exact is not None:
            return exact
        return self._best_fuzzy(quote, hints)

    # -- step 1 and 2 --------------------------------------------------------------------

    def _reads(self, span: Span, exact: str) -> bool:
        return span.end <= len(self._text) and self._text[span.start : span.end] == exact

    def _in_context(self, span: Span, quote: TextQuote) -> bool:
        """Whether the text around ``span`` is exactly the quote's prefix and suffix."""
        text = self._text
        return text.endswith(quote.prefix, 0, span.start) and text.startswith(
            quote.suffix, span.end
        )

    def _best_exact(self, quote: TextQuote, hints: tuple[int, ...]) -> Span | None:
        best: _Candidate | None = None
        start = self._text.find(quote.exact)
        seen = 0
        while start >= 0 and seen < _MAX_OCCURRENCES:
            span = Span(start, start + len(quote.exact))
            if self._in_context(span, quote) and not hints:
                return span  # nothing could score better
            candidate = self._candidate(quote, span, hints, similarity=1.0)
            if best is None or candidate.score > best.score:
                best = candidate
            start = self._text.find(quote.exact, start + 1)
            seen += 1
        return best.span if best is not None else None

    # -- step 3 --------------------------------------------------------------------------

    def _best_fuzzy(self, quote: TextQuote, hints: tuple[int, ...]) -> Span | None:
        best: _Candidate | None = None
        for guess in self._guesses(quote, hints):
            span = self._align(quote, guess)
            if span is None:
                continue
            candidate = self._candidate(quote, span, hints)
            if candidate.acceptable and (best is None or candidate.score > best.score):
                best = candidate
        return best.span if best is not None else None

    def _guesses(self, quote: TextQuote, hints: tuple[int, ...]) -> list[int]:
        """Likely start offsets of the quote in the new text, best first."""
        votes: Counter[int] = Counter()
        estimates: dict[int, list[int]] = {}
        bucket = max(32, len(quote.exact) // 2)
        index = self._word_index()
        context = quote.prefix + quote.exact + quote.suffix
        for match in _WORD.finditer(context):
            if match.start() == 0 or match.end() == len(context):
                continue  # may be a word cut in half by the context's edge
            for found in index.get(match.group(), ()):
                estimate = found - (match.start() - len(quote.prefix))
                votes[estimate // bucket] += 1
                estimates.setdefault(estimate // bucket, []).append(estimate)
        guesses = list(hints)
        for key, _ in votes.most_common(_CANDIDATE_PLACES):
            places = sorted(estimates[key])
            guesses.append(places[len(places) // 2])
        return guesses

    def _word_index(self) -> dict[str, list[int]]:
        """Offsets of each word of the text; a common word keeps an empty list."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for match in _WORD.finditer(self._text):
                offsets = index.setdefault(match.group(), [])
                if len(offsets) <= _COMMON:
                    offsets.append(match.start())
            for word, offsets in index.items():
                if len(offsets) > _COMMON:
                    index[word] = []
            self._index = index
        return self._index

    def _align(self, quote: TextQuote, guess: int) -> Span | None:
        """The best match of the quote near ``guess``, its ends on word boundaries."""
        text, exact = self._text, quote.exact
        slack = len(exact) // 2 + 32
        low = max(0, min(guess, len(text)) - slack)
        high = min(len(text), guess + len(exact) + slack)
        if high <= low:
            return None
        alignment = fuzz.partial_ratio_alignment(exact, text[low:high])
        if alignment is None:
            return None
        start, end = low + alignment.dest_start, low + alignment.dest_end
        return self._refine(quote, start, end)

    def _refine(self, quote: TextQuote, start: int, end: int) -> Span | None:
        """Move the ends to the nearby word boundaries where the quote fits best."""
        text = self._text
        if not 0 <= start < end <= len(text):
            return None
        reach = min(64, max(16, len(quote.exact) // 2))
        starts = [s for s in range(max(0, start - reach), start + reach + 1) if _starts(text, s)]
        ends = [e for e in range(end - reach, min(len(text), end + reach) + 1) if _ends(text, e)]
        if not starts or not ends:
            return None
        fit = _Fit(quote, text, start, end)
        for _ in range(2):  # the best start for the end, then the best end for that start
            start = max((s for s in starts if s < end), key=fit.start_score, default=start)
            fit.fixed_start = start
            end = max((e for e in ends if e > start), key=fit.end_score, default=end)
            fit.fixed_end = end
        if not (_starts(text, start) and _ends(text, end) and start < end):
            return None
        return Span(start, end)

    # -- scoring -------------------------------------------------------------------------

    def _candidate(
        self, quote: TextQuote, span: Span, hints: tuple[int, ...], *, similarity: float = -1.0
    ) -> _Candidate:
        text = self._text
        if similarity < 0:
            similarity = Indel.normalized_similarity(quote.exact, text[span.start : span.end])
        if quote.prefix:
            before = text[max(0, span.start - len(quote.prefix)) : span.start]
            prefix = Indel.normalized_similarity(quote.prefix, before)
        else:
            prefix = 1.0 if span.start == 0 else 0.0
        if quote.suffix:
            after = text[span.end : span.end + len(quote.suffix)]
            suffix = Indel.normalized_similarity(quote.suffix, after)
        else:
            suffix = 1.0 if span.end == len(text) else 0.0
        if not hints:
            return _Candidate(span, similarity, prefix, suffix, 0.0, None)
        distance = min(abs(span.start - hint) for hint in hints)
        nearness = 1.0 - min(1.0, distance / max(1, len(text)))
        return _Candidate(span, similarity, prefix, suffix, nearness, distance)


class _Fit:
    """How well ``text[start:end]`` fits a quote: similarity of the words, of the few
    characters of context just outside them, and whether the first and last characters
    are of the quote's kinds (word or punctuation), so "prices rose." does not become
    ". Prices rose." and an inserted word at the edge is kept when the context says so.
    """

    _CONTEXT = 16

    def __init__(self, quote: TextQuote, text: str, start: int, end: int) -> None:
        self.exact = quote.exact
        self.prefix = quote.prefix[-self._CONTEXT :]
        self.suffix = quote.suffix[: self._CONTEXT]
        self.text = text
        self.first_kind = is_word_char(quote.exact[0])
        self.last_kind = is_word_char(quote.exact[-1])
        self.fixed_start = start
        self.fixed_end = end

    def start_score(self, start: int) -> float:
        return self._score(start, self.fixed_end)

    def end_score(self, end: int) -> float:
        return self._score(self.fixed_start, end)

    def _score(self, start: int, end: int) -> float:
        text = self.text
        score = Indel.normalized_similarity(self.exact, text[start:end])
        score += 0.02 * (is_word_char(text[start]) == self.first_kind)
        score += 0.02 * (is_word_char(text[end - 1]) == self.last_kind)
        if self.prefix:
            before = text[max(0, start - len(self.prefix)) : start]
            score += 0.5 * Indel.normalized_similarity(self.prefix, before)
        if self.suffix:
            score += 0.5 * Indel.normalized_similarity(
                self.suffix, text[end : end + len(self.suffix)]
            )
        return score


def _starts(text: str, offset: int) -> bool:
    """Whether a quote may start at ``offset``: on a visible character that begins a word
    or a run of punctuation."""
    if not 0 <= offset < len(text) or text[offset].isspace():
        return False
    before, char = text[offset - 1 : offset], text[offset]
    return not before or before.isspace() or is_word_char(before) != is_word_char(char)


def _ends(text: str, offset: int) -> bool:
    """Whether a quote may end at ``offset``: just after a visible character that ends a
    word or a run of punctuation."""
    if not 0 < offset <= len(text) or text[offset - 1].isspace():
        return False
    char, after = text[offset - 1], text[offset : offset + 1]
    return not after or after.isspace() or is_word_char(char) != is_word_char(after)
