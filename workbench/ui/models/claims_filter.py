"""The rows of the claims table that pass the panel's filters, as a table model of its own.

``ClaimsFilterModel`` stands between ``ClaimsTableModel`` and the view. It keeps the
source rows it shows as an ascending list, so it shows them in the source's order and
never sorts (it forwards ``sort`` to the source). A filter change decides the rows in a
few list comprehensions over the precomputed row fields and remaps the view once
(``layoutChanged``). A ``QSortFilterProxyModel`` asked Python ``filterAcceptsRow`` once
per row and rebuilt its C++ mapping: about 20 ms per keystroke over 10,000 claims.
Rows the source inserts, removes or changes are decided one by one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workbench.ui.models.claims_model import COLUMNS, ROLES, ClaimsTableModel, _Row

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ClaimFilter:
    """What a row must match; ``None`` means any. ``verdict=""``: no verdict yet."""

    label_id: int | None = None
    verdict: str | None = None
    status: str | None = None
    words: tuple[str, ...] = ()

    def accepts(self, row: _Row) -> bool:
        if self.label_id is not None and row.label_id != self.label_id:
            return False
        if self.verdict is not None and row.verdict != self.verdict:
            return False
        if self.status is not None and row.status != self.status:
            return False
        return all(word in row.haystack for word in self.words)

    def select(self, rows: Sequence[_Row], candidates: Iterable[int]) -> list[int]:
        """The candidate row numbers (ascending) whose rows match: one pass per condition."""
        chosen = list(candidates)
        if self.label_id is not None:
            label_id = self.label_id
            chosen = [i for i in chosen if rows[i].label_id == label_id]
        if self.verdict is not None:
            verdict = self.verdict
            chosen = [i for i in chosen if rows[i].verdict == verdict]
        if self.status is not None:
            status = self.status
            chosen = [i for i in chosen if rows[i].status == status]
        for word in self.words:
            chosen = [i for i in chosen if word in rows[i].haystack]
        return chosen

    def narrows(self, before: ClaimFilter) -> bool:
        """Whether every row this filter accepts was accepted ``before`` (typing on)."""
        return (self.label_id, self.verdict, self.status) == (
            before.label_id,
            before.verdict,
            before.status,
        ) and all(any(old in new for new in self.words) for old in before.words)


class ClaimsFilterModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: ClaimsTableModel | None = None
        self._shown: list[int] = []
        """The source rows shown, ascending: row ``r`` here is source row ``_shown[r]``."""
        self._filter = ClaimFilter()
        self._persistent: list[QModelIndex] = []
        self._ids_before_layout: list[int] = []
        """While the source reorders: the persistent indexes, and their rows' claims."""

    # --- source -----------------------------------------------------------------------

    def setSourceModel(self, model: ClaimsTableModel) -> None:
        self.beginResetModel()
        self._source = model
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._on_reset)
        model.layoutAboutToBeChanged.connect(self._on_layout_about_to_change)
        model.layoutChanged.connect(self._on_layout_changed)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._on_rows_about_to_be_removed)
        model.rowsRemoved.connect(self._on_rows_removed)
        model.dataChanged.connect(self._on_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        self._shown = self._select_all()
        self.endResetModel()

    def sourceModel(self) -> ClaimsTableModel | None:
        return self._source

    def mapToSource(self, index: Index) -> QModelIndex:
        if self._source is None or not index.isValid():
            return QModelIndex()
        return self._source.index(self._shown[index.row()], index.column())

    def mapFromSource(self, index: Index) -> QModelIndex:
        row = self._row_of_source(index.row()) if index.isValid() else -1
        return self.index(row, index.column()) if row >= 0 else QModelIndex()

    # --- filtering --------------------------------------------------------------------

    def set_filters(
        self,
        *,
        label_id: int | None = None,
        verdict: str | None = None,
        status: str | None = None,
        text: str = "",
    ) -> None:
        """Show only matching claims; ``None`` means any. ``verdict=""``: no verdict yet."""
        wanted = ClaimFilter(
            label_id,
            None if verdict is None else verdict.casefold(),
            status,
            tuple(text.casefold().split()),
        )
        if wanted == self._filter or self._source is None:
            self._filter = wanted
            return
        rows = self._source.rows()
        candidates = self._shown if wanted.narrows(self._filter) else range(len(rows))
        self._filter = wanted
        shown = wanted.select(rows, candidates)
        if shown == self._shown:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [self._shown[i.row()] for i in before]
        self._shown = shown
        self.changePersistentIndexList(before, self._indexes(sources, before))
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._source is not None:
            self._source.sort(column, order)

    def _select_all(self) -> list[int]:
        if self._source is None:
            return []
        rows = self._source.rows()
        return self._filter.select(rows, range(len(rows)))

    def _row_of_source(self, source_row: int) -> int:
        at = bisect_left(self._shown, source_row)
        return at if at < len(self._shown) and self._shown[at] == source_row else -1

    def _indexes(self, source_rows: list[int], old: list[QModelIndex]) -> list[QModelIndex]:
        """The new indexes of rows known by source row (invalid where now hidden)."""
        new = []
        for source_row, index in zip(source_rows, old, strict=True):
            row = self._row_of_source(source_row)
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        return new

    # --- following the source -----------------------------------------------------------

    def _on_reset(self) -> None:
        self._shown = self._select_all()
        self.endResetModel()

    def _on_layout_about_to_change(self) -> None:
        """The source reorders (a sort): remember the persistent rows by claim."""
        assert self._source is not None
        self.layoutAboutToBeChanged.emit()
        source = self._source
        self._persistent = self.persistentIndexList()
        self._ids_before_layout = [
            source.claim_at(self._shown[i.row()]).id for i in self._persistent
        ]

    def _on_layout_changed(self) -> None:
        assert self._source is not None
        self._shown = self._select_all()
        source = self._source
        rows = [source.row_of(claim_id) for claim_id in self._ids_before_layout]
        self.changePersistentIndexList(self._persistent, self._indexes(rows, self._persistent))
        self._persistent, self._ids_before_layout = [], []
        self.layoutChanged.emit()

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        assert self._source is not None
        count = last - first + 1
        at = bisect_left(self._shown, first)
        self._shown[at:] = [row + count for row in self._shown[at:]]
        new = self._filter.select(self._source.rows(), range(first, last + 1))
        if new:
            self.beginInsertRows(QModelIndex(), at, at + len(new) - 1)
            self._shown[at:at] = new
            self.endInsertRows()

    def _on_rows_about_to_be_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        low, high = bisect_left(self._shown, first), bisect_right(self._shown, last)
        if high > low:
            self.beginRemoveRows(QModelIndex(), low, high - 1)
            del self._shown[low:high]
            self.endRemoveRows()

    def _on_rows_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        at = bisect_left(self._shown, first)
        self._shown[at:] = [row - count for row in self._shown[at:]]

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        """Changed rows may now pass the filter or fail it: insert, remove or update each."""
        assert self._source is not None
        source = self._source
        updated: list[int] = []
        for source_row in range(top_left.row(), bottom_right.row() + 1):
            row = self._row_of_source(source_row)
            passes = self._filter.accepts(source.row_data(source_row))
            if row >= 0 and passes:
                updated.append(source_row)
            elif row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._shown[row]
                self.endRemoveRows()
            elif passes:
                at = bisect_left(self._shown, source_row)
                self.beginInsertRows(QModelIndex(), at, at)
                self._shown.insert(at, source_row)
                self.endInsertRows()
        if updated:  # one signal for the run (rows between that did not change repaint too)
            first, last = self._row_of_source(updated[0]), self._row_of_source(updated[-1])
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMNS - 1), [])

    # --- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._source is None else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._source is None:
            return None
        return self._source.headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES or self._source is None or not index.isValid():
            return None  # most roles a delegate asks for: answered without another call
        return self._source.cell(self._shown[index.row()], index.column(), role)
