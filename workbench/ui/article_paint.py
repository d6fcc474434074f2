"""Drawing on top of the article text: claim markers and the current claim's outline.

The markers carry the claim's number and its label's initial ("3A"), so colour is
never the only cue; they sit in the gap the spaced layout leaves above each line.
These are plain functions over a QPlainTextEdit so the view stays about events.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

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
    costs the square of the blocks on screen.
    """
    block = view.firstVisibleBlock()
    if not block.isValid():
        return []
    corner = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    x, top = corner.x(), corner.y()
    layout = view.document().documentLayout()
    bottom = view.viewport().height()
    found: list[tuple[QTextBlock, QPointF]] = []
    while block.isValid() and top <= bottom:
        found.append((block, QPointF(x, top)))
        top += layout.blockBoundingRect(block).height()
        block = block.next()
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
    """Draw the markers of the claims that start on screen; returns their rectangles.

    ``starts`` (the marks' starts, kept by the highlighter) spares rebuilding that list
    every paint. Each marker is placed from its block's own layout (one geometry look-up
    per block, not a ``cursorRect`` per claim: each of those asks the Python layout for
    block rectangles hundreds of times). ``blocks``: ``visible_blocks`` if the caller has
    them already (each walk asks the Python layout for every block on screen).
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
    font = badge_font(view)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    drawn: list[tuple[QRectF, int]] = []
    height = metrics.height()
    index = 0
    block, origin = blocks[0]
    for mark in marks[first:]:
        if mark.start >= end:
            break
        while mark.start >= block.position() + block.length() and index + 1 < len(blocks):
            index += 1
            block, origin = blocks[index]
        left, top = _caret(block, mark.start - block.position())
        badge = f"{number_of(mark.claim_id)}{mark.initial}"
        width = metrics.horizontalAdvance(badge) + 6
        rect = QRectF(origin.x() + left - 1, origin.y() + top - height + 2, width, height)
        for other, _ in drawn:
            if other.intersects(rect):
                rect.moveLeft(other.right() + 2)
        fill = style.marker_color(mark.color, dark=dark)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(style.text_on(fill))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge)
        drawn.append((rect, mark.claim_id))
    return drawn


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
