"""Drawing on top of the article text: claim markers and the current claim's outline.

The markers carry the claim's number and its label's initial ("3A"), so colour is
never the only cue; they sit in the gap the spaced layout leaves above each line.
These are plain functions over a QPlainTextEdit so the view stays about events.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from workbench.ui import style
from workbench.ui.highlighter import ClaimMark


def visible_blocks(view: QPlainTextEdit) -> list[tuple[QTextBlock, QPointF]]:
    """The blocks in the viewport, each with its top-left corner in viewport pixels.

    One ``blockBoundingGeometry`` for the first block, then the layout's block heights:
    ``blockBoundingGeometry`` walks from the first visible block to the one asked for,
    asking the (Python) layout for every block in between, so calling it per block
    costs the square of the blocks on screen. Blocks shown for the first time are laid
    out here, and each one whose line count differs from Qt's guess of one line tells
    the view the document's size changed, which makes it walk the last page of blocks
    to size the scroll bar: the layout holds those signals during the walk and sends
    one at the end.
    """
    block = view.firstVisibleBlock()
    if not block.isValid():
        return []
    corner = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    x, top = corner.x(), corner.y()
    layout = view.document().documentLayout()
    bottom = view.viewport().height()
    found: list[tuple[QTextBlock, QPointF]] = []
    size = layout.documentSize()
    was_blocked = layout.blockSignals(True)
    try:
        while block.isValid() and top <= bottom:
            found.append((block, QPointF(x, top)))
            top += layout.blockBoundingRect(block).height()
            block = block.next()
    finally:
        layout.blockSignals(was_blocked)
    if not was_blocked and layout.documentSize() != size:
        layout.documentSizeChanged.emit(layout.documentSize())
    return found


def visible_range(view: QPlainTextEdit) -> tuple[int, int]:
    """The first and last text positions (UTF-16) in the viewport."""
    blocks = visible_blocks(view)
    if not blocks:
        return 0, 0
    last = blocks[-1][0]
    return blocks[0][0].position(), last.position() + last.length()


def span_rects(view: QPlainTextEdit, start: int, end: int) -> list[QRectF]:
    """One rectangle per line the UTF-16 range ``[start, end)`` covers, in viewport pixels."""
    doc = view.document()
    rects: list[QRectF] = []
    block = doc.findBlock(start)
    offset = view.contentOffset()
    while block.isValid() and block.position() < end:
        origin = view.blockBoundingGeometry(block).translated(offset).topLeft()
        layout = block.layout()
        base = block.position()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            left = max(start - base, line.textStart())
            right = min(end - base, line.textStart() + line.textLength())
            if left >= right:
                continue
            x1 = _x(line, left)
            x2 = _x(line, right)
            rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
        block = block.next()
    return rects


def _x(line: object, position: int) -> float:
    result = line.cursorToX(position)  # type: ignore[attr-defined]
    return float(result[0] if isinstance(result, tuple) else result)


def badge_font(view: QPlainTextEdit) -> QFont:
    font = QFont(view.font())
    font.setPointSizeF(max(6.5, view.font().pointSizeF() * 0.6))
    font.setBold(True)
    return font


_NO_PEN = Qt.PenStyle.NoPen
_CENTER = Qt.AlignmentFlag.AlignCenter
_ANTIALIASING = QPainter.RenderHint.Antialiasing


class _BadgeStyle:
    """What drawing markers in one font needs, worked out once: the font, its height,
    each marker text's width and each label colour's fill and text colours."""

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.height = self.metrics.height()
        self._widths: dict[str, float] = {}
        self._colors: dict[tuple[str, bool], tuple[QColor, QColor]] = {}

    def width(self, badge: str) -> float:
        width = self._widths.get(badge)
        if width is None:
            if len(self._widths) > 4096:
                self._widths.clear()
            width = self._widths[badge] = self.metrics.horizontalAdvance(badge) + 6
        return width

    def colors(self, color: str, *, dark: bool) -> tuple[QColor, QColor]:
        """The marker's fill and its text colour for a label colour."""
        pair = self._colors.get((color, dark))
        if pair is None:
            fill = style.marker_color(color, dark=dark)
            pair = self._colors[(color, dark)] = (fill, style.text_on(fill))
        return pair


_badge_styles: dict[str, _BadgeStyle] = {}


def _badge_style(view: QPlainTextEdit) -> _BadgeStyle:
    key = view.font().key()
    found = _badge_styles.get(key)
    if found is None:
        if len(_badge_styles) >= 8:  # zoom steps seen lately
            _badge_styles.clear()
        found = _badge_styles[key] = _BadgeStyle(badge_font(view))
    return found


