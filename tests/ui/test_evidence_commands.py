"""Evidence undo commands: each action, undone and redone, leaves the store as it was."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from evidence_fixtures import Recorder, Story, record_system, tag_story, undo_group_with_stack
from PySide6.QtGui import QUndoGroup, QUndoStack
from pytestqt.qtbot import QtBot

from workbench.domain import ConflictError, NoteFields, NotFoundError, Stance, UserError
from workbench.ui.evidence_commands import (
    AttachFileCommand,
    ChangeStanceCommand,
    CreateNoteCommand,
    DeleteNoteCommand,
    DetachFileCommand,
    EditNoteCommand,
    LinkNoteCommand,
    UnlinkNoteCommand,
    active_stack,
    changed_fields,
    fields_of,
    push_command,
)


@pytest.fixture
def story(services: Any) -> Story:
    return tag_story(services)


@pytest.fixture
def group(qapp: Any) -> QUndoGroup:
    return undo_group_with_stack()


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_system(monkeypatch)


def stances(services: Any, claim_id: int) -> list[tuple[str, Stance]]:
    return [(x.note.title, x.stance) for x in services.notes.for_claim(claim_id)]


def test_add_evidence_is_one_step_that_undo_removes_and_redo_restores_with_its_id(
    services: Any, story: Story, group: QUndoGroup
) -> None:
    claim = story.claim_ids[0]
    cmd = CreateNoteCommand(
        services, NoteFields(title="Ministry statement"), claim_id=claim, stance=Stance.SUPPORTS
    )
    note = push_command(group, cmd)
    stack = group.activeStack()
    assert stack.count() == 1
    assert stack.undoText().startswith("Add evidence")
    assert stances(services, claim) == [("Ministry statement", Stance.SUPPORTS)]

    stack.undo()
    with pytest.raises(NotFoundError):
        services.notes.get(note.id)
    assert stances(services, claim) == []
    assert services.claims.get(claim).evidence_count == 0

    stack.redo()
    assert services.notes.get(note.id).title == "Ministry statement"
    assert stances(services, claim) == [("Ministry statement", Stance.SUPPORTS)]


def test_a_refused_action_raises_and_leaves_nothing_to_undo(
    services: Any, story: Story, group: QUndoGroup
) -> None:
    with pytest.raises(UserError, match="title"):
        push_command(group, CreateNoteCommand(services, NoteFields(title=" "), claim_id=1))
    assert group.activeStack().count() == 0
    assert services.notes.library() == []


def test_edit_note_undo_puts_back_every_field_including_unknown_reliability(
    services: Any, group: QUndoGroup
) -> None:
    note = services.notes.create(NoteFields(title="Transcript", body="p. 4"))
    wanted = NoteFields(
        title="Transcript (full)",
        body="p. 4-5",
        reliability=4,
        accessed_at=datetime(2026, 1, 14, 10, 0, tzinfo=UTC),
    )
    before, after = changed_fields(note, wanted)
    push_command(
        group,
        EditNoteCommand(
            services, note.id, before=before, after=after, expected_version=note.version
        ),
    )
    edited = services.notes.get(note.id)
    assert (edited.title, edited.body, edited.reliability) == ("Transcript (full)", "p. 4-5", 4)
    assert edited.accessed_at == datetime(2026, 1, 14, 10, 0, tzinfo=UTC)

    group.activeStack().undo()
    back = services.notes.get(note.id)
    assert (back.title, back.body, back.reliability, back.accessed_at) == (
        "Transcript",
        "p. 4",
        None,
        None,
    )
    group.activeStack().redo()
    assert services.notes.get(note.id).reliability == 4


def test_an_edit_on_a_stale_version_is_a_conflict_and_is_not_kept(
    services: Any, group: QUndoGroup
) -> None:
    note = services.notes.create(NoteFields(title="Transcript"))
    services.notes.edit(note.id, NoteFields(body="a colleague's edit"))
    before, after = changed_fields(note, NoteFields(title="Mine"))
    cmd = EditNoteCommand(
        services, note.id, before=before, after=after, expected_version=note.version
    )
    with pytest.raises(ConflictError) as caught:
        push_command(group, cmd)
    assert caught.value.current.body == "a colleague's edit"
    assert group.activeStack().count() == 0
    assert services.notes.get(note.id).title == "Transcript"


def test_changed_fields_names_only_what_differs(services: Any) -> None:
    note = services.notes.create(NoteFields(title="T", body="b", reliability=3))
    before, after = changed_fields(note, NoteFields(title="T", body="b2", reliability=None))
    assert after == NoteFields(body="b2", clear_reliability=True)
    assert before == NoteFields(body="b", reliability=3)
    assert fields_of(note).clear_accessed_at is True


def test_delete_note_undo_restores_its_links_and_attachments(
    services: Any, story: Story, group: QUndoGroup, tmp_path: Path
) -> None:
    note = services.notes.create(NoteFields(title="Satellite images"))
    file = tmp_path / "site.png"
    file.write_bytes(b"\x89PNG")
    services.notes.attach(note.id, file)
    services.notes.link(story.claim_ids[0], note.id, Stance.CONTRADICTS)
    services.notes.link(story.claim_ids[1], note.id, Stance.CONTEXT)

    push_command(group, DeleteNoteCommand(services, note.id, title=note.title))
    assert services.notes.library() == []
    group.activeStack().undo()
    restored = services.notes.get(note.id)
    assert [a.file_name for a in restored.attachments] == ["site.png"]
    assert stances(services, story.claim_ids[0]) == [("Satellite images", Stance.CONTRADICTS)]
    assert stances(services, story.claim_ids[1]) == [("Satellite images", Stance.CONTEXT)]
    group.activeStack().redo()
    assert services.notes.library() == []


def test_link_change_stance_and_unlink_each_undo_and_redo(
    services: Any, story: Story, group: QUndoGroup
) -> None:
    claim = story.claim_ids[1]
    note = services.notes.create(NoteFields(title="Air force statement"))
    stack = active_stack(group)

    push_command(group, LinkNoteCommand(services, claim, note.id, Stance.SUPPORTS))
    assert stances(services, claim) == [("Air force statement", Stance.SUPPORTS)]
    push_command(
        group,
        ChangeStanceCommand(
            services, claim, note.id, before=Stance.SUPPORTS, after=Stance.CONTRADICTS
        ),
    )
    assert stances(services, claim) == [("Air force statement", Stance.CONTRADICTS)]
    push_command(group, UnlinkNoteCommand(services, claim, note.id))
    assert stances(services, claim) == []
    assert services.notes.get(note.id).title == "Air force statement"  # only the link went

    stack.undo()
    assert stances(services, claim) == [("Air force statement", Stance.CONTRADICTS)]
    stack.undo()
    assert stances(services, claim) == [("Air force statement", Stance.SUPPORTS)]
    stack.undo()
    assert stances(services, claim) == []
    stack.redo()
    assert stances(services, claim) == [("Air force statement", Stance.SUPPORTS)]
    stack.redo()
    assert stances(services, claim) == [("Air force statement", Stance.CONTRADICTS)]
    stack.redo()
    assert stances(services, claim) == []


def test_linking_a_note_already_linked_undoes_to_its_old_stance(
    services: Any, story: Story, group: QUndoGroup
) -> None:
    claim = story.claim_ids[0]
    note = services.notes.create(NoteFields(title="Embassy note"))
    services.notes.link(claim, note.id, Stance.CONTEXT)
    push_command(
        group, LinkNoteCommand(services, claim, note.id, Stance.SUPPORTS, previous=Stance.CONTEXT)
    )
    group.activeStack().undo()
    assert stances(services, claim) == [("Embassy note", Stance.CONTEXT)]


def test_attach_and_detach_undo_and_redo(services: Any, group: QUndoGroup, tmp_path: Path) -> None:
    note = services.notes.create(NoteFields(title="Video still"))
    file = tmp_path / "still.jpg"
    file.write_bytes(b"jpeg bytes")
    stack = active_stack(group)
    attachment = push_command(group, AttachFileCommand(services, note.id, file))

    def names() -> list[str]:
        return [a.file_name for a in services.notes.get(note.id).attachments]

    assert names() == ["still.jpg"]
    stack.undo()
    assert names() == []
    stack.redo()
    assert names() == ["still.jpg"]
    push_command(group, DetachFileCommand(services, attachment))
    assert names() == []
    stack.undo()
    assert names() == ["still.jpg"]
    assert services.notes.get(note.id).attachments[0].id == attachment.id


def test_an_undo_that_can_no_longer_apply_is_dropped_and_reported(
    services: Any, story: Story, group: QUndoGroup, system: Recorder, qtbot: QtBot
) -> None:
    claim = story.claim_ids[0]
    note = services.notes.create(NoteFields(title="Deleted by a colleague"))
    push_command(group, LinkNoteCommand(services, claim, note.id, Stance.SUPPORTS))
    services.notes.delete(note.id)  # someone else, outside the undo stack
    group.activeStack().undo()
    qtbot.waitUntil(lambda: bool(system.messages))
    assert "Undo" in system.messages[0][1]
    assert group.activeStack().count() == 0


def test_a_standalone_group_gets_an_active_stack(qapp: Any) -> None:
    group = QUndoGroup()
    stack = active_stack(group)
    assert isinstance(stack, QUndoStack)
    assert group.activeStack() is stack
    assert active_stack(group) is stack
