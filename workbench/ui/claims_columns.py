"""Widths of the claims table's columns: the quote gets the room, the rest fit their content.

``ColumnFitter`` keeps the Quote column stretched and sizes every other column to its
header and content (each with a cap, so one long claimant does not take the table).
When the table is narrow, Claimant, Status and Verdict give way (elided, down to a
minimum, then further in a very narrow table) so that the quote keeps at least
``QUOTE_SHARE`` of the width. A column the user drags keeps the user's width from then
on (remembered in QSettings, with the header state the window saves); the others re-fit
when another article opens, labels change, the sort column changes, a column is shown
or hidden, or the table is resized.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from workbench.ui.models.claims_filter import ClaimsFilterModel
from workbench.ui.models.claims_model import ClaimsTableModel, Column

QUOTE_SHARE = 0.36
"""At least this share of the table's width stays for the quote (when it can)."""
CAPS = {
    Column.NUMBER: 56,
    Column.LABEL: 150,
    Column.VERDICT: 120,
    Column.CLAIMANT: 150,
    Column.EVIDENCE: 90,
    Column.STATUS: 100,
}
"""The widest a column grows to fit its content."""
GIVE_WAY = ((Column.CLAIMANT, 72), (Column.STATUS, 56), (Column.VERDICT, 64))
"""Columns that shrink (to these minimums, in this order) when the quote needs room."""
SQUEEZE = tuple((c, 36) for c in (Column.CLAIMANT, Column.STATUS, Column.VERDICT, Column.LABEL))
"""Then, in a very narrow table, these shrink further (elided) before the quote does."""
CHIP_PADDING = 22
"""What the label chip adds around its text (``claims_panel.LabelChipDelegate``)."""
SETTINGS_KEY = "claimsUserSizedColumns"


class ColumnFitter(QObject):
    def __init__(self, table: QTableView, settings: QSettings | None = None) -> None:
        super().__init__(table)
        self._table = table
        self._settings = settings
        self._header = table.horizontalHeader()
        self._ideal: dict[Column, int] = {}
        self._applying = False
        self._dragging = False
        self.user_sized: set[Column] = self._load()
        header = self._header
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._on_section_resized)
        header.sortIndicatorChanged.connect(lambda *_: self.fit())
        self._header_viewport = header.viewport()
        self._table_viewport = table.viewport()
        self._header_viewport.installEventFilter(self)
        self._table_viewport.installEventFilter(self)

    def fit(self) -> None:
        """Measure the columns' content again (another article, other labels), then apply.

        From the model's longest distinct texts and the font, not the view's size hints:
        those ask the delegate for up to 1,000 rows per column (250 ms for 3,000 claims).
        """
        table = self._table
        model = table.model()
        source = model.sourceModel() if isinstance(model, ClaimsFilterModel) else model
        metrics = table.fontMetrics()
        style = table.style()
        padding = 2 * style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 4
        self._ideal = {}
        for column in Column:
            if column == Column.QUOTE:
                continue
            texts = source.longest_texts(column) if isinstance(source, ClaimsTableModel) else []
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            content = widest + (CHIP_PADDING if column == Column.LABEL else padding)
            self._ideal[column] = min(CAPS[column], max(self._header_width(column), content))
        self.apply()

    def _header_width(self, column: Column) -> int:
        """The header's text, plus the sort arrow only where it is shown (Qt's own size
        hint keeps room for it on every column: "Notes" would need 100 px)."""
        header = self._header
        text = str(header.model().headerData(column, Qt.Orientation.Horizontal) or "")
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        width = header.fontMetrics().horizontalAdvance(text) + 2 * margin + 6
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            width += header.fontMetrics().height() + margin
        return width

    def apply(self) -> None:
        """Lay the widths out for the table's current width (no measuring)."""
        if not self._ideal:
            self.fit()
            return
        header = self._header
        header.setSectionResizeMode(Column.QUOTE, QHeaderView.ResizeMode.Stretch)
        shown = [c for c in self._ideal if not header.isSectionHidden(c)]
        widths = {
            c: header.sectionSize(c) if c in self.user_sized else self._ideal[c] for c in shown
        }
        room = self._table.viewport().width()
        excess = sum(widths.values()) + int(room * QUOTE_SHARE) - room
        for column, least in (*GIVE_WAY, *SQUEEZE):
            if excess <= 0:
                break
            if column in widths and column not in self.user_sized:
                cut = min(excess, max(0, widths[column] - least))
                widths[column] -= cut
                excess -= cut
        self._applying = True
        try:
            for column, width in widths.items():
                if column not in self.user_sized and header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._applying = False

    def forget_user_sizes(self) -> None:
        """Fit every column again (the header menu's "Fit columns")."""
        self.user_sized.clear()
        self._save()
        self.fit()

    # --- events -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._header_viewport:
            if kind == QEvent.Type.MouseButtonPress:
                self._dragging = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._dragging = False
        elif watched is self._table_viewport and kind == QEvent.Type.Resize:
            self.apply()
        return False

    def _on_section_resized(self, logical: int, _old: int, _new: int) -> None:
        if self._applying or not self._dragging or logical == Column.QUOTE:
            return  # our own fitting, a restored header state, or the stretching quote
        column = Column(logical)
        if column not in self.user_sized:
            self.user_sized.add(column)
            self._save()

    # --- settings ---------------------------------------------------------------------

    def _load(self) -> set[Column]:
        if self._settings is None:
            return set()
        try:
            raw = json.loads(str(self._settings.value(SETTINGS_KEY, "[]")))
            return {Column(int(c)) for c in raw if int(c) in set(Column) - {Column.QUOTE}}
        except (ValueError, TypeError):
            return set()

    def _save(self) -> None:
        if self._settings is not None:
            self._settings.setValue(SETTINGS_KEY, json.dumps(sorted(self.user_sized)))
