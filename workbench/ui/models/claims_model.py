"""The claims table: a QAbstractTableModel over the open article's claims, and its filter.

``ClaimsTableModel`` shows one row per claim (number, quote, label, verdict, claimant,
evidence, status). When the claims change it keeps its rows if the same claims are
there in the same order (``dataChanged``, so the selection survives) and resets
otherwise. ``ClaimsFilterModel`` filters by label, verdict, status and free text and
sorts by each column's natural key (position for the number).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from workbench.domain import Claim, Label
from workbench.ui import style

Index = QModelIndex | QPersistentModelIndex

CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LABEL_COLOR_ROLE = Qt.ItemDataRole.UserRole + 3
QUOTE_EXCERPT_CHARS = 90


class Column(IntEnum):
    NUMBER = 0
    QUOTE = 1
    LABEL = 2
    VERDICT = 3
    CLAIMANT = 4
    EVIDENCE = 5
    STATUS = 6


HEADERS = {
    Column.NUMBER: "#",
    Column.QUOTE: "Quote",
    Column.LABEL: "Label",
    Column.VERDICT: "Verdict",
    Column.CLAIMANT: "Claimant",
    Column.EVIDENCE: "Evidence",
    Column.STATUS: "Status",
}


def excerpt(text: str, limit: int = QUOTE_EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._labels: dict[int, Label] = {}

    # --- feeding ----------------------------------------------------------------------

    def set_claims(self, claims: list[Claim], labels: list[Label]) -> None:
        self._labels = {label.id: label for label in labels}
        same_rows = [c.id for c in claims] == [c.id for c in self._claims]
        if same_rows and claims:
            self._claims = list(claims)
            last = self.index(len(claims) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._claims = list(claims)
        self.endResetModel()

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: int) -> int:
        for row, claim in enumerate(self._claims):
            if claim.id == claim_id:
                return row
        return -1

    def label_of(self, claim: Claim) -> Label | None:
        return self._labels.get(claim.label_id)

    # --- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        claim = self._claims[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(claim, index.row(), column)
        if role == SORT_ROLE:
            return self._sort_key(claim, index.row(), column)
        if role == CLAIM_ID_ROLE:
            return claim.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(claim, column)
        if role == LABEL_COLOR_ROLE:
            label = self.label_of(claim)
            return QColor(label.color) if label else QColor("#9e9e9e")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.NUMBER,
            Column.EVIDENCE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(claim, index.row(), column) or "empty"
        if role == Qt.ItemDataRole.ForegroundRole and claim.orphaned:
            return QColor("#b3261e")
        return None

    def _display(self, claim: Claim, row: int, column: Column) -> str:
        if column == Column.NUMBER:
            return str(row + 1)
        if column == Column.QUOTE:
            return ("[not found in this revision] " if claim.orphaned else "") + excerpt(
                claim.quote.exact
            )
        if column == Column.LABEL:
            label = self.label_of(claim)
            return label.name if label else "?"
        if column == Column.VERDICT:
            return claim.verdict
        if column == Column.CLAIMANT:
            return claim.claimant
        if column == Column.EVIDENCE:
            return str(claim.evidence_count)
        return claim.status.value

    def _sort_key(self, claim: Claim, row: int, column: Column) -> Any:
        if column in (Column.NUMBER, Column.QUOTE):
            return (claim.span.start, claim.span.end, claim.id)
        if column == Column.EVIDENCE:
            return claim.evidence_count
        if column == Column.LABEL:
            label = self.label_of(claim)
            return (label.position, label.name) if label else (1_000_000, "")
        return self._display(claim, row, column).casefold()

    def _tooltip(self, claim: Claim, column: Column) -> str:
        if column == Column.QUOTE:
            return claim.quote.exact
        if column == Column.LABEL:
            label = self.label_of(claim)
            if label and label.shortcut:
                return f"{label.name} (retag with another label's key, e.g. {label.shortcut})"
        return self._display(claim, 0, column) if column != Column.NUMBER else ""


class ClaimsFilterModel(QSortFilterProxyModel):
    """Filter rows by label, verdict, status and words; sort by each column's own key."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._label_id: int | None = None
        self._verdict: str | None = None
        self._status: str | None = None
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filters(
        self,
        *,
        label_id: int | None = None,
        verdict: str | None = None,
        status: str | None = None,
        text: str = "",
    ) -> None:
        """Show only matching claims; ``None`` means any. ``verdict=""``: no verdict yet."""
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.10+; invalidateFilter before
        if begin is not None:
            begin()
        self._label_id, self._verdict, self._status = label_id, verdict, status
        self._words = text.casefold().split()
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ClaimsTableModel)
        claim = model.claim_at(row)
        if self._label_id is not None and claim.label_id != self._label_id:
            return False
        if self._verdict is not None and claim.verdict.casefold() != self._verdict.casefold():
            return False
        if self._status is not None and claim.status.value != self._status:
            return False
        if self._words:
            haystack = " ".join(
                (claim.quote.exact, claim.claimant, claim.verdict, claim.comment)
            ).casefold()
            return all(word in haystack for word in self._words)
        return True

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def chip_colors(label_color: str, *, dark: bool) -> tuple[QColor, QColor]:
    """Background and text colour of a label chip."""
    fill = style.marker_color(label_color, dark=dark)
    return fill, style.text_on(fill)