@dataclass(frozen=True, slots=True)
class Badge:
    """A claim's marker, placed: its rectangle in viewport pixels, text and label colour."""

    rect: QRectF
    claim_id: int
    text: str
    color: str


def place_badges(
    view: QPlainTextEdit,
    marks: list[ClaimMark],
    *,
    number_of: Callable[[int], int],
    starts: list[int] | None = None,
    blocks: list[tuple[QTextBlock, QPointF]] | None = None,
) -> list[Badge]:
    """Where the markers of the claims that start on screen go.

    ``starts`` (the marks' starts, kept by the highlighter) spares rebuilding that list
    every paint. Each marker is placed from its block's own layout (one geometry look-up
    per block, not a ``cursorRect`` per claim: each of those asks the Python layout for
    block rectangles hundreds of times). ``blocks``: ``visible_blocks`` if the caller has
    them already (each walk asks the Python layout for every block on screen).

    Place them before the text is painted: drawing a block's text frees its shaped
    glyphs (a QTextLayout keeps no cache by default), and finding a marker's place
    afterwards shapes the line again (about ten times the cost).
    """
    if not marks:
        return []
    if blocks is None:
        blocks = visible_blocks(view)
    if not blocks:
        return []
    start = blocks[0][0].position()
    end = blocks[-1][0].position() + blocks[-1][0].length()
    if starts is None:
        starts = [m.start for m in marks]
    first = bisect_left(starts, start)
    shown = marks[first : bisect_left(starts, end, first)]
    if not shown:
        return []
    look = _badge_style(view)
    height = look.height
    placed: list[Badge] = []
    index = 0
    block, origin = blocks[0]
    block_end = block.position() + block.length()
    for mark in shown:
        while mark.start >= block_end and index + 1 < len(blocks):
            index += 1
            block, origin = blocks[index]
            block_end = block.position() + block.length()
        left, top = _caret(block, mark.start - block.position())
        text = f"{number_of(mark.claim_id)}{mark.initial}"
        rect = QRectF(
            origin.x() + left - 1, origin.y() + top - height + 2, look.width(text), height
        )
        for other in placed:
            if other.rect.intersects(rect):
                rect.moveLeft(other.rect.right() + 2)
        placed.append(Badge(rect, mark.claim_id, text, mark.color))
    return placed


def draw_badges(
    view: QPlainTextEdit, painter: QPainter, badges: list[Badge], *, dark: bool
) -> list[tuple[QRectF, int]]:
    """Draw placed markers; returns their rectangles and claims."""
    if not badges:
        return []
    look = _badge_style(view)
    painter.setFont(look.font)
    painter.setRenderHint(_ANTIALIASING)
    for badge in badges:
        fill, ink = look.colors(badge.color, dark=dark)
        painter.setPen(_NO_PEN)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge.rect, 3, 3)
        painter.setPen(ink)
        painter.drawText(badge.rect, _CENTER, badge.text)
    return [(badge.rect, badge.claim_id) for badge in badges]


def paint_badges(
    view: QPlainTextEdit,
    painter: QPainter,
    marks: list[ClaimMark],
    *,
    dark: bool,
    number_of: Callable[[int], int],
    starts: list[int] | None = None,
    blocks: list[tuple[QTextBlock, QPointF]] | None = None,
) -> list[tuple[QRectF, int]]:
    """Place and draw the markers of the claims that start on screen (see
    ``place_badges``); returns their rectangles and claims."""
    placed = place_badges(view, marks, number_of=number_of, starts=starts, blocks=blocks)
    return draw_badges(view, painter, placed, dark=dark)


def _caret(block: QTextBlock, position: int) -> tuple[float, float]:
    """Left edge and line top of a position inside a block, relative to the block."""
    layout = block.layout()
    line = layout.lineForTextPosition(position)
    if not line.isValid():
        return 0.0, 0.0
    return _x(line, position), line.y()


def paint_outline(view: QPlainTextEdit, painter: QPainter, mark: ClaimMark, *, dark: bool) -> None:
    """A frame around the current claim's words, in its label's marker colour."""
    color = QColor(style.marker_color(mark.color, dark=dark))
    pen = QPen(color, 1.6)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for rect in span_rects(view, mark.start, mark.end):
        painter.drawRoundedRect(rect.adjusted(-1.5, -0.5, 1.5, 0.5), 2.5, 2.5)
