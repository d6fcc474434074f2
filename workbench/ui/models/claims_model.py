"""The claims table: a QAbstractTableModel over the open article's claims, and its filter.

``ClaimsTableModel`` shows one row per claim (number, quote, label, verdict, claimant,
evidence, status). When the claims change it keeps its rows if the same claims are
there in the same order (``dataChanged``, so the selection survives) and resets
otherwise. ``ClaimsFilterModel`` filters by label, verdict, status and free text and
sorts by each column's natural key (position for the number); the keys are plain strings
and numbers, so sorting runs in C++.
"""

from __future__ import annotations

from dataclasses import dataclass
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

CLAIM_ID_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole.value) + 2
LABEL_COLOR_ROLE = int(Qt.ItemDataRole.UserRole.value) + 3
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
    Column.EVIDENCE: "Notes",
    Column.STATUS: "Status",
}
HEADER_TIPS = {Column.EVIDENCE: "Evidence notes linked to the claim"}


def excerpt(text: str, limit: int = QUOTE_EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class _Row:
    """Everything the view asks of one claim, computed once per change (painting a
    table asks ``data()`` for a dozen roles per cell)."""

    display: tuple[str, ...]
    sort: tuple[Any, ...]
    tips: tuple[str, ...]
    color: QColor


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ORPHAN_COLOR = QColor("#b3261e")


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._rows: list[_Row] = []
        self._labels: dict[int, Label] = {}

    # --- feeding ----------------------------------------------------------------------

    def set_claims(self, claims: list[Claim], labels: list[Label]) -> None:
        """Show these claims (sorted by position), changing as few rows as possible.

        Claims never move in the text, so the ones kept stay in the same order: a tag is
        one inserted row, a delete one removed row, and the proxy re-sorts only those
        (a reset re-sorts everything: half a second for 3,000 claims).
        """
        self._labels = {label.id: label for label in labels}
        rows = [self._row(claim, n) for n, claim in enumerate(claims)]
        old_ids = [c.id for c in self._claims]
        new_ids = [c.id for c in claims]
        old_set, new_set = set(old_ids), set(new_ids)
        kept_in_order = [i for i in old_ids if i in new_set] == [i for i in new_ids if i in old_set]
        churn = len(old_set ^ new_set)
        if not kept_in_order or churn > MAX_ROW_CHANGES or not old_ids:
            self.beginResetModel()
            self._claims, self._rows = list(claims), rows
            self.endResetModel()
            return
        before = {c.id: r for c, r in zip(self._claims, self._rows, strict=True)}
        for row in reversed(range(len(old_ids))):
            if old_ids[row] not in new_set:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._claims[row], self._rows[row]
                self.endRemoveRows()
        for row, claim in enumerate(claims):
            if claim.id not in old_set:
                self.beginInsertRows(QModelIndex(), row, row)
                self._claims.insert(row, claim)
                self._rows.insert(row, rows[row])
                self.endInsertRows()
        self._claims, self._rows = list(claims), rows
        self._announce_changes(before)

    def _announce_changes(self, before: dict[int, _Row]) -> None:
        """dataChanged for rows that differ, one signal per run of neighbours; without the
        sort role when their sort keys did not change (renumbered rows must not make the
        proxy re-sort)."""
        kinds: list[str] = []
        for claim, now in zip(self._claims, self._rows, strict=True):
            old = before.get(claim.id)
            if old is None or old == now:
                kinds.append("")
            else:
                kinds.append("all" if old.sort != now.sort else "view")
        last = len(Column) - 1
        start = 0
        for row in range(1, len(kinds) + 1):
            if row == len(kinds) or kinds[row] != kinds[start]:
                if kinds[start]:
                    roles = [] if kinds[start] == "all" else VIEW_ROLES
                    self.dataChanged.emit(self.index(start, 0), self.index(row - 1, last), roles)
                start = row

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: int) -> int:
        for row, claim in enumerate(self._claims):
            if claim.id == claim_id:
                return row
        return -1

    def longest_texts(self, column: int, count: int = 12) -> list[str]:
        """The column's longest distinct texts (to size it without asking every row)."""
        texts = {row.display[column] for row in self._rows}
        return sorted(texts, key=len, reverse=True)[:count]

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
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return row.display[column]
        if role == SORT_ROLE:
            return row.sort[column]
        if role == CLAIM_ID_ROLE:
            return self._claims[index.row()].id
        if role == _TOOLTIP:
            return row.tips[column]
        if role == LABEL_COLOR_ROLE:
            return row.color
        if role == _ALIGN:
            return RIGHT if column in (Column.NUMBER, Column.EVIDENCE) else None
        if role == _ACCESSIBLE:
            return row.display[column] or "empty"
        if role == _FOREGROUND and self._claims[index.row()].orphaned:
            return ORPHAN_COLOR
        return None

    def _row(self, claim: Claim, number: int) -> _Row:
        label = self.label_of(claim)
        quote = ("[not found in this revision] " if claim.orphaned else "") + excerpt(
            claim.quote.exact
        )
        display = (
            str(number + 1),
            quote,
            label.name if label else "?",
            claim.verdict,
            claim.claimant,
            str(claim.evidence_count),
            claim.status.value,
        )
        position = f"{claim.span.start:012d}{claim.span.end:012d}{claim.id:012d}"
        sort = (  # strings and ints: the proxy compares them in C++, without a Python lessThan
            position,
            position,
            f"{label.position:06d}{label.name}" if label else "999999",
            claim.verdict.casefold(),
            claim.claimant.casefold(),
            claim.evidence_count,
            claim.status.value,
        )
        label_tip = f"{label.name}; press another label's key to retag" if label else ""
        tips = ("", claim.quote.exact, label_tip, *display[3:])
        return _Row(display, sort, tips, QColor(label.color if label else "#9e9e9e"))


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
VIEW_ROLES = [_DISPLAY, _TOOLTIP, _ACCESSIBLE, _FOREGROUND, int(LABEL_COLOR_ROLE)]
"""Roles a renumbered row changes; the sort role is not among them."""
MAX_ROW_CHANGES = 50

_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _ALIGN,
        _ACCESSIBLE,
        _FOREGROUND,
        int(SORT_ROLE),
        int(CLAIM_ID_ROLE),
        int(LABEL_COLOR_ROLE),
    }
)


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


def chip_colors(label_color: str, *, dark: bool) -> tuple[QColor, QColor]:
    """Background and text colour of a label chip."""
    fill = style.marker_color(label_color, dark=dark)
    return fill, style.text_on(fill)
