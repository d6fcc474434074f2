"""The article text: read-only, claims highlighted, the reader's selection mapped to spans.

A ``ReaderView`` (a read-only QPlainTextEdit for reading) with a ClaimHighlighter
installed before the text is set (ARCHITECTURE.md, "Article view"). Extra selections
are used only for what is small and passing: the hovered sentence, extra picked
sentences, find hits and the flash of a claim picked in the table. Clicking selects a
sentence (Ctrl+click adds one, Shift+click extends); dragging selects any words
(snapped to whole words); clicking a highlight picks its claim. Qt counts UTF-16
units; every span leaves this view as code points through ``Utf16Map``.

A long article's text is not set on the GUI thread: ``prepared_text.prepare_text`` lays
it into a QTextDocument (with its highlighter and every claim's formats) on a worker,
in slices, and hands it to the GUI thread; ``expect`` tells the view, and
``set_article`` then swaps that document in (a few milliseconds) instead of calling
``setPlainText`` (hundreds).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from workbench.domain import Article, Span
from workbench.text import sentence_at, sentences_in, snap_to_words
from workbench.ui import article_paint, style
from workbench.ui.highlighter import ClaimHighlighter, ClaimMark
from workbench.ui.prepared_text import PreparedText
from workbench.ui.reader_view import ReaderView

FLASH_TICKS = 5
FLASH_INTERVAL_MS = 130


class ArticleView(ReaderView):
    claimClicked = Signal(object)
    """The reader picked a claim in the text (its id), or clicked away from claims (None)."""
    claimActivated = Signal(int)
    """Double-click or Enter on a claim: open it for editing."""
    contextMenuWanted = Signal(QPoint, list)
    """Right-click (or the menu key): global position and the claim ids under it."""
    spansChanged = Signal()
    """What ``selected_spans()`` returns has changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName("Article text")
        # Installed before any text is set, so every block is formatted on first layout.
        self._highlighter = ClaimHighlighter(self.document(), dark=style.is_dark(self.palette()))
        self.viewport().setMouseTracking(True)
        self._sentences: tuple[Span, ...] = ()
        self._picked: list[Span] = []
        self._anchor: Span | None = None
        self._hover: Span | None = None
        self._current: int | None = None
        self._marks: dict[int, ClaimMark] = {}
        self._flash: tuple[int, int] | None = None
        self._flash_ticks = 0
        self._flash_timer = QTimer(self, interval=FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self._on_flash_tick)
        self._press: QPoint | None = None
        self._picks_at_press: list[Span] = []
        self._quiet = False
        self._heading = 0
        self._tooltip_of: Callable[[int], str] = lambda _claim_id: ""
        self._number_of: Callable[[int], int] = lambda _claim_id: 0
        self._prepared: PreparedText | None = None
        self._settling = False
        """The document came from a worker with every claim's highlight, and the claims
        are still being handed out: marks it already draws change nothing."""
        self.selectionChanged.connect(self._on_selection_changed)

    # --- content ----------------------------------------------------------------------

    @property
    def highlighter(self) -> ClaimHighlighter:
        return self._highlighter

    def set_number_source(self, number_of: Callable[[int], int]) -> None:
        """Where the markers get each claim's number (the open article's reading order)."""
        self._number_of = number_of

    def number_of(self, claim_id: int) -> int:
        return self._number_of(claim_id)

    def set_tooltip_source(self, tooltip_of: Callable[[int], str]) -> None:
        """Where a highlight's tooltip comes from (claim id to HTML), asked on hover only."""
        self._tooltip_of = tooltip_of

    def expect(self, prepared: PreparedText, *, sentences: tuple[Span, ...] = ()) -> None:
        """Swap in a document built on a worker now (its article follows on a later turn
        of the event loop: two shorter stalls instead of one); the next ``set_article``
        of the same text keeps it instead of laying the text out again."""
        self._prepared = prepared
        self._reset_reading(sentences)
        self._quiet = True
        self._adopt(prepared)
        self._quiet = False
        self.refresh_overlays()

    def set_article(self, article: Article | None) -> None:
        prepared, self._prepared = self._prepared, None
        shown = (
            prepared is not None
            and article is not None
            and self.document() is prepared.document
            and prepared.text == article.text
        )
        if not shown:
            self._settling = False
            self._highlighter.set_marks([], redo=False)  # setPlainText formats every block
            self._highlighter.set_heading(0, point_size=self.font().pointSizeF())
        self._reset_reading(article.sentences if article is not None else ())
        if not shown:
            self._quiet = True
            self.show_text(article.text if article is not None else "")
            self._highlighter.forget_pending()
            self._quiet = False
        self.refresh_overlays()

    def _reset_reading(self, sentences: tuple[Span, ...]) -> None:
        """A new text: no heading, marks, picks, hover, current claim or flash yet."""
        self._heading = 0
        self._marks = {}
        self._sentences = sentences
        self._picked, self._anchor, self._hover, self._current = [], None, None, None
        self._flash = None

    def _adopt(self, prepared: PreparedText) -> None:
        """Show a document built on a worker, with its highlighter (already formatted)."""
        old = self.document()
        document = prepared.document
        document.setParent(self)
        document.setDefaultFont(self.font())  # the zoom may have changed meanwhile
        self.setDocument(document)
        self._layout = prepared.layout
        self._highlighter = prepared.highlighter
        self._highlighter.set_dark(style.is_dark(self.palette()))
        self._text, self._map = prepared.text, prepared.utf16
        self._find_hits, self._find_index = [], -1
        self._settling = True
        old.deleteLater()  # with its highlighter

    def set_heading(self, length: int) -> None:
        """The text's first ``length`` code points are its headline (0: none)."""
        self._heading = length
        self._highlighter.set_heading(
            self._map.to_utf16(min(length, self._map.length)), point_size=self.font().pointSizeF()
        )

    def set_zoom(self, steps: int) -> None:
        super().set_zoom(steps)
        if self._heading:
            self.set_heading(self._heading)

    def set_marks(self, marks: list[ClaimMark]) -> None:
        """Show these claims: the blocks on screen at once, the rest as they are needed."""
        settled = not self._settling
        if self._settling and len(marks) < len(self._highlighter.marks):
            # Part of the claims of a document built with all of them: nothing to draw.
            settled = not self._highlighter.covers(marks)
        self._marks = {m.claim_id: m for m in marks}
        if self._current not in self._marks:
            self._current = None
        if settled:
            self._settling = False
            self._highlighter.set_marks(marks)
            self._highlight_visible()
            self.viewport().update()

    def _highlight_visible(self) -> None:
        """Redo the blocks on screen that still wait for their highlights."""
        if self._highlighter.pending:
            _start, end = article_paint.visible_range(self)
            self._highlighter.highlight_now(self.firstVisibleBlock(), end)

    def marks_at(self, position: int) -> list[ClaimMark]:
        """Claims under a Qt text position, the shortest (innermost) first."""
        return sorted(self._highlighter.marks_at(position), key=lambda m: m.end - m.start)

    # --- selection --------------------------------------------------------------------

    def selected_spans(self) -> list[Span]:
        """What a tag action would tag, in code points: picked sentences or the selection."""
        if self._picked:
            return sorted(self._picked)
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self._text:
            return []
        span = self._map.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd())
        snapped = snap_to_words(self._text, span)
        return [snapped] if len(snapped) else []

    def select_spans(self, spans: list[Span]) -> None:
        """Pick these code-point spans (sentences, usually) as the selection to tag."""
        self._picked = sorted(spans)
        self._anchor = self._picked[0] if self._picked else None
        self._quiet = True
        cursor = QTextCursor(self.document())
        if self._picked:
            last = self._picked[-1]
            cursor.setPosition(self._map.to_utf16(last.start))
            cursor.setPosition(self._map.to_utf16(last.end), QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(self.textCursor().position())
        self.setTextCursor(cursor)
        self._quiet = False
        self.refresh_overlays()
        self.spansChanged.emit()

    def clear_selection(self) -> None:
        self.select_spans([])

    def sentence_at(self, offset: int) -> Span | None:
        return sentence_at(self._sentences, offset)

    def set_current_claim(self, claim_id: int | None) -> None:
        if claim_id != self._current:
            self._current = claim_id if claim_id in self._marks else None
            self.viewport().update()

    def reveal_claim(self, claim_id: int, *, flash: bool = True) -> None:
        """Scroll the claim into view (centred if it was off screen) and flash it."""
        mark = self._marks.get(claim_id)
        if mark is None:
            return
        if not self.claim_in_view(claim_id):
            self._quiet = True
            cursor = QTextCursor(self.document())
            cursor.setPosition(mark.start)
            self.setTextCursor(cursor)
            self.centerCursor()
            self._quiet = False
        if flash:
            self._flash, self._flash_ticks = (mark.start, mark.end), FLASH_TICKS
            self._flash_timer.start()
            self.refresh_overlays()

    def claim_in_view(self, claim_id: int) -> bool:
        """Whether the claim's text is on screen (its paragraphs at least partly)."""
        mark = self._marks.get(claim_id)
        if mark is None:
            return False
        first, last = article_paint.visible_range(self)
        return first <= mark.start and mark.end <= last

    @property
    def flashing(self) -> bool:
        return self._flash is not None

    def point_of(self, offset: int) -> QPoint:
        """Viewport point in the middle of the character at code-point ``offset``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_utf16(offset))
        rect = self.cursorRect(cursor)
        return QPoint(rect.left() + 2, rect.center().y())

    # --- events -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        highlighter = getattr(self, "_highlighter", None)  # None while being built
        if event.type() in palette_events and highlighter is not None:
            highlighter.set_dark(style.is_dark(self.palette()))

    def paintEvent(self, event: QPaintEvent) -> None:
        blocks = article_paint.visible_blocks(self)  # once: the badges need them too
        if blocks:  # also tells the highlighter what is on screen
            last = blocks[-1][0]
            self._highlighter.highlight_now(blocks[0][0], last.position() + last.length())
        badges = article_paint.place_badges(  # before the text is drawn (see there)
            self,
            self._highlighter.marks,
            number_of=self._number_of,
            starts=self._highlighter.starts,
            blocks=blocks,
        )
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        dark = style.is_dark(self.palette())
        current = self._marks.get(self._current) if self._current is not None else None
        if current is not None:
            article_paint.paint_outline(self, painter, current, dark=dark)
        article_paint.draw_badges(self, painter, badges, dark=dark)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        self._picks_at_press = list(self._picked)
        modifiers = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if event.button() == Qt.MouseButton.LeftButton and modifiers and self._picked:
            return  # a Ctrl/Shift click on sentences: handled on release, keep the picks
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press).manhattanLength() > 3
        self._press = None
        if moved and self.textCursor().hasSelection():
            self._snap_selection()
        else:
            self._on_click(pos, event.modifiers())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        marks = self.marks_at(self.cursorForPosition(event.position().toPoint()).position())
        if marks:
            self.claimActivated.emit(marks[0].claim_id)
            return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton and self._text:
            position = self.cursorForPosition(event.position().toPoint()).position()
            self._set_hover(self.sentence_at(self._map.from_utf16(position)))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._set_hover(None)
        elif event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            marks = self.marks_at(self.cursorForPosition(pos).position())
            if marks:
                tip = "<hr>".join(self._tooltip_of(m.claim_id) for m in marks)
                QToolTip.showText(event.globalPos(), tip, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current is not None:
            self.claimActivated.emit(self._current)
        elif key == Qt.Key.Key_Escape:
            self.clear_selection()
            self._pick_claim(None)
        elif alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step_sentence(key == Qt.Key.Key_Down, add=shift)
        elif alt and key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.step_claim(key == Qt.Key.Key_Right)
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        position = self.cursorForPosition(event.pos()).position()
        ids = [m.claim_id for m in self.marks_at(position)]
        if ids and self._current not in ids:
            self._pick_claim(ids[0])
        if not ids and not self.selected_spans() and self._text:
            sentence = self.sentence_at(self._map.from_utf16(position))
            if sentence is not None:
                self.select_spans([sentence])
        self.contextMenuWanted.emit(event.globalPos(), ids)

    # --- handlers ---------------------------------------------------------------------

    def _on_selection_changed(self) -> None:
        if self._quiet:
            return
        if self._picked:
            self._picked = []
            self.refresh_overlays()
        self.spansChanged.emit()

    def _on_click(self, pos: QPoint, modifiers: Qt.KeyboardModifier) -> None:
        if not self._text:
            return
        position = self.cursorForPosition(pos).position()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        marks = [] if (ctrl or shift) else self.marks_at(position)
        if marks:
            ids = [m.claim_id for m in marks]
            after = ids.index(self._current) + 1 if self._current in ids else 0
            self.clear_selection()
            self._pick_claim(ids[after % len(ids)])
            return
        sentence = self.sentence_at(self._map.from_utf16(position))
        picks = self._picks_at_press
        if sentence is None:
            chosen = picks if ctrl else []
        elif ctrl:
            chosen = [s for s in picks if s != sentence] + ([] if sentence in picks else [sentence])
        elif shift and self._anchor is not None:
            low, high = min(self._anchor, sentence), max(self._anchor, sentence)
            chosen = list(sentences_in(self._sentences, Span(low.start, high.end)))
        else:
            chosen = [sentence]
        anchor = self._anchor if (shift and self._anchor is not None) else sentence
        self.select_spans(chosen)
        self._anchor = anchor
        self._pick_claim(None)

    def _pick_claim(self, claim_id: int | None) -> None:
        self.set_current_claim(claim_id)
        self.claimClicked.emit(claim_id)

    def _snap_selection(self) -> None:
        spans = self.selected_spans()
        if not spans:
            return
        cursor = self.textCursor()
        start, end = self._map.span_to_utf16(spans[0])
        forward = cursor.position() >= cursor.anchor()
        cursor.setPosition(start if forward else end)
        cursor.setPosition(end if forward else start, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def step_sentence(self, forward: bool, *, add: bool = False) -> None:
        """Select the next (previous) sentence; with ``add``, add it to the selection."""
        if not self._sentences:
            return
        here = self._map.from_utf16(self.textCursor().position())
        if forward:
            following = [s for s in self._sentences if s.start >= here]
            target = following[0] if following else None
        else:
            edge = self._picked[0].start if self._picked else here
            before = [s for s in self._sentences if s.end <= edge]
            target = before[-1] if before else None
        if target is None:
            return
        self.select_spans([*self._picked, target] if add else [target])
        self._pick_claim(None)

    def step_claim(self, forward: bool) -> None:
        """Pick the next (previous) claim in the text and bring it into view."""
        marks = self._highlighter.marks
        if not marks:
            return
        here = self.textCursor().position()
        current = self._marks.get(self._current) if self._current is not None else None
        if current is not None:
            here = current.start
        ahead = [m for m in marks if (m.start > here if forward else m.start < here)]
        target = (
            (ahead[0] if forward else ahead[-1]) if ahead else (marks[0] if forward else marks[-1])
        )
        self._pick_claim(target.claim_id)
        self.reveal_claim(target.claim_id)

    def _set_hover(self, sentence: Span | None) -> None:
        if sentence != self._hover:
            self._hover = sentence
            self.refresh_overlays()

    def _on_flash_tick(self) -> None:
        self._flash_ticks -= 1
        if self._flash_ticks <= 0:
            self._flash_timer.stop()
            self._flash = None
        self.refresh_overlays()

    def overlays(self) -> list[QTextEdit.ExtraSelection]:
        pal = self.palette()
        selections = []
        for span in self._picked[:-1]:
            start, end = self._map.span_to_utf16(span)
            selections.append(self.extra(start, end, pal.color(QPalette.ColorRole.Highlight)))
        if self._hover is not None:
            hover = QColor(pal.color(QPalette.ColorRole.Text))
            hover.setAlpha(18)
            selections.append(self.extra(*self._map.span_to_utf16(self._hover), hover))
        if self._flash is not None and self._flash_ticks % 2 == 1:
            flash = QColor(pal.color(QPalette.ColorRole.Highlight))
            flash.setAlpha(140)
            selections.append(self.extra(*self._flash, flash))
        return selections
