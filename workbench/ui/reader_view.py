"""A read-only text view for long reading: line spacing, reading width, zoom, find.

``ReaderView`` is the part of the article view that knows nothing of claims: a
QPlainTextEdit on a ``SpacedLayout`` (line spacing), side margins that keep lines near
72 characters, zoom by steps (Ctrl+wheel too), a see-through selection so highlights
stay visible under it, and find-in-text whose hits are extra selections. Subclasses
add their own passing overlays through ``overlays()``. Positions inside are Qt's
UTF-16 units; ``utf16`` converts to and from code points.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit, QWidget

from workbench.domain import Span
from workbench.text import Utf16Map
from workbench.ui.spaced_layout import SpacedLayout

READER_CHARS = 72
"""Widest line of text, in average characters; wider windows get side margins."""
READING_FONTS = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]
BASE_POINT_SIZE = 12.0
ZOOM_STEP = 1.1
FIND_COLOR = QColor(255, 213, 79, 150)


class ReaderView(QPlainTextEdit):
    zoomChanged = Signal(int)
    readerMarginChanged = Signal(int)
    """The side margin that keeps lines at reading width (a header can follow it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        document = QTextDocument(self)
        self._layout = SpacedLayout(document)
        document.setDocumentLayout(self._layout)
        document.setDocumentMargin(14)
        self.setDocument(document)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptDrops(False)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self._text = ""
        self._map = Utf16Map("")
        self._find_hits: list[tuple[int, int]] = []
        self._find_index = -1
        self._zoom = 0
        self.setFont(self._reading_font())
        self._apply_selection_palette()

    @property
    def text(self) -> str:
        """The text shown, as Python code points."""
        return self._text

    @property
    def utf16(self) -> Utf16Map:
        return self._map

    def show_text(self, text: str) -> None:
        self._text = text
        self._map = Utf16Map(text)
        self._find_hits, self._find_index = [], -1
        self.setPlainText(text)

    # --- find -------------------------------------------------------------------------

    def find_all(self, needle: str) -> int:
        """Mark every match of ``needle`` (case-insensitive); returns how many."""
        self._find_hits = []
        if needle:
            for m in re.finditer(re.escape(needle), self._text, flags=re.IGNORECASE):
                self._find_hits.append(self._map.span_to_utf16(Span(m.start(), m.end())))
        self._find_index = -1
        self.refresh_overlays()
        return len(self._find_hits)

    def find_next(self, *, backward: bool = False) -> int:
        """Select the next (or previous) match; returns its 0-based index, or -1."""
        if not self._find_hits:
            return -1
        step = -1 if backward else 1
        self._find_index = (self._find_index + step) % len(self._find_hits)
        start, end = self._find_hits[self._find_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        return self._find_index

    # --- zoom and reading width -------------------------------------------------------

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(-6, min(12, steps))
        self.setFont(self._reading_font())
        self._update_margins()
        self.zoomChanged.emit(self._zoom)

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self._zoom + steps)

    def reader_margins(self) -> tuple[int, int]:
        margins = self.viewportMargins()
        return margins.left(), margins.right()

    def _reading_font(self) -> QFont:
        font = QFont()
        font.setFamilies(READING_FONTS)
        font.setPointSizeF(BASE_POINT_SIZE * ZOOM_STEP**self._zoom)
        return font

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(self.font())
        per_char = metrics.horizontalAdvance("abcdefghijklmnopqrstuvwxyz") / 26
        reader = per_char * READER_CHARS + 2 * self.document().documentMargin()
        scrollbar = self.verticalScrollBar()
        bar = scrollbar.sizeHint().width() if scrollbar.isVisible() else 0
        room = self.width() - 2 * self.frameWidth() - bar
        side = max(0, int((room - reader) / 2))
        if self.reader_margins() != (side, side):
            self.setViewportMargins(side, 0, side, 0)
            self.readerMarginChanged.emit(side)

    # --- events -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_selection_palette()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    # --- overlays (extra selections) ---------------------------------------------------

    def overlays(self) -> list[QTextEdit.ExtraSelection]:
        """Passing marks a subclass adds on top of the text (hover, flash, ...)."""
        return []

    def refresh_overlays(self) -> None:
        selections = [self.extra(start, end, FIND_COLOR) for start, end in self._find_hits]
        self.setExtraSelections(selections + self.overlays())

    def _apply_selection_palette(self) -> None:
        """A see-through selection, so the claims under it keep their colours.

        Only the two selection roles are set; every other role still comes from the
        theme, so switching between light and dark reaches this view too.
        """
        theme = QApplication.palette(self)
        highlight = QColor(theme.color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(90)
        text = theme.color(QPalette.ColorRole.Text)
        current = self.palette()
        if (
            current.color(QPalette.ColorRole.Highlight) == highlight
            and current.color(QPalette.ColorRole.HighlightedText) == text
        ):
            return
        own = QPalette()  # no roles set: the rest resolves from the theme
        own.setColor(QPalette.ColorRole.Highlight, highlight)
        own.setColor(QPalette.ColorRole.HighlightedText, text)
        self.setPalette(own)

    def extra(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        selection.cursor = cursor  # type: ignore[misc]
        selection.format = fmt  # type: ignore[misc]
        return selection
