"""PDF lines to paragraphs: the page layout read the way a reader sees it.

``pdf.read_pdf`` hands over every page's lines, each with where its first letter sits
(x, baseline y, font size; None where PDFium could not tell). A new paragraph starts
after a larger vertical gap than the usual line spacing, at a change of font size
(headings), at an indented first line, after a short line that ends a sentence, or where
the text jumps up (next column). Running headers and footers that repeat on most pages,
and bare page numbers, are dropped. A word hyphenated across a line end is joined again
(``evi-`` + ``dence`` -> ``evidence``) unless the document spells it with the hyphen
elsewhere (``long-range``).
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

LINE_END_HYPHEN = "\ufffe"
"""What PDFium puts where it joined a word hyphenated across a line end."""
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_HYPHENATED_END = re.compile(r"([^\W\d_]+)[-\u2010\ufffe]$")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_JOINED_HYPHEN = re.compile(r"([^\W\d_]+)\ufffe([^\W\d_]+)?")
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite|página|pagina|strona|стр\.?)?\s*[-–—(\[]?\s*#\s*"
    r"(?:[-–—)\]]|(?:of|/|de|von|z|из)\s*#)?\s*$"
)
_EDGE_LINES = 3


@dataclass(frozen=True, slots=True)
class Line:
    """One text line of a page; where its first letter sits (None where unknown)."""

    text: str
    x: float | None = None
    y: float | None = None
    size: float | None = None
    y_end: float | None = None
    """Baseline of the line's last letter, lower than ``y`` where PDFium joined lines."""

    @property
    def bottom(self) -> float | None:
        return self.y if self.y_end is None else self.y_end


def assemble_paragraphs(pages: list[list[Line]]) -> str:
    """Paragraphs (blank-line separated) from every page's lines."""
    pages = _drop_running_heads(pages)
    leading = _typical_leading(pages)
    vocabulary = _vocabulary(pages)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    last: Line | None = None
    last_typical = 0
    for lines in pages:
        typical = _typical_length(lines)
        margin = _left_margin(lines)
        previous: Line | None = None
        for line in lines:
            if not line.text:
                if current:
                    paragraphs.append(current)
                    current = []
                previous = None
                continue
            if current:
                if previous is None:
                    starts_new = _page_break_ends_paragraph(last, line, last_typical)
                else:
                    starts_new = _starts_paragraph(previous, line, leading, typical, margin)
                if starts_new:
                    paragraphs.append(current)
                    current = []
            current.append(line.text)
            previous = last = line
        last_typical = typical
    if current:
        paragraphs.append(current)
    return "\n\n".join(_join_paragraph(lines, vocabulary) for lines in paragraphs)


def _starts_paragraph(
    previous: Line, line: Line, leading: float | None, typical: int, margin: float | None
) -> bool:
    if previous.bottom is not None and line.y is not None and leading:
        gap = previous.bottom - line.y
        if gap < -0.5 * leading or gap > 1.3 * leading:
            return True
    if (
        previous.size
        and line.size
        and abs(previous.size - line.size) > 0.15 * max(previous.size, line.size)
    ):
        return True
    if (
        margin is not None
        and previous.x is not None
        and line.x is not None
        and line.size
        and abs(previous.x - margin) < 0.5 * line.size
        and line.x - margin > 0.8 * line.size
    ):
        return True
    if typical and _SENTENCE_END.search(previous.text) and len(previous.text) < 0.75 * typical:
        return True
    starts_upper = line.text[:1].isupper() or line.text[:1].isdigit()
    return bool(typical and len(previous.text) < 0.5 * typical and starts_upper)


def _page_break_ends_paragraph(last: Line | None, first: Line, typical: int) -> bool:
    """Across a page break a paragraph goes on mid-sentence, in the same font size, into a
    lower-case word or after a full-width line."""
    if last is None or _SENTENCE_END.search(last.text):
        return True
    if last.size and first.size and abs(last.size - first.size) > 0.15 * last.size:
        return True
    full = bool(typical) and len(last.text) >= 0.75 * typical
    return not (first.text[:1].islower() or full)


