"""Claim highlights in the article text: a QSyntaxHighlighter that looks spans up per block.

ARCHITECTURE.md ("Article view"): formats applied by a highlighter installed *before*
the text is set scale to tens of thousands of highlights, where extra selections do
not. Each block asks for the claims that touch it (binary search over their starts;
the few claims longer than ``LONG_MARK`` are kept apart so one long claim does not
widen every search), cuts itself at every claim edge and gives each piece the tint of
the claims covering it. Where claims overlap, the tints are mixed and stronger and the
piece is underlined in the colour of the second claim, so an overlap is visible
without relying on hue.

Applying many claims at once (a new article, 10,000 claims) does not redo every block
in Python: the blocks on screen are redone at once (``highlight_now``), the rest are
marked pending and redone in short idle slices near the screen (``AHEAD``) or when
they come into view, whichever is first. A few changed claims (a tag, a retag) redo
only their blocks.

A redone block makes Qt's layout ask the view to repaint it, and the view first finds
where the block is by asking the (Python) layout for every block from the top of the
screen down to it: up to two screens of blocks, each laid out if it was not yet. For
blocks off screen that repaint is pointless, so idle slices hold the layout's signals
while they redo those (and send one size change at the end if the text grew or shrank
in lines): measured here, a slice gets through 1.3 to 2 times as many blocks.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import attrgetter, le

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from workbench.ui import style


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """What the view draws for one claim; offsets are Qt's (UTF-16 units)."""

    claim_id: int
    start: int
    end: int
    color: str
    initial: str
    """The label's initial; the marker shows it after the claim's number (``3A``), which
    is looked up when painting: a claim tagged near the top renumbers every later one."""


LONG_MARK = 2000
"""Claims longer than this (UTF-16 units) are looked up apart from the others."""
FEW_CHANGES = 200
"""More changed claims than this mark every block pending instead of finding theirs."""
SLICE_MS = 4.0
"""Longest run of pending blocks redone in one idle slice."""
AHEAD, BEHIND = 400, 100
"""Idle slices redo pending blocks this far after (before) the first block on screen;
farther blocks wait until they are shown (redoing all 14,000 blocks of a long text in
the background would cost seconds of CPU while the user works)."""

_ORDER = attrgetter("start", "end", "claim_id")


class ClaimHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, *, dark: bool = False) -> None:
        super().__init__(document)
        self._dark = dark
        self._marks: list[ClaimMark] = []
        self._starts: list[int] = []
        self._keys: set[tuple[int, int, str]] = set()
        self._long: list[ClaimMark] = []
        self._longest = 0
        self._pending = bytearray()
        """One flag per block number: its formats are stale (redo before it is shown)."""
        self._focus = 0
        """The first block on screen: idle slices start there (reading goes forward)."""
        self._screen_end = -1
        """The last text position on screen at the last paint (-1: not known yet)."""
        self._idle = QTimer(self, interval=0)
        self._idle.timeout.connect(self._on_idle)
        self._formats: dict[tuple[tuple[str, ...], bool], QTextCharFormat] = {}
        self._heading_end = 0
        self._heading = QTextCharFormat()

    @property
    def marks(self) -> list[ClaimMark]:
        return self._marks

    @property
    def starts(self) -> list[int]:
        """The marks' starts, in the order of ``marks`` (for bisecting)."""
        return self._starts

    @property
    def pending(self) -> int:
        """How many blocks still wait for their highlights."""
        return self._pending.count(1)

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._formats.clear()
            self._mark_all_pending()

    def set_heading(self, end: int, *, point_size: float) -> None:
        """Show the text up to ``end`` (UTF-16) as the headline: bold and larger."""
        self._heading_end = end
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._heading.setFontPointSize(point_size * 1.5)
        self._formats.clear()
        if end:
            self._rehighlight_ranges([(0, end)])

    def set_marks(self, marks: list[ClaimMark], *, redo: bool = True) -> None:
        """Replace the claims. A few changed claims redo their blocks now; many mark
        every block pending (see ``highlight_now``). ``redo=False``: the text is about
        to be replaced, which formats every block anyway."""
        old_keys = self._keys
        starts = [m.start for m in marks]
        if all(map(le, starts, islice(starts, 1, None))):  # in reading order already
            self._marks, self._starts = list(marks), starts
        else:
            self._marks = sorted(marks, key=_ORDER)
            self._starts = [m.start for m in self._marks]
        self._long = [m for m in self._marks if m.end - m.start > LONG_MARK]
        self._longest = max(
            (m.end - m.start for m in self._marks if m.end - m.start <= LONG_MARK), default=0
        )
        self._keys = {(m.start, m.end, m.color) for m in self._marks}
        if not redo:
            self.forget_pending()
            return
        many = abs(len(old_keys) - len(self._keys)) > FEW_CHANGES
        changed = set() if many else old_keys ^ self._keys
        if many or len(changed) > FEW_CHANGES:
            self._mark_all_pending()
            return
        self._rehighlight_ranges(sorted((start, end) for start, end, _ in changed))

    def covers(self, marks: list[ClaimMark]) -> bool:
        """Whether every one of ``marks`` is drawn already (same place and colour)."""
        keys = self._keys
        return all((m.start, m.end, m.color) in keys for m in marks)

    def marks_between(self, start: int, end: int) -> list[ClaimMark]:
        """Claims that share at least one character with ``[start, end)``."""
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end, first)
        found = [m for m in self._marks[first:last] if m.end > start]
        if self._long:
            found += [m for m in self._long if m.start < end and m.end > start and m not in found]
            found.sort(key=_ORDER)
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
                    self._redo(block)
                block = block.next()

    # --- pending blocks ---------------------------------------------------------------

    def forget_pending(self) -> None:
        """The text was replaced (every block formatted afresh): nothing is pending."""
        self._pending = bytearray()
        self._idle.stop()

    def highlight_now(self, first: QTextBlock, last_position: int) -> None:
        """Redo the pending blocks from ``first`` up to the one at ``last_position``
        (the blocks on screen), so they are right before they are painted. The view
        calls this on every paint: it is also how idle slices know what is on screen."""
        self._focus = first.blockNumber()
        self._screen_end = last_position
        if not self._pending:
            return
        if not self._idle.isActive() and self._next_near() >= 0:
            self._idle.start()
        block = first
        while block.isValid() and block.position() <= last_position:
            number = block.blockNumber()
            if number < len(self._pending) and self._pending[number]:
                self._redo(block)
            block = block.next()

    def _redo(self, block: QTextBlock, *, quiet: bool = False) -> None:
        """Highlight the block again; ``quiet``: without asking the view to repaint it
        (for a block off screen)."""
        number = block.blockNumber()
        if number < len(self._pending):
            self._pending[number] = 0
        if not quiet:
            self.rehighlightBlock(block)
            return
        layout = self.document().documentLayout()
        held = layout.blockSignals(True)
        try:
            self.rehighlightBlock(block)
        finally:
            layout.blockSignals(held)

    def _off_screen(self, block: QTextBlock) -> bool:
        if self._screen_end < 0:
            return False
        return block.blockNumber() < self._focus or block.position() > self._screen_end

    def _mark_all_pending(self) -> None:
        self._pending = bytearray(b"\x01") * self.document().blockCount()
        self._idle.start()

    def _next_near(self) -> int:
        """The pending block nearest after the screen (or just before it), or -1."""
        pending = self._pending
        ahead = pending.find(1, self._focus, self._focus + AHEAD)
        if ahead >= 0:
            return ahead
        return pending.find(1, max(0, self._focus - BEHIND), self._focus)

    def _on_idle(self) -> None:
        """Redo pending blocks near the screen for at most ``SLICE_MS``, then give the
        event loop back."""
        deadline = time.perf_counter() + SLICE_MS / 1000
        doc = self.document()
        layout = doc.documentLayout()
        size = layout.documentSize()
        try:
            number = self._next_near()
            while number >= 0:
                block = doc.findBlockByNumber(number)
                if not block.isValid():
                    self._pending = bytearray()  # the text changed under us
                    break
                self._redo(block, quiet=self._off_screen(block))
                if time.perf_counter() > deadline:
                    return
                number = self._next_near()
            self._idle.stop()
        finally:
            if layout.documentSize() != size:  # new line counts, held back: size the view
                layout.documentSizeChanged.emit(layout.documentSize())
