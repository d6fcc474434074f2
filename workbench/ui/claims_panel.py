"""The claims panel: filters above a sortable table of the open article's claims.

Selecting a row makes that claim current (the article scrolls to it and flashes it);
the current claim picked in the text selects its row. Double-click or Enter asks for
the claim editor. The panel lays out and reports; the main window decides what happens.
The Quote column takes the room the other columns leave (``claims_columns``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import VERDICT_SCALE, ClaimStatus
from workbench.ui import style
from workbench.ui.claims_columns import CHIP_PADDING, ColumnFitter
from workbench.ui.models.claims_filter import ClaimsFilterModel
from workbench.ui.models.claims_model import (
    CLAIM_ID_ROLE,
    HEADERS,
    LABEL_COLOR_ROLE,
    ClaimsTableModel,
    Column,
    chip_colors,
)
from workbench.ui.open_article import OpenArticle

ANY = "Any"
NO_VERDICT = "(no verdict)"


class LabelChipDelegate(QStyledItemDelegate):
    """Paints the label as a rounded chip in the label's colour, with its name on it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text  # type: ignore[attr-defined]
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        app_style = widget.style() if widget is not None else None
        if app_style is not None:
            app_style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        dark = style.is_dark(opt.palette)  # type: ignore[attr-defined]
        fill, ink = chip_colors(index.data(LABEL_COLOR_ROLE).name(), dark=dark)
        metrics = opt.fontMetrics  # type: ignore[attr-defined]
        rect: QRect = opt.rect  # type: ignore[attr-defined]
        width = min(rect.width() - 8, metrics.horizontalAdvance(text) + 14)
        chip = QRect(
            rect.left() + 4,
            rect.center().y() - metrics.height() // 2 - 1,
            width,
            metrics.height() + 2,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(ink)
        painter.drawText(
            chip,
            Qt.AlignmentFlag.AlignCenter,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 8),
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + CHIP_PADDING, size.height())


class ClaimsTable(QTableView):
    """The table itself; Enter on a row asks to edit the claim."""

    activatedClaim = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.activatedClaim.emit(int(index.data(CLAIM_ID_ROLE)))
                return
        super().keyPressEvent(event)


