"""Search everything: a query field and the articles, claims and notes that match it.

``SearchPanel`` runs ``services.search.search(query)`` as the user types, 150 ms after
the last key, on a worker thread (a team server is across the network); an answer to
an older query than the newest is dropped. Each result shows its kind, a title (a
claim's article, an article's or note's own title) and the snippet with the matched
words in bold; everything is HTML-escaped before the bold goes in. Enter or a
double-click emits ``hitActivated(SearchHit)``: the window decides what opens.
Results follow the change bus while a query is shown.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.domain import Changes, SearchHit
from workbench.domain.events import MATCH_CLOSE, MATCH_OPEN
from workbench.ui import workers

if TYPE_CHECKING:
    from workbench.services import Services

DEBOUNCE_MS = 150
HIT_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
HEADER_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2
KINDS = {"article": "Article", "claim": "Claim", "note": "Evidence note"}
_MARKED = re.compile(f"{MATCH_OPEN}([^{MATCH_OPEN}{MATCH_CLOSE}]*){MATCH_CLOSE}")
"""A match as the search marks it in a snippet: ``⟦words⟧``."""


def snippet_html(snippet: str) -> str:
    """The snippet escaped, then its ``[match]`` markers as bold."""
    return _MARKED.sub(r"<b>\1</b>", html.escape(" ".join(snippet.split())))


def plain_snippet(snippet: str) -> str:
    return _MARKED.sub(r"\1", " ".join(snippet.split()))


def hit_header(hit: SearchHit, article_title: str = "") -> tuple[str, str]:
    """The first line of a result, plain text: its kind ("CLAIM IN") and a title."""
    kind = KINDS.get(hit.kind, hit.kind.capitalize()).upper()
    if hit.kind == "claim" and article_title:
        return f"{kind} IN", article_title
    return kind, hit.title


class HitDelegate(QStyledItemDelegate):
    """A result in two parts: its kind (small, bold) and title on one elided line, then the
    snippet as rich text wrapped to the list's width (the matches in bold)."""

    PAD = 5

    def _document(self, opt: QStyleOptionViewItem, text: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        widget = opt.widget
        width = widget.viewport().width() if widget is not None else opt.rect.width()  # type: ignore[attr-defined]
        doc.setTextWidth(max(80, width - 2 * self.PAD))
        return doc

    @staticmethod
    def _kind_font(opt: QStyleOptionViewItem) -> QFont:
        font = QFont(opt.font)
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setBold(True)
        return font

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        ink = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = ink if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        kind, title = index.data(HEADER_ROLE) or ("", "")
        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.save()
        line = QFontMetrics(opt.font).height()
        kind_font = self._kind_font(opt)
        painter.setFont(kind_font)
        painter.setPen(muted)
        header = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, kind)
        shift = QFontMetrics(kind_font).horizontalAdvance(kind) + 8
        painter.setFont(opt.font)
        painter.setPen(ink)
        elided = QFontMetrics(opt.font).elidedText(
            title, Qt.TextElideMode.ElideRight, max(0, rect.width() - shift)
        )
        painter.drawText(
            header.adjusted(shift, 0, 0, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            elided,
        )
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, ink)
        painter.translate(rect.left(), rect.top() + line + 2)
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height() - line - 2))
        doc = self._document(opt, text)  # kept: the layout dies with its document
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, opt.text)
        line = QFontMetrics(opt.font).height()
        height = line + 2 + int(doc.size().height()) + 2 * self.PAD
        return QSize(int(doc.idealWidth()) + 2 * self.PAD, height)


