"""The note editor: write a note, see a safe preview, attach files by drop, resolve conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from evidence_fixtures import (
    Recorder,
    Story,
    record_system,
    release_modifiers,
    tag_story,
    undo_group_with_stack,
)
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextDocument, QUndoGroup
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from workbench.domain import NoteFields, Stance
from workbench.services import notes as notes_service
from workbench.ui import note_editor
from workbench.ui.evidence_view import MarkdownPreview, render_markdown
from workbench.ui.note_editor import ConflictChoice, NoteEditor

HOSTILE = (
    "Ministry statement\n\n<script>alert(1)</script>\n\n"
    "<img src=http://example.com/x.png onerror=alert(2)>\n\n"
    "![chart](http://example.com/chart.png) and [the source](https://mil.example/briefing)"
)


@pytest.fixture
def group(qapp: Any) -> QUndoGroup:
    return undo_group_with_stack()


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_system(monkeypatch)


@pytest.fixture
def story(services: Any) -> Story:
    return tag_story(services)


def open_editor(qtbot: QtBot, services: Any, group: QUndoGroup, **kwargs: Any) -> NoteEditor:
    editor = NoteEditor(services, group, **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)  # shortcuts need it
    return editor


def drop_files(widget: Any, paths: list[Path]) -> None:
    """Drag files from a file manager onto ``widget`` and let go (enter, then drop)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the editor should accept dragged files"
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(widget, drop)


def test_raw_html_in_a_note_shows_as_text_and_nothing_remote_is_loaded(
    qtbot: QtBot, services: Any, group: QUndoGroup, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[QUrl] = []
    original = MarkdownPreview.loadResource

    def spy(self: MarkdownPreview, kind: int, name: QUrl) -> Any:
        asked.append(QUrl(name))
        return original(self, kind, name)

    monkeypatch.setattr(MarkdownPreview, "loadResource", spy)
    editor = open_editor(qtbot, services, group)
    qtbot.keyClicks(editor.body, "x")
    editor.body.setPlainText(HOSTILE)
    editor.render_preview()

    shown = editor.preview.toPlainText()
    assert "<script>alert(1)</script>" in shown
    assert "<img src=http://example.com/x.png onerror=alert(2)>" in shown
    assert "[image: chart]" in shown
    assert "<img" not in editor.preview.toHtml()
    assert not [u for u in asked if u.host()], "a remote resource was requested"
    assert editor.preview.openLinks() is False
    assert editor.preview.openExternalLinks() is False


def test_the_preview_refuses_remote_resources_even_when_asked_directly(qapp: Any) -> None:
    preview = MarkdownPreview()
    remote = QUrl("http://example.com/x.png")
    assert preview.loadResource(QTextDocument.ResourceType.ImageResource.value, remote) is None
    assert "<script>" not in render_markdown("<script>alert(1)</script>")


def test_the_preview_follows_the_body_as_the_user_types(
    qtbot: QtBot, services: Any, group: QUndoGroup
) -> None:
    editor = open_editor(qtbot, services, group)
    qtbot.keyClicks(editor.body, "**91 drones**")
    qtbot.waitUntil(lambda: "91 drones" in editor.preview.toPlainText())
    assert "**" not in editor.preview.toPlainText()


def test_write_a_note_for_a_claim_and_save_it_as_one_undo_step(
    qtbot: QtBot, services: Any, group: QUndoGroup, story: Story
) -> None:
    claim = story.claim_ids[1]
    editor = open_editor(qtbot, services, group, claim_id=claim, stance=Stance.CONTRADICTS)
    qtbot.keyClicks(editor.title, "Air force log")
    qtbot.keyClicks(editor.source_url, "https://mil.example/log")
    qtbot.keyClicks(editor.source_title, "Air force daily log")
    editor.reliability.setCurrentIndex(editor.reliability.findData(4))
    qtbot.mouseClick(editor.now_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        release_modifiers()

    (linked,) = services.notes.for_claim(claim)
    assert linked.stance is Stance.CONTRADICTS
    note = linked.note
    assert (note.title, note.source_url, note.source_title, note.reliability) == (
        "Air force log",
        "https://mil.example/log",
        "Air force daily log",
        4,
    )
    assert note.accessed_at is not None
    assert group.activeStack().count() == 1
    group.activeStack().undo()
    assert services.notes.for_claim(claim) == []
    assert services.notes.library() == []


def test_a_note_needs_a_title(
    qtbot: QtBot, services: Any, group: QUndoGroup, system: Recorder
) -> None:
    editor = open_editor(qtbot, services, group)
    qtbot.mouseClick(editor.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert "title" in editor.message.text()
    assert editor.isVisible()
    assert services.notes.library() == []


def test_edit_a_note_clear_its_date_and_reliability_and_undo(
    qtbot: QtBot, services: Any, group: QUndoGroup
) -> None:
    note = services.notes.create(NoteFields(title="Transcript", reliability=2))
    editor = open_editor(qtbot, services, group, note_id=note.id)
    assert editor.stance.isHidden()
    editor.title.setText("Transcript, full")
    editor.reliability.setCurrentIndex(editor.reliability.findData(None))
    editor.accessed_known.setChecked(False)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    release_modifiers()
    edited = services.notes.get(note.id)
    assert (edited.title, edited.reliability, edited.accessed_at) == (
        "Transcript, full",
        None,
        None,
    )
    group.activeStack().undo()
    assert services.notes.get(note.id).reliability == 2


def test_saving_an_unchanged_note_adds_no_undo_step(
    qtbot: QtBot, services: Any, group: QUndoGroup
) -> None:
    note = services.notes.create(NoteFields(title="Same", body="x", reliability=3))
    editor = open_editor(qtbot, services, group, note_id=note.id)
    editor._on_save()
    assert group.activeStack().count() == 0
    assert services.notes.get(note.id).version == note.version


def test_a_file_dropped_on_the_editor_is_attached_and_undo_removes_it(
    qtbot: QtBot, services: Any, group: QUndoGroup, tmp_path: Path
) -> None:
    note = services.notes.create(NoteFields(title="Screenshot of the ministry page"))
    file = tmp_path / "ministry page.png"
    file.write_bytes(b"\x89PNG fake image")
    editor = open_editor(qtbot, services, group, note_id=note.id)
    drop_files(editor.body.viewport(), [file])

    (attachment,) = services.notes.get(note.id).attachments
    assert attachment.file_name == "ministry page.png"
    assert editor.attachments.count() == 1
    group.activeStack().undo()
    assert services.notes.get(note.id).attachments == ()
    qtbot.waitUntil(lambda: editor.attachments.count() == 0)


def test_a_file_over_the_size_limit_is_refused_with_a_plain_message(
    qtbot: QtBot,
    services: Any,
    group: QUndoGroup,
    system: Recorder,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(notes_service, "MAX_ATTACHMENT_BYTES", 10)
    note = services.notes.create(NoteFields(title="Video"))
    big = tmp_path / "interview.mp4"
    big.write_bytes(b"x" * 100)
    editor = open_editor(qtbot, services, group, note_id=note.id)
    drop_files(editor, [big])
    assert services.notes.get(note.id).attachments == ()
    ((kind, _title, text),) = system.messages
    assert kind == "warning"
    assert "interview.mp4" in text and "at most 10 bytes" in text
    assert "Traceback" not in text

    new = open_editor(qtbot, services, group)
    drop_files(new, [big])
    assert new.attachments.count() == 0
    assert len(system.messages) == 2


def test_files_for_a_new_note_are_attached_when_it_is_saved_in_the_same_step(
    qtbot: QtBot,
    services: Any,
    group: QUndoGroup,
    story: Story,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file = tmp_path / "briefing.pdf"
    file.write_bytes(b"%PDF-1.7")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(file)], ""))
    )
    editor = open_editor(qtbot, services, group, claim_id=story.claim_ids[0])
    qtbot.keyClicks(editor.title, "Briefing")
    qtbot.mouseClick(editor.add_file, Qt.MouseButton.LeftButton)
    assert "attached on save" in editor.attachments.item(0).text()
    editor._on_save()

    (linked,) = services.notes.for_claim(story.claim_ids[0])
    assert [a.file_name for a in linked.note.attachments] == ["briefing.pdf"]
    stack = group.activeStack()
    assert stack.count() == 1
    stack.undo()
    assert services.notes.library() == []
    stack.redo()
    (linked,) = services.notes.for_claim(story.claim_ids[0])
    assert [a.file_name for a in linked.note.attachments] == ["briefing.pdf"]


def test_open_an_attachment_hands_a_copy_with_its_own_name_to_the_system(
    qtbot: QtBot, services: Any, group: QUndoGroup, system: Recorder, tmp_path: Path
) -> None:
    note = services.notes.create(NoteFields(title="Scan"))
    file = tmp_path / "scan.pdf"
    file.write_bytes(b"%PDF")
    services.notes.attach(note.id, file)
    editor = open_editor(qtbot, services, group, note_id=note.id)
    editor.attachments.setCurrentRow(0)
    qtbot.mouseClick(editor.open_file, Qt.MouseButton.LeftButton)
    (url,) = system.urls
    assert url.isLocalFile() and url.fileName() == "scan.pdf"
    assert Path(url.toLocalFile()).read_bytes() == b"%PDF"

    editor.attachments.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_file, Qt.MouseButton.LeftButton)
    assert services.notes.get(note.id).attachments == ()


