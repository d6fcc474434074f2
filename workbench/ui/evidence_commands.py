"""Undoable evidence actions: one QUndoCommand per user action on notes, links and files.

Each command stores ids and before/after values and calls a service in ``redo()`` and
the inverse in ``undo()`` (ARCHITECTURE.md, "Undo"). The first ``redo()`` runs inside
``QUndoStack.push``; if the service refuses (a ``UserError``), the command marks itself
obsolete so Qt drops it, and ``push_command`` raises the error to the caller, who shows
it. A later undo or redo that fails (say, the note was deleted by a colleague) is
dropped from the stack the same way and reported in a plain message box.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.domain import (
    Attachment,
    EvidenceNote,
    Link,
    NoteFields,
    NoteSnapshot,
    Stance,
    UserError,
)

log = logging.getLogger(__name__)

STANCE_NAMES: dict[Stance, str] = {
    Stance.SUPPORTS: "supporting",
    Stance.CONTRADICTS: "contradicting",
    Stance.CONTEXT: "context",
}


@dataclass
class Outcome:
    """What the first ``redo()`` of a command produced; lives apart from the Qt object,
    which the stack may delete when the command fails."""

    error: UserError | None = None
    value: Any = None


def active_stack(undo_group: QUndoGroup) -> QUndoStack:
    """The group's active stack; a standalone panel (tests, a dialog) gets its own."""
    stack = undo_group.activeStack()
    if stack is None:
        stack = QUndoStack(undo_group)
        undo_group.addStack(stack)
        undo_group.setActiveStack(stack)
    return stack


def push_command(undo_group: QUndoGroup, command: EvidenceCommand) -> Any:
    """Run ``command`` on the active stack; raise its ``UserError`` if it was refused.

    Returns what the command's first run produced (e.g. the new note).
    """
    outcome = command.outcome
    active_stack(undo_group).push(command)
    if outcome.error is not None:
        raise outcome.error
    return outcome.value


def report_error(err: UserError, *, doing: str = "Undo") -> None:
    """Tell the user, after the undo stack has finished its step, why a step failed."""
    log.warning("%s failed: %s", doing, err)

    def show() -> None:
        QMessageBox.warning(QApplication.activeWindow(), f"{doing} failed", str(err))

    QTimer.singleShot(0, show)


def fields_of(note: EvidenceNote) -> NoteFields:
    """Every editable field of ``note``, so an edit back to it restores it exactly."""
    return NoteFields(
        title=note.title,
        body=note.body,
        source_url=note.source_url,
        source_title=note.source_title,
        accessed_at=note.accessed_at,
        reliability=note.reliability,
        clear_accessed_at=note.accessed_at is None,
        clear_reliability=note.reliability is None,
    )


