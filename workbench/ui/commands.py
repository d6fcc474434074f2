"""Undoable claim actions: one QUndoCommand per user action, calling the services.

Each command keeps ids and before/after values; ``redo()`` calls a service and
``undo()`` its inverse (ARCHITECTURE.md, "Undo"). Tagging several spans at once is one
command, so one Ctrl+Z removes them all. A deleted claim comes back from its snapshot
with the same id and links, so commands further down the stack still find it.

The first ``redo()`` runs inside ``QUndoStack.push``. If the service refuses (a
``UserError``, e.g. a ``ConflictError``), the command marks itself obsolete so Qt
drops it, and ``push`` raises the error to the caller. A later undo or redo that
fails is dropped the same way and reported through ``report_failure``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.domain import Claim, ClaimFields, ClaimSnapshot, Span, UserError

if TYPE_CHECKING:
    from workbench.services import Services

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What the first run produced; kept apart from the Qt object the stack may delete."""

    error: UserError | None = None
    value: Any = None


def report_failure(err: UserError, doing: str) -> None:
    """Tell the user why an undo or redo step failed, once the stack has settled."""
    log.warning("%s failed: %s", doing, err)

    def show() -> None:
        QMessageBox.warning(QApplication.activeWindow(), f"{doing} failed", str(err))

    QTimer.singleShot(0, show)


def push(stack: QUndoStack, command: ServiceCommand) -> Any:
    """Run ``command`` on ``stack``; returns its result or raises its ``UserError``."""
    outcome = command.outcome
    stack.push(command)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value


class ServiceCommand(QUndoCommand):
    def __init__(self, services: Services, text: str) -> None:
        super().__init__(text)
        self.services = services
        self.outcome = Outcome()
        self._ran = False

    def redo(self) -> None:
        first = not self._ran
        self._ran = True
        self._guard(self._first_redo if first else self._redo, first=first, doing="Redo")

    def undo(self) -> None:
        self._guard(self._undo, first=False, doing="Undo")

    def _guard(self, step: Callable[[], Any], *, first: bool, doing: str) -> None:
        coalesced = getattr(self.services.bus, "coalesced", nullcontext)
        try:
            with coalesced():  # the panels refresh once per command, not per service call
                value = step()
        except UserError as err:
            self.setObsolete(True)
            if first:
                self.outcome.error = err
            else:
                report_failure(err, doing)
        else:
            if first:
                self.outcome.value = value

    def _first_redo(self) -> Any:
        return self._redo()

    def _redo(self) -> Any:
        raise NotImplementedError

    def _undo(self) -> Any:
        raise NotImplementedError


class TagClaims(ServiceCommand):
    """Tag one or more spans with a label: one claim each, one undo step in all."""

    def __init__(
        self,
        services: Services,
        article_id: int,
        spans: Sequence[Span],
        label_id: int,
        *,
        text: str,
    ) -> None:
        super().__init__(services, text)
        self.article_id = article_id
        self.spans = list(spans)
        self.label_id = label_id
        self.snapshots: list[ClaimSnapshot] = []
        self.claim_ids: list[int] = []

    def _first_redo(self) -> list[Claim]:
        claims = self.services.claims.tag_many(self.article_id, self.spans, self.label_id)
        self.claim_ids = [c.id for c in claims]
        return claims

    def _redo(self) -> list[Claim]:
        claims = [self.services.claims.restore(s) for s in self.snapshots]
        self.snapshots = []
        return claims

    def _undo(self) -> None:
        self.snapshots = [self.services.claims.delete(cid) for cid in self.claim_ids]


class RetagClaims(ServiceCommand):
    """Give claims another label; undo gives each its old label back."""

    def __init__(
        self, services: Services, before: dict[int, int], label_id: int, *, text: str
    ) -> None:
        super().__init__(services, text)
        self.before = dict(before)
        self.label_id = label_id

    def _redo(self) -> list[Claim]:
        return [self.services.claims.retag(cid, self.label_id) for cid in self.before]

    def _undo(self) -> list[Claim]:
        return [self.services.claims.retag(cid, old) for cid, old in self.before.items()]


class EditClaim(ServiceCommand):
    """Change a claim's fields. The first run refuses if someone else saved first."""

    def __init__(
        self,
        services: Services,
        claim_id: int,
        *,
        before: ClaimFields,
        after: ClaimFields,
        expected_version: int | None = None,
        text: str,
    ) -> None:
        super().__init__(services, text)
        self.claim_id = claim_id
        self.before = before
        self.after = after
        self.expected_version = expected_version

    def _first_redo(self) -> Claim:
        return self.services.claims.edit(
            self.claim_id, self.after, expected_version=self.expected_version
        )

    def _redo(self) -> Claim:
        return self.services.claims.edit(self.claim_id, self.after)

    def _undo(self) -> Claim:
        return self.services.claims.edit(self.claim_id, self.before)


class DeleteClaims(ServiceCommand):
    """Delete claims; undo restores each from its snapshot, with its id and links."""

    def __init__(self, services: Services, claim_ids: Sequence[int], *, text: str) -> None:
        super().__init__(services, text)
        self.claim_ids = list(claim_ids)
        self.snapshots: list[ClaimSnapshot] = []

    def _redo(self) -> None:
        done: list[ClaimSnapshot] = []
        try:
            for claim_id in self.claim_ids:
                done.append(self.services.claims.delete(claim_id))
        except UserError:
            for snapshot in reversed(done):  # all or nothing, like one transaction
                self.services.claims.restore(snapshot)
            raise
        self.snapshots = done

    def _undo(self) -> None:
        for snapshot in reversed(self.snapshots):
            self.services.claims.restore(snapshot)
        self.snapshots = []


class MoveClaim(ServiceCommand):
    """Put a claim on other words (placing an orphan of a corrected version by hand).

    Undo puts it back where it was. ``ClaimService.move`` refuses an empty span, so an
    orphan (empty span, ``orphaned=True``) cannot be moved back; its undo deletes the
    claim and restores it as it was before, with the same id, its fields and links as
    they are now and its old quote, span and orphan mark (the history shows a delete
    and a restore for that step)."""

    def __init__(self, services: Services, before: Claim, span: Span, *, text: str) -> None:
        super().__init__(services, text)
        self.claim_id = before.id
        self.before = before
        self.span = span

    def _redo(self) -> Claim:
        return self.services.claims.move(self.claim_id, self.span)

    def _undo(self) -> Claim:
        old = self.before
        if not old.orphaned and old.span.end > old.span.start:
            return self.services.claims.move(self.claim_id, old.span)
        now = self.services.claims.delete(self.claim_id)
        back = replace(now.claim, span=old.span, quote=old.quote, orphaned=old.orphaned)
        return self.services.claims.restore(ClaimSnapshot(back, now.links))


def fields_of(claim: Claim) -> ClaimFields:
    """Every editable field of ``claim``, as an edit that would set them all back."""
    return ClaimFields(
        label_id=claim.label_id,
        verdict=claim.verdict,
        claimant=claim.claimant,
        claim_date=claim.claim_date,
        comment=claim.comment,
        status=claim.status,
        clear_claim_date=claim.claim_date is None,
    )
