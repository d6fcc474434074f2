"""Claim highlights in the article text: a QSyntaxHighlighter that looks spans up per block.

ARCHITECTURE.md ("Article view"): formats applied by a highlighter installed *before*
the text is set scale to tens of thousands of highlights, where extra selections do
not. Each block asks for the claims that touch it (binary search over their starts),
cuts itself at every claim edge and gives each piece the tint of the claims covering
it. Where claims overlap, the tints are mixed and stronger and the piece is underlined
in the colour of the second claim, so an overlap is visible without relying on hue.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from workbench.ui import style


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """What the view draws for one claim; offsets are Qt's (UTF-16 units)."""

    claim_id: int
    start: int
    end: int
    color: str
    number: int
    initial: str
    tooltip: str = ""

    @property
    def badge(self) -> str:
        """The marker text: the claim's number and its label's initial, e.g. ``3A``."""
        return f"{self.number}{self.initial}"


class ClaimHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, *, dark: bool = False) -> None:
        super().__init__(document)
        self._dark = dark
        self._marks: list[ClaimMark] = []
        self._starts: list[int] = []
        self._longest = 0
        self._formats: dict[tuple[tuple[str, ...], bool], QTextCharFormat] = {}
        self._heading_end = 0
        self._heading = QTextCharFormat()

    @property
    def marks(self) -> list[ClaimMark]:
        return self._marks

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._formats.clear()
            self.rehighlight()

    def set_heading(self, end: int, *, point_size: float) -> None:
        """Show the text up to ``end`` (UTF-16) as the headline: bold and larger."""
        self._heading_end = end
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._heading.setFontPointSize(point_size * 1.5)
        self._formats.clear()
        if end:
            self._rehighlight_ranges([(0, end)])

    def set_marks(self, marks: list[ClaimMark]) -> None:
        """Replace the claims; only the blocks whose highlights changed are redone."""
        old = {(m.start, m.end, m.color) for m in self._marks}
        self._marks = sorted(marks, key=lambda m: (m.start, m.end, m.claim_id))
        self._starts = [m.start for m in self._marks]
        self._longest = max((m.end - m.start for m in self._marks), default=0)
        new = {(m.start, m.end, m.color) for m in self._marks}
        changed = old ^ new
        if len(changed) > 200:
            self.rehighlight()
            return
        self._rehighlight_ranges(sorted((start, end) for start, end, _ in changed))

    def marks_between(self, start: int, end: int) -> list[ClaimMark]:
        """Claims that share at least one character with ``[start, end)``."""
        first = bisect_left(self._starts, start - self._longest)
        found = []
        for mark in self._marks[first:]:
            if mark.start >= end:
                break
            if mark.end > start:
                found.append(mark)
        return found

    def marks_at(self, position: int) -> list[ClaimMark]:
        return self.marks_between(position, position + 1)

    def highlightBlock(self, text: str) -> None:
        block_start = self.currentBlock().position()
        block_end = block_start + len(text)
        heading = max(0, min(len(text), self._heading_end - block_start))
        if heading:
            self.setFormat(0, heading, self._heading)
        marks = self.marks_between(block_start, block_end) if self._marks else []
        if not marks:
            return
        edges = sorted(
            {block_start, block_end}
            | {m.start for m in marks if m.start > block_start}
            | {m.end for m in marks if m.end < block_end}
        )
        for left, right in pairwise(edges):
            colors = tuple(m.color for m in marks if m.start < right and m.end > left)
            if colors:
                in_heading = left - block_start < heading
                self.setFormat(left - block_start, right - left, self._format(colors, in_heading))

    def _format(self, colors: tuple[str, ...], in_heading: bool = False) -> QTextCharFormat:
        fmt = self._formats.get((colors, in_heading))
        if fmt is None:
            fmt = QTextCharFormat(self._heading) if in_heading else QTextCharFormat()
            if len(colors) == 1:
                fmt.setBackground(style.highlight_background(colors[0], dark=self._dark))
            else:
                fmt.setBackground(style.overlap_background(list(colors), dark=self._dark))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(style.underline_color(colors[1], dark=self._dark))
                fmt.setFontUnderline(True)
            self._formats[(colors, in_heading)] = fmt
        return fmt

    def _rehighlight_ranges(self, ranges: list[tuple[int, int]]) -> None:
        doc = self.document()
        done: set[int] = set()
        for start, end in ranges:
            block = doc.findBlock(start)
            while block.isValid() and block.position() <= end:
                if block.blockNumber() not in done:
                    done.add(block.blockNumber())
                    self.rehighlightBlock(block)
                block = block.next()