def changed_fields(note: EvidenceNote, wanted: NoteFields) -> tuple[NoteFields, NoteFields]:
    """(before, after) limited to what differs between ``note`` and the form's ``wanted``."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in ("title", "body", "source_url", "source_title"):
        new = getattr(wanted, name)
        if new is not None and new != getattr(note, name):
            before[name], after[name] = getattr(note, name), new
    old_at, new_at = note.accessed_at, wanted.accessed_at
    old_secs = int(old_at.timestamp()) if old_at else None
    new_secs = int(new_at.timestamp()) if new_at else None
    if old_secs != new_secs:
        before.update(accessed_at=old_at, clear_accessed_at=old_at is None)
        after.update(accessed_at=new_at, clear_accessed_at=new_at is None)
    if note.reliability != wanted.reliability:
        before.update(reliability=note.reliability, clear_reliability=note.reliability is None)
        after.update(reliability=wanted.reliability, clear_reliability=wanted.reliability is None)
    return NoteFields(**before), NoteFields(**after)


class EvidenceCommand(QUndoCommand):
    """Base: runs service calls, turns refusals into an obsolete command."""

    def __init__(self, services: Any, text: str) -> None:
        super().__init__(text)
        self._services = services
        self._done_once = False
        self.outcome = Outcome()

    def redo(self) -> None:
        first = not self._done_once
        self._done_once = True
        try:
            with self._coalesced():
                value = self._do(first=first)
        except UserError as err:
            self.setObsolete(True)
            if first:
                self.outcome.error = err
            else:
                report_error(err, doing=f"Redo {self.text()!r}")
            return
        if first:
            self.outcome.value = value

    def undo(self) -> None:
        try:
            with self._coalesced():
                self._undo()
        except UserError as err:
            self.setObsolete(True)
            report_error(err, doing=f"Undo {self.text()!r}")

    def _coalesced(self) -> AbstractContextManager[None]:
        """One ``Changes`` record per step: "Add evidence" creates and links the note, and
        the panels should refresh once for it, not once per service call."""
        coalesced = getattr(self._services.bus, "coalesced", None)
        return coalesced() if coalesced is not None else nullcontext()

    def _do(self, *, first: bool) -> Any:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateNoteCommand(EvidenceCommand):
    """A new note, and with ``claim_id`` its link to that claim: "Add evidence", one step."""

    def __init__(
        self,
        services: Any,
        fields: NoteFields,
        *,
        claim_id: int | None = None,
        stance: Stance = Stance.SUPPORTS,
    ) -> None:
        text = "Add evidence" if claim_id is not None else "New note"
        super().__init__(services, f"{text} {fields.title or ''!r}".strip())
        self._fields = fields
        self._claim_id = claim_id
        self._stance = stance
        self._snapshot: NoteSnapshot | None = None
        self.note_id: int | None = None

    def _do(self, *, first: bool) -> EvidenceNote:
        if self._snapshot is not None:
            note: EvidenceNote = self._services.notes.restore(self._snapshot)
            return note
        note = self._services.notes.create(self._fields)
        self.note_id = note.id
        if self._claim_id is not None:
            try:
                self._services.notes.link(self._claim_id, note.id, self._stance)
            except UserError:
                self._services.notes.delete(note.id)  # one action: all or nothing
                raise
        return note

    def _undo(self) -> None:
        assert self.note_id is not None
        self._snapshot = self._services.notes.delete(self.note_id)


class EditNoteCommand(EvidenceCommand):
    """Change a note's fields; the first run may insist on the version the user saw."""

    def __init__(
        self,
        services: Any,
        note_id: int,
        *,
        before: NoteFields,
        after: NoteFields,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(services, f"Edit note {after.title or before.title or ''!r}".strip())
        self._note_id = note_id
        self._before = before
        self._after = after
        self._expected_version = expected_version

    def _do(self, *, first: bool) -> EvidenceNote:
        version = self._expected_version if first else None
        note: EvidenceNote = self._services.notes.edit(
            self._note_id, self._after, expected_version=version
        )
        return note

    def _undo(self) -> None:
        self._services.notes.edit(self._note_id, self._before)


class DeleteNoteCommand(EvidenceCommand):
    """Delete a note with its links and attachments; undo restores the snapshot."""

    def __init__(self, services: Any, note_id: int, *, title: str = "") -> None:
        super().__init__(services, f"Delete note {title!r}" if title else "Delete note")
        self._note_id = note_id
        self._snapshot: NoteSnapshot | None = None

    def _do(self, *, first: bool) -> NoteSnapshot:
        self._snapshot = self._services.notes.delete(self._note_id)
        return self._snapshot

    def _undo(self) -> None:
        assert self._snapshot is not None
        self._services.notes.restore(self._snapshot)


class LinkNoteCommand(EvidenceCommand):
    """Link an existing note to a claim (if it was linked already, undo puts back the
    stance it had)."""

    def __init__(
        self,
        services: Any,
        claim_id: int,
        note_id: int,
        stance: Stance,
        *,
        previous: Stance | None = None,
    ) -> None:
        super().__init__(services, f"Link note as {STANCE_NAMES[stance]}")
        self._claim_id = claim_id
        self._note_id = note_id
        self._stance = stance
        self._previous = previous

    def _do(self, *, first: bool) -> Link:
        link: Link = self._services.notes.link(self._claim_id, self._note_id, self._stance)
        return link

    def _undo(self) -> None:
        if self._previous is None:
            self._services.notes.unlink(self._claim_id, self._note_id)
        else:
            self._services.notes.link(self._claim_id, self._note_id, self._previous)


class UnlinkNoteCommand(EvidenceCommand):
    """Take a note off a claim (the note stays in the library); undo relinks it as it was."""

    def __init__(self, services: Any, claim_id: int, note_id: int) -> None:
        super().__init__(services, "Unlink note")
        self._claim_id = claim_id
        self._note_id = note_id
        self._link: Link | None = None

    def _do(self, *, first: bool) -> Link:
        self._link = self._services.notes.unlink(self._claim_id, self._note_id)
        return self._link

    def _undo(self) -> None:
        assert self._link is not None
        self._services.notes.relink(self._link)


class ChangeStanceCommand(EvidenceCommand):
    def __init__(
        self, services: Any, claim_id: int, note_id: int, *, before: Stance, after: Stance
    ) -> None:
        super().__init__(services, f"Mark evidence as {STANCE_NAMES[after]}")
        self._claim_id = claim_id
        self._note_id = note_id
        self._before = before
        self._after = after

    def _do(self, *, first: bool) -> Link:
        link: Link = self._services.notes.link(self._claim_id, self._note_id, self._after)
        return link

    def _undo(self) -> None:
        self._services.notes.link(self._claim_id, self._note_id, self._before)


class AttachFileCommand(EvidenceCommand):
    """Copy a file into the store and attach it; redo after undo reattaches the same one."""

    def __init__(self, services: Any, note_id: int, path: Path) -> None:
        super().__init__(services, f"Attach {path.name!r}")
        self._note_id = note_id
        self._path = path
        self._attachment: Attachment | None = None

    def _do(self, *, first: bool) -> Attachment:
        if self._attachment is None:
            self._attachment = self._services.notes.attach(self._note_id, self._path)
        else:
            self._services.notes.reattach(self._attachment)
        return self._attachment

    def _undo(self) -> None:
        assert self._attachment is not None
        self._services.notes.detach(self._attachment.id)


class DetachFileCommand(EvidenceCommand):
    def __init__(self, services: Any, attachment: Attachment) -> None:
        super().__init__(services, f"Remove attachment {attachment.file_name!r}")
        self._attachment = attachment

    def _do(self, *, first: bool) -> Attachment:
        detached: Attachment = self._services.notes.detach(self._attachment.id)
        return detached

    def _undo(self) -> None:
        self._services.notes.reattach(self._attachment)


def push_macro(
    undo_group: QUndoGroup, text: str, steps: Callable[[Callable[[EvidenceCommand], Any]], None]
) -> list[UserError]:
    """Run several commands as one undo step; collect refusals instead of stopping.

    ``steps`` receives a ``push`` function; errors of individual commands are returned.
    """
    stack = active_stack(undo_group)
    errors: list[UserError] = []

    def push(command: EvidenceCommand) -> Any:
        outcome = command.outcome
        stack.push(command)
        if outcome.error is not None:
            errors.append(outcome.error)
        return outcome.value

    stack.beginMacro(text)
    try:
        steps(push)
    finally:
        stack.endMacro()
    return errors
