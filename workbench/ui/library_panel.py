"""The article library: a searchable list of articles with their claim counts per label.

Each row shows the title, the outlet and date, and a small chip per label with its
count (the chip carries the label's initial too). A corrected version (a revision made
by File > Import corrected version…) carries a grey "rev N" chip first, N counting
from the original (rev 1); its tooltip names the version it corrects. The list reloads
when the change bus reports new, deleted or re-tagged articles. Enter or a click opens an article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
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
        self.revisions: dict[int, int] = {}
        """Article id -> its revision number (2 for the first correction); originals absent."""

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
        x = self._paint_chips(painter, summary, rect, baseline, sm, ink, dark=style.is_dark(pal))
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
        ink: QColor,
        *,
        dark: bool,
    ) -> int:
        x = rect.left()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        revision = self.revisions.get(summary.id)
        if revision is not None:
            text = f"rev {revision}"
            width = metrics.horizontalAdvance(text) + 10
            chip = QRect(x, baseline - metrics.ascent() - 1, width, metrics.height() + 2)
            painter.setPen(ink)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(chip.adjusted(0, 0, -1, -1), 4, 4)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4
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
        self._parents: dict[int, int] = {}
        self._titles: dict[int, str] = {}
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

    def revision_text(self, article_id: int) -> str:
        """What the row says about versions: "" for an original, else "rev N of “title”"."""
        revision = self.delegate.revisions.get(article_id)
        if revision is None:
            return ""
        parent = self._parents.get(article_id)
        title = self._titles.get(parent) if parent is not None else None
        return f"rev {revision} of “{title}”" if title else f"rev {revision}"

    def refresh(self) -> None:
        summaries = self._services.articles.summaries(title_filter=self.search.text().strip())
        self._parents = {s.id: s.parent_id for s in summaries if s.parent_id is not None}
        self._titles = {s.id: s.title for s in summaries}
        self.delegate.revisions = {a: revision_number(a, self._parents) for a in self._parents}
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.title)
            item.setData(ARTICLE_ID_ROLE, summary.id)
            item.setData(SUMMARY_ROLE, summary)
            counts = ", ".join(f"{n} {name}" for name, n in summary.claim_counts.items())
            version = self.revision_text(summary.id)
            first = f"{summary.title} ({version})" if version else summary.title
            item.setToolTip(f"{first}\n{summary.outlet}\n{counts or 'No claims yet'}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{first}. {counts or 'no claims'}",
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


def revision_number(article_id: int, parents: dict[int, int]) -> int:
    """1 for an original, 2 for its first correction, and so on. The count stops at a
    parent the search filtered out of the list."""
    number, current, seen = 1, article_id, {article_id}
    while (parent := parents.get(current)) is not None and parent not in seen:
        number += 1
        seen.add(parent)
        current = parent
    return number