class ResultList(QListWidget):
    """Enter activates the current result (``itemActivated`` is platform-dependent)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.itemActivated.emit(item)
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    hitActivated = Signal(object)
    """The user chose a result (``SearchHit``)."""
    searched = Signal(str)
    """Results for this query are shown."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._services = services
        self._generation = 0
        self._shown = ""
        self._activate_when_found = False
        self.query = QLineEdit(objectName="searchQuery")
        self.query.setPlaceholderText("Search claims, notes and articles…")
        self.query.setAccessibleName("Search all articles")
        self.query.setClearButtonEnabled(True)
        self.results = ResultList(objectName="searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.count = QLabel(objectName="searchCount")
        self.count.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.query.textChanged.connect(self._on_query_changed)
        self.query.returnPressed.connect(self._on_return_pressed)
        self.query.installEventFilter(self)
        self.results.itemActivated.connect(self._on_item_activated)
        handler = self._on_changes
        services.bus.subscribe(handler)
        self.destroyed.connect(lambda: services.bus.unsubscribe(handler))
        self._show_hits("", [], {})

    def hits(self) -> list[SearchHit]:
        return [self.results.item(i).data(HIT_ROLE) for i in range(self.results.count())]

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def search_now(self) -> None:
        """Search for the field's text at once (the timer does it while typing)."""
        self._timer.stop()
        self._on_timer()

    # --- handlers ---------------------------------------------------------------------

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Down in the query field moves into the results."""
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.results.count()
        ):
            self.results.setFocus()
            self.results.setCurrentRow(max(0, self.results.currentRow()))
            return True
        return super().eventFilter(watched, event)

    def _on_query_changed(self, _text: str) -> None:
        self._timer.start()

    def _on_timer(self) -> None:
        query = self.query.text().strip()
        self._generation += 1
        generation = self._generation
        if not query:
            self._show_hits("", [], {})
            return
        search, articles = self._services.search, self._services.articles

        def work(job: workers.Job) -> tuple[list[SearchHit], dict[int, str]]:
            hits = search.search(query)
            titles = {}
            if any(hit.kind == "claim" for hit in hits):
                titles = {a.id: a.title for a in articles.summaries()}
            return hits, titles

        workers.start(
            work,
            on_done=lambda found: self._on_found(generation, query, found),
            on_error=lambda err: self._on_failed(generation, err),
        )

    def _on_found(
        self, generation: int, query: str, found: tuple[list[SearchHit], dict[int, str]]
    ) -> None:
        if generation == self._generation and isValid(self):
            self._show_hits(query, *found)
            if self._activate_when_found:
                self._activate_when_found = False
                self._on_return_pressed()

    def _on_failed(self, generation: int, err: BaseException) -> None:
        if generation == self._generation and isValid(self):
            self._activate_when_found = False
            self.results.clear()
            self.count.setText(f"The search failed: {err}")

    def _on_return_pressed(self) -> None:
        """Open the current (else the first) result, once the results are for this text."""
        if self._timer.isActive() or self._shown != self.query.text().strip():
            self._activate_when_found = True
            self.search_now()
            return
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._on_item_activated(item)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.hitActivated.emit(item.data(HIT_ROLE))

    def _on_changes(self, changes: Changes) -> None:
        if isValid(self) and changes and self.isVisible() and self.query.text().strip():
            self._timer.start()

    def _show_hits(self, query: str, hits: list[SearchHit], titles: dict[int, str]) -> None:
        current = self.results.currentItem()
        keep = current.data(HIT_ROLE) if current is not None else None
        self.results.clear()
        for hit in hits:
            title = titles.get(hit.article_id, "") if hit.article_id is not None else ""
            kind, heading = hit_header(hit, title)
            item = QListWidgetItem(snippet_html(hit.snippet))
            item.setData(HIT_ROLE, hit)
            item.setData(HEADER_ROLE, (kind, heading))
            item.setToolTip(f"{heading}\n\n{plain_snippet(hit.snippet)}")
            spoken = f"{kind.capitalize()}: {heading}: {plain_snippet(hit.snippet)}"
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            self.results.addItem(item)
            if keep is not None and (hit.kind, hit.ref_id) == (keep.kind, keep.ref_id):
                self.results.setCurrentItem(item)
        if not query:
            self.count.setText("Type to search every article, claim and note.")
        elif not hits:
            self.count.setText(f"Nothing matches “{query}”.")
        else:
            self.count.setText(f"{len(hits)} result{'s' if len(hits) != 1 else ''}")
        self._shown = query
        self.searched.emit(query)