@pytest.mark.parametrize("choice", [ConflictChoice.KEEP_THEIRS, ConflictChoice.OVERWRITE])
def test_when_a_colleague_saved_first_the_user_sees_their_version_and_chooses(
    qtbot: QtBot,
    services: Any,
    group: QUndoGroup,
    monkeypatch: pytest.MonkeyPatch,
    choice: ConflictChoice,
) -> None:
    note = services.notes.create(NoteFields(title="Transcript", body="mine to edit"))
    editor = open_editor(qtbot, services, group, note_id=note.id)
    services.notes.edit(note.id, NoteFields(title="Transcript (colleague)", body="theirs"))
    shown: list[Any] = []

    def ask(_parent: Any, *, theirs: Any) -> ConflictChoice:
        shown.append(theirs)
        return choice

    monkeypatch.setattr(note_editor, "ask_conflict_choice", ask)
    editor.body.setPlainText("my rewrite")
    editor._on_save()

    assert shown[0].body == "theirs"
    saved = services.notes.get(note.id)
    if choice is ConflictChoice.KEEP_THEIRS:
        assert (saved.title, saved.body) == ("Transcript (colleague)", "theirs")
        assert editor.body.toPlainText() == "theirs"
        assert editor.isVisible()
    else:
        assert (saved.title, saved.body) == ("Transcript", "my rewrite")
        group.activeStack().undo()
        assert services.notes.get(note.id).body == "theirs"
