"""The notes library: every note with the claims that use it, searchable, editable, deletable."""

from __future__ import annotations

from typing import Any

import pytest
from evidence_fixtures import Story, tag_story, undo_group_with_stack
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.domain import NoteFields, Stance
from workbench.ui.notes_library import NotesLibraryDialog


@pytest.fixture
def group(qapp: Any) -> QUndoGroup:
    return undo_group_with_stack()


@pytest.fixture
def story(services: Any) -> Story:
    story = tag_story(services)
    transcript = services.notes.create(
        NoteFields(title="Ministry transcript", source_url="https://mod.example/t")
    )
    services.notes.create(NoteFields(title="Analyst interview", body="Doubts about the drones"))
    services.notes.link(story.claim_ids[0], transcript.id, Stance.SUPPORTS)
    services.notes.link(story.claim_ids[1], transcript.id, Stance.CONTRADICTS)
    return story


@pytest.fixture
def library(qtbot: QtBot, services: Any, group: QUndoGroup, story: Story) -> NotesLibraryDialog:
    dialog = NotesLibraryDialog(services, undo_group=group)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def titles(library: NotesLibraryDialog) -> list[str]:
    tree = library.notes
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def select(library: NotesLibraryDialog, title: str) -> None:
    tree = library.notes
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0) == title:
            tree.setCurrentItem(tree.topLevelItem(i))


def test_every_note_is_listed_with_the_claims_that_use_it(library: NotesLibraryDialog) -> None:
    assert library.objectName() == "notesLibrary"
    assert sorted(titles(library)) == ["Analyst interview", "Ministry transcript"]
    select(library, "Ministry transcript")
    row = library.notes.currentItem()
    assert row.text(3) == "2 claims"
    assert library.claims.count() == 2
    assert "drone attack" in library.claims.item(0).text()
    assert "Drone evidence" in library.claims.item(0).text()
    select(library, "Analyst interview")
    assert library.notes.currentItem().text(3) == "0 claims"
    assert library.claims.count() == 0


def test_search_finds_notes_by_title_text_or_source(
    qtbot: QtBot, library: NotesLibraryDialog
) -> None:
    qtbot.keyClicks(library.search, "drones")
    qtbot.waitUntil(lambda: titles(library) == ["Analyst interview"])
    library.search.clear()
    qtbot.keyClicks(library.search, "mod.example")
    qtbot.waitUntil(lambda: titles(library) == ["Ministry transcript"])


def test_enter_opens_the_note_editor_and_a_save_shows_in_the_list(
    qtbot: QtBot, library: NotesLibraryDialog, services: Any
) -> None:
    select(library, "Analyst interview")
    library.notes.setFocus()
    qtbot.keyClick(library.notes, Qt.Key.Key_F2)
    editor = library.editor
    assert editor is not None and editor.title.text() == "Analyst interview"
    editor.title.setText("Analyst interview (Kyiv)")
    editor._on_save()
    assert "Analyst interview (Kyiv)" in titles(library)


def test_delete_a_note_and_undo_brings_it_back_with_its_links(
    qtbot: QtBot, library: NotesLibraryDialog, services: Any, story: Story, group: QUndoGroup
) -> None:
    select(library, "Ministry transcript")
    library.notes.setFocus()
    qtbot.keyClick(library.notes, Qt.Key.Key_Delete)
    assert titles(library) == ["Analyst interview"]
    assert services.notes.for_claim(story.claim_ids[0]) == []
    group.activeStack().undo()
    assert sorted(titles(library)) == ["Analyst interview", "Ministry transcript"]
    assert services.notes.for_claim(story.claim_ids[1])[0].stance is Stance.CONTRADICTS


def test_new_note_from_the_library_is_not_linked_to_any_claim(
    qtbot: QtBot, library: NotesLibraryDialog, services: Any
) -> None:
    qtbot.mouseClick(library.new_button, Qt.MouseButton.LeftButton)
    editor = library.editor
    assert editor is not None and editor.stance.isHidden()
    qtbot.keyClicks(editor.title, "Satellite imagery")
    editor._on_save()
    assert "Satellite imagery" in titles(library)
    usage = next(u for u in services.notes.library() if u.note.title == "Satellite imagery")
    assert usage.claim_ids == ()