class ClaimsPanel(QWidget):
    claimSelected = Signal(object)
    """The user selected a row (claim id), or cleared the selection (None)."""
    editRequested = Signal(int)

    def __init__(
        self,
        document: OpenArticle,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("claimsPanel")
        self._document = document
        self._syncing = False
        self.model = ClaimsTableModel(self)
        self.proxy = ClaimsFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._build_table()
        self.columns = ColumnFitter(self.table, settings)
        self.search = QLineEdit(objectName="claimsFilterText", placeholderText="Filter claims…")
        self.search.setAccessibleName("Filter claims by text")
        self.search.setClearButtonEnabled(True)
        self.label_filter = self._combo("claimsFilterLabel", "Filter by label")
        self.verdict_filter = self._combo("claimsFilterVerdict", "Filter by verdict")
        self.status_filter = self._combo("claimsFilterStatus", "Filter by status")
        self.count = QLabel(objectName="claimsCount")
        self._fill_static_filters()
        self._lay_out()
        self._connect()
        self._on_labels_changed()
        self._on_claims_changed()

    # --- layout -----------------------------------------------------------------------

    def _build_table(self) -> ClaimsTable:
        table = ClaimsTable(self)
        table.setObjectName("claimsTable")
        table.setAccessibleName("Claims")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setItemDelegateForColumn(Column.LABEL, LabelChipDelegate(table))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(24)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for column in Column:
            if column in (Column.NUMBER, Column.QUOTE):
                continue
            action = QAction(f"Show {HEADERS[column]}", header, checkable=True, checked=True)
            action.setData(int(column))
            action.toggled.connect(lambda on, c=column: self._on_column_toggled(c, on))
            header.addAction(action)
        fit = QAction("Fit columns to their content", header)
        fit.setObjectName("fitClaimColumns")
        fit.triggered.connect(lambda: self.columns.forget_user_sizes())
        header.addAction(fit)
        return table

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _fill_static_filters(self) -> None:
        self.verdict_filter.addItem(f"Verdict: {ANY}", None)
        self.verdict_filter.addItem(NO_VERDICT, "")
        for verdict in VERDICT_SCALE:
            self.verdict_filter.addItem(verdict, verdict)
        self.status_filter.addItem(f"Status: {ANY}", None)
        for status in ClaimStatus:
            self.status_filter.addItem(status.value.capitalize(), status.value)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.label_filter)
        filters.addWidget(self.verdict_filter)
        filters.addWidget(self.status_filter)
        title = QLabel("<b>Claims</b>")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_filters_changed)
        for combo in (self.label_filter, self.verdict_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(
            lambda index: self.editRequested.emit(int(index.data(CLAIM_ID_ROLE)))
        )
        self.table.activatedClaim.connect(self.editRequested)
        self._document.claimsChanged.connect(self._on_claims_changed)
        self._document.articleChanged.connect(self._on_article_changed)
        self._document.labelsChanged.connect(self._on_labels_changed)
        self._document.currentClaimChanged.connect(self._on_current_claim_changed)

    def sync_column_actions(self) -> None:
        """After the columns were restored from settings: tick the header menu's entries
        and fit the columns the user did not size."""
        header = self.table.horizontalHeader()
        for action in header.actions():
            if action.data() is not None:
                action.setChecked(not header.isSectionHidden(int(action.data())))
        self.columns.apply()

    # --- queries ----------------------------------------------------------------------

    def selected_claim_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(CLAIM_ID_ROLE)) for index in sorted(rows, key=lambda i: i.row())]

    def visible_claim_ids(self) -> list[int]:
        """Claim ids in the order the table shows them (after filter and sort)."""
        return [
            int(self.proxy.index(row, 0).data(CLAIM_ID_ROLE))
            for row in range(self.proxy.rowCount())
        ]

    def clear_filters(self) -> None:
        """Show every claim again."""
        self.search.clear()
        for combo in (self.label_filter, self.verdict_filter, self.status_filter):
            combo.setCurrentIndex(0)

    def select_claim(self, claim_id: int | None) -> None:
        """Select the claim's row (or nothing) without telling anyone."""
        self._syncing = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of(claim_id) if claim_id is not None else -1
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
            if proxy_index is None or not proxy_index.isValid():
                selection.clearSelection()
                return
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(proxy_index, flags)
            self.table.scrollTo(proxy_index)
        finally:
            self._syncing = False

    # --- handlers ---------------------------------------------------------------------

    def _on_claims_changed(self) -> None:
        keep = self._document.current_claim_id
        self._syncing = True
        patch = self._document.patch
        changed = None if patch is None else {i: self._document.claim(i) for i in patch}
        self.model.set_claims(
            self._document.claims,
            self._document.labels,
            changed=changed,
            number_of=self._document.number,
        )
        self._syncing = False
        # Rows inserted, removed or updated in place keep their selection: leave it (and
        # the scroll position) alone, so a colleague's change does not move the user.
        if keep is None or keep not in self.selected_claim_ids():
            self.select_claim(keep)
        self._update_count()

    def _on_article_changed(self) -> None:
        self._on_claims_changed()
        self.columns.fit()

    def _on_column_toggled(self, column: Column, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.columns.apply()

    def _on_labels_changed(self) -> None:
        chosen = self.label_filter.currentData()
        self.label_filter.blockSignals(True)
        self.label_filter.clear()
        self.label_filter.addItem(f"Label: {ANY}", None)
        for label in self._document.labels:
            self.label_filter.addItem(label.name, label.id)
        found = self.label_filter.findData(chosen)
        self.label_filter.setCurrentIndex(max(0, found))
        self.label_filter.blockSignals(False)
        self._on_claims_changed()
        self.columns.fit()

    def _on_current_claim_changed(self, claim_id: int | None) -> None:
        if claim_id is None or claim_id not in self.selected_claim_ids():
            self.select_claim(claim_id)

    def _on_filters_changed(self) -> None:
        self.proxy.set_filters(
            label_id=self.label_filter.currentData(),
            verdict=self.verdict_filter.currentData(),
            status=self.status_filter.currentData(),
            text=self.search.text(),
        )
        self._update_count()

    def _on_selection_changed(self) -> None:
        if self._syncing:
            return
        current = self.table.selectionModel().currentIndex()
        selected = self.selected_claim_ids()
        claim_id = int(current.data(CLAIM_ID_ROLE)) if current.isValid() else None
        if claim_id not in selected:
            claim_id = selected[0] if selected else None
        self.claimSelected.emit(claim_id)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total}" if shown == total else f"{shown} of {total}")
        self.count.setToolTip(f"{shown} of {total} claims shown")
        pal = self.count.palette()
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
        self.count.setPalette(pal)
