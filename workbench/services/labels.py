"""Use cases on labels: the built-ins, and the ones a team adds, renames and recolours."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workbench.domain import BUILTIN_LABELS, Changes, Label, LabelSpec, Rating, UserError
from workbench.services.context import ServiceContext
from workbench.storage import repos
from workbench.storage.models import ClaimRow, LabelRow

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_NAME = 100  # the column widths; PostgreSQL refuses longer values
MAX_SHORTCUT = 32
_UNSET = object()


class LabelService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ensure_builtins(self) -> None:
        """Add Allegation and Confirmed if missing (first run, or after a team deleted one).

        Colleagues starting at once on a new team database may both try: the one who
        loses the race finds the labels there on its second look.
        """
        for attempt in range(2):
            try:
                with self._ctx.db.write() as s:
                    for position, spec in enumerate(BUILTIN_LABELS):
                        if repos.label_by_name(s, spec.name) is None:
                            s.add(_row(spec, position))
                return
            except IntegrityError:
                if attempt:
                    raise

    def all(self) -> list[Label]:
        with self._ctx.db.read() as s:
            return repos.labels(s)

    def by_name(self, name: str) -> Label:
        with self._ctx.db.read() as s:
            row = repos.label_by_name(s, name)
            if row is None:
                names = ", ".join(label.name for label in repos.labels(s))
                raise UserError(f"There is no label {name!r}. Labels: {names}.")
            return repos.to_label(row)

    def create(self, spec: LabelSpec) -> Label:
        _check(spec.name, spec.color, spec.shortcut)
        try:
            with self._ctx.db.write() as s:
                position = (s.scalar(select(func.max(LabelRow.position))) or 0) + 1
                row = _row(spec, position)
                s.add(row)
                s.flush()
                label = repos.to_label(row)
                self._log(s, "label.create", label, {"name": label.name, "color": label.color})
        except IntegrityError:
            raise UserError(f"A label named {spec.name!r} already exists.") from None
        self._ctx.bus.publish(Changes(labels=True))
        return label

    def update(
        self,
        label_id: int,
        *,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = None,
        rating: Rating | object | None = _UNSET,
    ) -> Label:
        try:
            with self._ctx.db.write() as s:
                row = repos.get_row(s, LabelRow, label_id, "label")
                _check(
                    name if name is not None else row.name,
                    color or row.color,
                    shortcut if shortcut is not None else row.shortcut,
                )
                before = repos.to_label(row)
                if name is not None:
                    row.name = name.strip()
                if color is not None:
                    row.color = color.lower()
                if shortcut is not None:
                    row.shortcut = shortcut
                if rating is not _UNSET:
                    _set_rating(row, rating if isinstance(rating, Rating) else None)
                s.flush()
                label = repos.to_label(row)
                self._log(s, "label.update", label, _label_changes(before, label))
        except IntegrityError:
            raise UserError(f"A label named {name!r} already exists.") from None
        self._ctx.bus.publish(Changes(labels=True))
        return label

    def delete(self, label_id: int) -> Label:
        with self._ctx.db.write() as s:
            row = repos.get_row(s, LabelRow, label_id, "label")
            used = s.scalar(select(func.count()).where(ClaimRow.label_id == label_id)) or 0
            if used:
                raise UserError(
                    f"The label {row.name!r} is used by {used} claim(s); retag them first."
                )
            label = repos.to_label(row)
            self._log(s, "label.delete", label, {"name": label.name})
            s.delete(row)
        self._ctx.bus.publish(Changes(labels=True))
        return label

    def _log(self, s: Session, action: str, label: Label, payload: dict[str, Any]) -> None:
        """Label changes are logged like all others, so colleagues' windows hear of them."""
        repos.log_event(
            s,
            actor=self._ctx.actor,
            action=action,
            entity="label",
            entity_id=label.id,
            payload=payload,
        )


def _check(name: str, color: str, shortcut: str = "") -> None:
    if not name.strip():
        raise UserError("A label needs a name.")
    if len(name.strip()) > MAX_NAME:
        raise UserError(f"A label name may be at most {MAX_NAME} characters long.")
    if len(shortcut) > MAX_SHORTCUT:
        raise UserError(f"{shortcut!r} is too long for a shortcut.")
    if not _COLOR.match(color):
        raise UserError(f"{color!r} is not a colour; use the form #rrggbb.")


def _label_changes(before: Label, after: Label) -> dict[str, Any]:
    fields = ("name", "color", "shortcut", "rating")
    return {
        f: [str(getattr(before, f)), str(getattr(after, f))]
        for f in fields
        if getattr(before, f) != getattr(after, f)
    }


def _row(spec: LabelSpec, position: int) -> LabelRow:
    row = LabelRow(
        name=spec.name.strip(),
        color=spec.color.lower(),
        shortcut=spec.shortcut,
        builtin=spec.builtin,
        position=position,
    )
    _set_rating(row, spec.rating)
    return row


def _set_rating(row: LabelRow, rating: Rating | None) -> None:
    row.rating_name = rating.alternate_name if rating else None
    row.rating_value = rating.value if rating else None
    row.rating_best = rating.best if rating else None
    row.rating_worst = rating.worst if rating else None