def _join_paragraph(lines: list[str], vocabulary: set[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = _join(text, line)
    if LINE_END_HYPHEN not in text:
        return text
    return _JOINED_HYPHEN.sub(
        lambda match: _rejoin(match.group(1), match.group(2) or "", vocabulary), text
    )


def _join(left: str, right: str) -> str:
    """Two lines of one paragraph; a line-end hyphen before a lower-case word is marked
    with ``LINE_END_HYPHEN`` for ``_rejoin``, as PDFium does itself."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if _HYPHENATED_END.search(left) and right[:1].islower():
        return left[:-1] + LINE_END_HYPHEN + right
    return f"{left} {right}"


def _rejoin(head: str, tail: str, vocabulary: set[str]) -> str:
    """A word split by a line-end hyphen: without the hyphen, unless the document spells it
    with one elsewhere, the second part is capitalised (``Anglo-American``), or no
    letter follows."""
    if not tail or tail[0].isupper():
        return f"{head}-{tail}"
    hyphenated, solid = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
    if hyphenated in vocabulary and solid not in vocabulary:
        return f"{head}-{tail}"
    return head + tail


def _vocabulary(pages: list[list[Line]]) -> set[str]:
    """Lower-case words (hyphenated ones whole) as the document spells them mid-line."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(word.replace("\u2010", "-") for word in _WORDS.findall(line.text.lower()))
    return words


def _drop_running_heads(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without the lines at their top or bottom that are page numbers, or that repeat
    (same text but for numbers, same height on the page) on at least half of 3+ pages.
    A page's last remaining line is never dropped."""
    if len(pages) < 2:
        return pages
    counts: Counter[tuple[str, int | None]] = Counter()
    for lines in pages:
        counts.update({_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    threshold = max(3, math.ceil(len(pages) / 2))

    def running(line: Line) -> bool:
        key = _key(line)
        return bool(key[0]) and (
            _PAGE_NUMBER.match(key[0]) is not None or (len(pages) >= 3 and counts[key] >= threshold)
        )

    cleaned: list[list[Line]] = []
    for lines in pages:
        lines = [line for line in lines]
        for _ in range(_EDGE_LINES):
            for edge in (0, -1):
                while lines and not lines[edge].text:
                    lines.pop(edge)
                if sum(1 for line in lines if line.text) > 1 and running(lines[edge]):
                    lines.pop(edge)
        while lines and not lines[0].text:
            lines.pop(0)
        cleaned.append(lines)
    return cleaned


def _key(line: Line) -> tuple[str, int | None]:
    """A line's text with numbers masked, and its height on the page to 4 points."""
    text = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
    return text, None if line.y is None else round(line.y / 4)


def _typical_leading(pages: list[list[Line]]) -> float | None:
    gaps = []
    for lines in pages:
        for previous, line in itertools.pairwise(lines):
            if previous.bottom is None or line.y is None or not previous.text or not line.text:
                continue
            gap = previous.bottom - line.y
            size = line.size or 0
            if gap > 0 and (not size or gap < 4 * size):
                gaps.append(round(gap, 1))
    if not gaps:
        return None
    leading = float(statistics.median_low(gaps))
    if len(gaps) < 5:
        # too few lines to tell the line spacing from paragraph gaps: assume 1.25 x size
        sizes = [line.size for lines in pages for line in lines if line.size]
        if sizes:
            leading = min(leading, 1.25 * statistics.median_low(sizes))
    return leading


def _typical_length(lines: list[Line]) -> int:
    lengths = sorted(
        len(line.text) for line in lines if line.text and LINE_END_HYPHEN not in line.text
    )
    if len(lengths) < 3:
        return 0
    return lengths[int(len(lengths) * 0.8)]


def _left_margin(lines: list[Line]) -> float | None:
    xs = Counter(round(line.x) for line in lines if line.x is not None and line.text)
    if not xs:
        return None
    return float(xs.most_common(1)[0][0])
