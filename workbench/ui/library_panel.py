"""The article library: a searchable list of articles with their claim counts per label.

Each row shows the title, the outlet and date, and a small chip per label with its
count (the chip carries the label's initial too). The list reloads when the change bus
reports new, deleted or re-tagged articles. Enter or a click opens an article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import ArticleSummary, Changes, Label
from workbench.ui import style

if TYPE_CHECKING:
    from workbench.services import Services

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article: the title, then outlet · date and one chip per label."""

    def __init__(self, labels: list[Label], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(200, metrics.height() * 2 + 16)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        summary: ArticleSummary = index.data(SUMMARY_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(8, 5, -8, -5)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        pal: QPalette = opt.palette  # type: ignore[attr-defined]
        ink = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.save()
        bold = QFont(opt.font)  # type: ignore[attr-defined]
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(ink)
        metrics = QFontMetrics(bold)
        title = metrics.elidedText(summary.title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.left(), rect.top() + metrics.ascent(), title)
        small = QFont(opt.font)  # type: ignore[attr-defined]
        small.setPointSizeF(small.pointSizeF() * 0.9)
        painter.setFont(small)
        sm = QFontMetrics(small)
        baseline = rect.top() + metrics.height() + 4 + sm.ascent()
        x = self._paint_chips(painter, summary, rect, baseline, sm, dark=style.is_dark(pal))
        meta = " · ".join(
            p
            for p in (summary.outlet, summary.published.isoformat() if summary.published else "")
            if p
        )
        faint = pal.color(QPalette.ColorRole.PlaceholderText) if not selected else ink
        painter.setPen(faint)
        room = rect.right() - x
        painter.drawText(x, baseline, sm.elidedText(meta, Qt.TextElideMode.ElideRight, room))
        painter.restore()

    def _paint_chips(
        self,
        painter: QPainter,
        summary: ArticleSummary,
        rect: QRect,
        baseline: int,
        metrics: QFontMetrics,
        *,
        dark: bool,
    ) -> int:
        x = rect.left()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for label in self.labels:
            count = summary.claim_counts.get(label.name, 0)
            if not count:
                continue
            text = f"{label.initial} {count}"
            width = metrics.horizontalAdvance(text) + 10
            chip = QRect(x, baseline - metrics.ascent() - 1, width, metrics.height() + 2)
            fill = style.marker_color(label.color, dark=dark)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(style.text_on(fill))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4
        return x + (4 if x > rect.left() else 0)


class LibraryPanel(QWidget):
    articleOpened = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.setAccessibleName("Article library")
        self._services = services
        self._open_id: int | None = None
        self.search = QLineEdit(objectName="librarySearch", placeholderText="Search articles…")
        self.search.setAccessibleName("Search articles by title or outlet")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(objectName="libraryList")
        self.list.setAccessibleName("Articles")
        self.list.setUniformItemSizes(True)
        self.delegate = ArticleDelegate(services.labels.all(), self.list)
        self.list.setItemDelegate(self.delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._on_return_pressed)
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.itemClicked.connect(self._on_item_activated)
        services.bus.subscribe(self._on_changes)
        self.refresh()

    def stop(self) -> None:
        """Stop following the services (before they close): no refresh may run after it,
        not even one a change just before closing scheduled."""
        self._debounce.stop()
        if self._on_changes in self._services.bus.listeners:
            self._services.bus.unsubscribe(self._on_changes)

    def article_ids(self) -> list[int]:
        return [self.list.item(i).data(ARTICLE_ID_ROLE) for i in range(self.list.count())]

    def set_open_article(self, article_id: int | None) -> None:
        """Mark the open article's row (no signal)."""
        self._open_id = article_id
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ARTICLE_ID_ROLE) == article_id:
                self.list.setCurrentItem(item)
                break
        else:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def refresh(self) -> None:
        summaries = self._services.articles.summaries(title_filter=self.search.text().strip())
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.title)
            item.setData(ARTICLE_ID_ROLE, summary.id)
            item.setData(SUMMARY_ROLE, summary)
            counts = ", ".join(f"{n} {name}" for name, n in summary.claim_counts.items())
            item.setToolTip(f"{summary.title}\n{summary.outlet}\n{counts or 'No claims yet'}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{summary.title}. {counts or 'no claims'}",
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.set_open_article(self._open_id)

    def _on_changes(self, changes: Changes) -> None:
        if changes.labels:
            self.delegate.labels = self._services.labels.all()
        if changes.articles or changes.claims or changes.labels:
            self._debounce.start()  # counts can wait a moment; a burst refreshes once

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        article_id = item.data(ARTICLE_ID_ROLE)
        if article_id != self._open_id:
            self.articleOpened.emit(article_id)

    def _on_return_pressed(self) -> None:
        if self.list.count():
            self._on_item_activated(self.list.currentItem() or self.list.item(0))
