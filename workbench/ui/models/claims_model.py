"""The claims table: a QAbstractTableModel over all of the open article's claims.

``ClaimsTableModel`` shows one row per claim (number, quote, label, verdict, claimant,
evidence, status) in the order of the current sort, which the model keeps itself: a
Python sort on precomputed keys once per header click. When the claims change it
inserts, removes and updates only the rows concerned, each row's display built once per
claim object (a tag at 10,000 claims rebuilt them all); the numbers are looked up in
``data()``, so renumbering costs no signal per row. The table view shows it through
``claims_filter.ClaimsFilterModel``, which picks the rows that pass the panel's filters.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from operator import is_, itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
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
    """Every column but the number (looked up, it changes when claims are added)."""
    sort: tuple[Any, ...]
    tips: tuple[str, ...]
    color: QColor
    label_id: int
    verdict: str
    """Casefolded, for the verdict filter."""
    status: str
    haystack: str
    """Quote, claimant, verdict and comment, casefolded: what the words filter searches."""


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ORPHAN_COLOR = QColor("#b3261e")


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._rows: list[_Row] = []
        self._labels: dict[int, Label] = {}
        self._number_of: Callable[[int], int] = _counted([])
        self._built: dict[int, tuple[Claim, _Row]] = {}
        """Each claim's row, kept while the claim object (and the labels) stay the same."""
        self._row_of: dict[int, int] | None = None
        self._keys: list[tuple[int, int, int]] | None = None
        """Reading-order keys of ``_claims`` while they are in reading order."""
        self._sort_column = int(Column.NUMBER)
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- feeding ----------------------------------------------------------------------

    def set_claims(
        self,
        claims: list[Claim],
        labels: list[Label],
        *,
        changed: Mapping[int, Claim | None] | None = None,
        number_of: Callable[[int], int] | None = None,
    ) -> None:
        """Show these claims (``claims`` in reading order), changing as few rows as possible.

        ``changed`` (claim id -> the claim now, or None if it left) says the only claims
        that differ from the last call: with the rows in reading order they are placed by
        bisection, without a pass over every row (10,000 rows cost ~30 ms a pass).
        Otherwise the claims kept stay in the same order, so a tag is one inserted row and
        a delete one removed row; rows whose claim changed get ``dataChanged``. Anything
        else (many changes, a claim that moves under the current sort) resets the model.
        ``number_of`` gives a claim's number if the caller keeps them (else they are
        counted here, a pass over every claim).
        """
        by_id = {label.id: label for label in labels}
        relabelled = by_id.keys() != self._labels.keys() or any(
            self._labels[i] is not label for i, label in by_id.items()
        )
        if relabelled:
            self._built = {}
        if number_of is None:
            number_of = _counted(claims)
        if changed is not None and not relabelled:
            self._number_of = number_of  # the rows a patch inserts are painted with these
            if self._patch(changed, len(claims)):
                return
        elif not relabelled and self._extends(claims):
            self._number_of = number_of
            self._append(claims[len(self._claims) :])
            return
        self._labels = by_id
        self._keys = None
        ordered = self._ordered(claims)
        rows = [self._row_for(claim) for claim in ordered]
        self._built = {c.id: (c, r) for c, r in zip(ordered, rows, strict=True)}
        old_ids = [c.id for c in self._claims]
        new_ids = [c.id for c in ordered]
        old_set, new_set = set(old_ids), set(new_ids)
        kept_in_order = [i for i in old_ids if i in new_set] == [i for i in new_ids if i in old_set]
        churn = len(old_set ^ new_set)
        if not kept_in_order or churn > MAX_ROW_CHANGES or not old_ids:
            self.beginResetModel()
            self._claims, self._rows, self._number_of = ordered, rows, number_of
            self._row_of = None
            self.endResetModel()
            return
        before = {c.id: r for c, r in zip(self._claims, self._rows, strict=True)}
        for row in reversed(range(len(old_ids))):
            if old_ids[row] not in new_set:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._claims[row], self._rows[row]
                self._row_of = None
                self.endRemoveRows()
        for row, claim in enumerate(ordered):
            if claim.id not in old_set:
                self.beginInsertRows(QModelIndex(), row, row)
                self._claims.insert(row, claim)
                self._rows.insert(row, rows[row])
                self._row_of = None
                self.endInsertRows()
        # Numbers are looked up in data(): the rows inserted or removed above repaint the
        # view, and a dataChanged over every row would make the filter decide them all.
        self._claims, self._rows, self._number_of = ordered, rows, number_of
        self._row_of = None
        self._announce_changes(before)

    def _patch(self, changed: Mapping[int, Claim | None], count: int) -> bool:
        """Apply a few changed claims in place; False if this order cannot be patched."""
        reading_order = (
            self._sort_column == Column.NUMBER and self._sort_order == Qt.SortOrder.AscendingOrder
        )
        if not reading_order or not self._claims or len(changed) > MAX_ROW_CHANGES:
            return False
        if self._keys is None:
            self._keys = [_position(claim) for claim in self._claims]
        keys, last = self._keys, len(Column) - 1
        for claim_id, claim in changed.items():
            built = self._built.pop(claim_id, None)
            row = bisect_left(keys, _position(built[0])) if built is not None else -1
            if row >= 0 and (row >= len(keys) or self._claims[row].id != claim_id):
                return self._give_up()
            if row >= 0 and claim is not None and keys[row] == _position(claim):
                now = self._row_for(claim)
                self._claims[row], self._rows[row] = claim, now
                if now != built[1]:  # type: ignore[index]
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last), [])
                continue
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._claims[row], self._rows[row], keys[row]
                self._row_of = None
                self.endRemoveRows()
            if claim is not None:
                key = _position(claim)
                at = bisect_left(keys, key)
                self.beginInsertRows(QModelIndex(), at, at)
                self._claims.insert(at, claim)
                self._rows.insert(at, self._row_for(claim))
                keys.insert(at, key)
                self._row_of = None
                self.endInsertRows()
        self._row_of = None
        return len(self._claims) == count or self._give_up()

    def _extends(self, claims: list[Claim]) -> bool:
        """Whether ``claims`` are the rows shown plus more after them, in reading order
        (a long article's claims arrive in batches)."""
        shown = self._claims
        return (
            self._sort_column == Column.NUMBER
            and self._sort_order == Qt.SortOrder.AscendingOrder
            and 0 < len(shown) < len(claims)
            and all(map(is_, shown, claims))
        )

    def _append(self, claims: list[Claim]) -> None:
        first = len(self._claims)
        self.beginInsertRows(QModelIndex(), first, first + len(claims) - 1)
        self._claims.extend(claims)
        self._rows.extend(self._row_for(claim) for claim in claims)
        if self._keys is not None:
            self._keys.extend(_position(claim) for claim in claims)
        self._row_of = None
        self.endInsertRows()

    def _give_up(self) -> bool:
        """A patch did not fit what the model holds: rebuild every row instead."""
        self.beginResetModel()
        self._claims, self._rows, self._keys, self._built = [], [], None, {}
        self._row_of = None
        self.endResetModel()
        return False

    def _ordered(self, claims: list[Claim]) -> list[Claim]:
        """The claims in the current sort's order (stable: reading order among equals)."""
        if self._sort_column == Column.NUMBER:
            ascending = self._sort_order == Qt.SortOrder.AscendingOrder
            return list(claims) if ascending else claims[::-1]
        rows = [(self._row_for(claim).sort[self._sort_column], claim) for claim in claims]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return [claim for _key, claim in sorted(rows, key=itemgetter(0), reverse=descending)]

    def _row_for(self, claim: Claim) -> _Row:
        built = self._built.get(claim.id)
        if built is not None and built[0] is claim:
            return built[1]
        row = self._row(claim)
        self._built[claim.id] = (claim, row)
        return row

    def _announce_changes(self, before: dict[int, _Row]) -> None:
        """dataChanged for rows whose claim changed, one signal per run of neighbours."""
        last = len(Column) - 1
        start = -1
        for row, (claim, now) in enumerate(zip(self._claims, self._rows, strict=True)):
            old = before.get(claim.id)
            changed = old is not None and old is not now and old != now
            if changed and start < 0:
                start = row
            elif not changed and start >= 0:
                self.dataChanged.emit(self.index(start, 0), self.index(row - 1, last), [])
                start = -1
        if start >= 0:
            self.dataChanged.emit(self.index(start, 0), self.index(len(self._rows) - 1, last), [])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's key (the filter forwards header clicks here)."""
        if column < 0 or column >= len(Column):
            return
        self._sort_column, self._sort_order = column, order
        if not self._claims:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._claims[index.row()].id for index in persistent]
        by_position = sorted(self._claims, key=lambda c: (c.span.start, c.span.end, c.id))
        self._claims = self._ordered(by_position)
        self._rows = [self._row_for(claim) for claim in self._claims]
        self._row_of, self._keys = None, None
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self.row_of(i), index.column())
                for i, index in zip(ids, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def row_data(self, row: int) -> _Row:
        return self._rows[row]

    def rows(self) -> Sequence[_Row]:
        """Every row's data, in row order (the model's own list: read, do not keep)."""
        return self._rows

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: int) -> int:
        built = self._built.get(claim_id) if self._keys is not None else None
        if built is not None and self._keys is not None:  # in reading order: bisect
            row = bisect_left(self._keys, _position(built[0]))
            if row < len(self._claims) and self._claims[row].id == claim_id:
                return row
        if self._row_of is None:
            self._row_of = {claim.id: row for row, claim in enumerate(self._claims)}
        return self._row_of.get(claim_id, -1)

    def longest_texts(self, column: int, count: int = 12) -> list[str]:
        """The column's longest distinct texts (to size it without asking every row)."""
        if column == Column.NUMBER:
            return [str(len(self._claims))] if self._claims else []
        texts = {row.display[column] for row in self._rows}
        return sorted(texts, key=len, reverse=True)[:count]

    def label_of(self, claim: Claim) -> Label | None:
        return self._labels.get(claim.label_id)

    # --- Qt model ---------------------------------------------------------------------

    # The view asks for the counts hundreds of times per paint.
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.cell(index.row(), index.column(), role) if index.isValid() else None

    def cell(self, row: int, column: int, role: int) -> Any:
        """``data()`` of a cell by row and column (the filter asks without an index)."""
        if role not in ROLES:
            return None
        shown = self._rows[row]
        if column == Column.NUMBER and role in (_DISPLAY, _ACCESSIBLE):
            return str(self._number_of(self._claims[row].id))
        if role == _DISPLAY:
            return shown.display[column]
        if role == SORT_ROLE:
            return shown.sort[column]
        if role == CLAIM_ID_ROLE:
            return self._claims[row].id
        if role == _TOOLTIP:
            return shown.tips[column]
        if role == LABEL_COLOR_ROLE:
            return shown.color
        if role == _ALIGN:
            return RIGHT if column in (Column.NUMBER, Column.EVIDENCE) else None
        if role == _ACCESSIBLE:
            return shown.display[column] or "empty"
        if role == _FOREGROUND and self._claims[row].orphaned:
            return ORPHAN_COLOR
        return None

    def _row(self, claim: Claim) -> _Row:
        label = self.label_of(claim)
        quote = ("[not found in this revision] " if claim.orphaned else "") + excerpt(
            claim.quote.exact
        )
        display = (
            "",
            quote,
            label.name if label else "?",
            claim.verdict,
            claim.claimant,
            str(claim.evidence_count),
            claim.status.value,
        )
        position = f"{claim.span.start:012d}{claim.span.end:012d}{claim.id:012d}"
        sort = (  # strings and ints: sorted() compares them without a key function per pair
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
        haystack = " ".join((claim.quote.exact, claim.claimant, claim.verdict, claim.comment))
        return _Row(
            display,
            sort,
            tips,
            QColor(label.color if label else "#9e9e9e"),
            claim.label_id,
            claim.verdict.casefold(),
            claim.status.value,
            haystack.casefold(),
        )


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
MAX_ROW_CHANGES = 50


def _counted(claims: list[Claim]) -> Callable[[int], int]:
    """Claim id -> number, for claims given in reading order."""
    numbers = {claim.id: n for n, claim in enumerate(claims, start=1)}
    return lambda claim_id: numbers.get(claim_id, 0)


def _position(claim: Claim) -> tuple[int, int, int]:
    """A claim's place in reading order (as the open article sorts them)."""
    return (claim.span.start, claim.span.end, claim.id)


COLUMNS = len(Column)  # Enum.__len__ is a Python call

ROLES = frozenset(
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


def chip_colors(label_color: str, *, dark: bool) -> tuple[QColor, QColor]:
    """Background and text colour of a label chip."""
    fill = style.marker_color(label_color, dark=dark)
    return fill, style.text_on(fill)
