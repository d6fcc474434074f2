"""The evidence panel, as a fact-checker uses it: pick a claim, add evidence, relink, undo."""

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
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from workbench.domain import NoteFields, Stance
from workbench.ui.evidence_panel import EvidencePanel
from workbench.ui.evidence_view import STANCE_BADGES


@pytest.fixture
def group(qapp: Any) -> QUndoGroup:
    return undo_group_with_stack()


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_system(monkeypatch)


@pytest.fixture
def story(services: Any) -> Story:
    return tag_story(services)


@pytest.fixture
def panel(qtbot: QtBot, services: Any, group: QUndoGroup) -> EvidencePanel:
    widget = EvidencePanel(services, group)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)  # shortcuts need it
    return widget


def rows(panel: EvidencePanel) -> list[tuple[str, str]]:
    """(badge text, note title) per row, as the user reads them."""
    tree = panel.notes
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    ]


def stances(services: Any, claim_id: int) -> list[tuple[str, Stance]]:
    return [(x.note.title, x.stance) for x in services.notes.for_claim(claim_id)]


def settled(qtbot: QtBot, panel: EvidencePanel) -> None:
    """Let the panel's refresh run: it follows the bus on the next event-loop turn."""
    qtbot.waitUntil(lambda: not panel.refresh_pending())


def press(qtbot: QtBot, panel: EvidencePanel, keys: str) -> None:
    """Press a shortcut with the focus in the notes list (of the active window: the
    offscreen platform activates nothing when a dialog closes, a desktop would)."""
    if QApplication.activeWindow() is not panel.window():
        panel.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is panel.window())
    panel.notes.setFocus()
    modifiers = Qt.KeyboardModifier.NoModifier
    *mods, key = keys.split("+")
    for mod in mods:
        modifiers |= {
            "Ctrl": Qt.KeyboardModifier.ControlModifier,
            "Shift": Qt.KeyboardModifier.ShiftModifier,
            "Alt": Qt.KeyboardModifier.AltModifier,
        }[mod]
    qt_key = getattr(Qt.Key, f"Key_{key}")
    qtbot.keyClick(panel.notes, qt_key, modifiers)
    release_modifiers()


def test_panel_has_stable_names_and_starts_empty(panel: EvidencePanel) -> None:
    assert panel.objectName() == "evidencePanel"
    assert panel.accessibleName()
    assert panel.findChild(QWidget, "evidenceList") is panel.notes
    assert "Select a claim" in panel.heading.text()
    assert not panel.new_action.isEnabled()
    assert panel.new_note() is None


def test_add_evidence_link_it_change_stance_unlink_and_undo_redo_each_step(
    qtbot: QtBot, services: Any, story: Story, panel: EvidencePanel, group: QUndoGroup
) -> None:
    claim = story.claim_ids[0]
    panel.set_claim(claim)
    assert "No evidence yet" in panel.heading.text()

    # Insert: a new note for this claim, saved and linked as supporting in one step.
    press(qtbot, panel, "Insert")
    editor = panel.editor
    assert editor is not None and editor.objectName() == "noteEditor"
    qtbot.keyClicks(editor.title, "Ministry statement of 14 January")
    editor.body.setPlainText("The ministry says it **handed over** coordinates.")
    with qtbot.waitSignal(panel.notesChanged):
        editor._on_save()
    assert rows(panel) == [("✔ Supports", "Ministry statement of 14 January")]
    assert stances(services, claim) == [("Ministry statement of 14 January", Stance.SUPPORTS)]
    stack = group.activeStack()
    assert stack.undoText().startswith("Add evidence")

    # Alt+2: it contradicts the claim after all.
    press(qtbot, panel, "Alt+2")
    assert stances(services, claim) == [("Ministry statement of 14 January", Stance.CONTRADICTS)]
    settled(qtbot, panel)
    assert rows(panel)[0][0] == "✘ Contradicts"

    # Delete: unlink (the note stays in the library).
    press(qtbot, panel, "Delete")
    assert stances(services, claim) == []
    settled(qtbot, panel)
    assert rows(panel) == []
    assert len(services.notes.library()) == 1

    stack.undo()  # unlink
    assert stances(services, claim) == [("Ministry statement of 14 January", Stance.CONTRADICTS)]
    settled(qtbot, panel)
    assert rows(panel) == [("✘ Contradicts", "Ministry statement of 14 January")]
    stack.undo()  # stance
    assert stances(services, claim) == [("Ministry statement of 14 January", Stance.SUPPORTS)]
    stack.undo()  # add evidence
    assert stances(services, claim) == []
    assert services.notes.library() == []
    settled(qtbot, panel)
    assert rows(panel) == []

    stack.redo()
    assert stances(services, claim) == [("Ministry statement of 14 January", Stance.SUPPORTS)]
    stack.redo()
    assert stances(services, claim) == [("Ministry statement of 14 January", Stance.CONTRADICTS)]
    stack.redo()
    assert stances(services, claim) == []
    settled(qtbot, panel)
    assert rows(panel) == []


def test_link_an_existing_note_through_the_searchable_picker(
    qtbot: QtBot, services: Any, story: Story, panel: EvidencePanel
) -> None:
    services.notes.create(NoteFields(title="Air force log", body="No launches recorded"))
    attache = services.notes.create(NoteFields(title="Embassy readout", body="Attaché meeting"))
    claim = story.claim_ids[2]
    panel.set_claim(claim)

    press(qtbot, panel, "Ctrl+K")
    picker = panel.findChild(QWidget, "notePicker")
    assert picker is not None and picker.notes.topLevelItemCount() == 2
    qtbot.keyClicks(picker.search, "attach")
    qtbot.waitUntil(lambda: picker.notes.topLevelItemCount() == 1)
    assert picker.notes.topLevelItem(0).text(0) == "Embassy readout"
    picker.stance.setCurrentIndex(picker.stance.findData(Stance.CONTEXT))
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    assert stances(services, claim) == [("Embassy readout", Stance.CONTEXT)]
    settled(qtbot, panel)
    assert rows(panel) == [("ℹ Context", "Embassy readout")]
    assert panel.current_note().note.id == attache.id

    # A note already linked is not offered again.
    picker = panel.link_existing()
    assert picker.notes.topLevelItemCount() == 1
    assert picker.notes.topLevelItem(0).text(0) == "Air force log"
    picker.reject()


def test_selecting_another_claim_is_not_a_change_of_notes(
    qtbot: QtBot, services: Any, story: Story, panel: EvidencePanel
) -> None:
    note = services.notes.create(NoteFields(title="Radar data"))
    services.notes.link(story.claim_ids[0], note.id, Stance.SUPPORTS)
    with qtbot.assertNotEmitted(panel.notesChanged):
        panel.set_claim(story.claim_ids[0])
        panel.set_claim(story.claim_ids[1])
    assert rows(panel) == []


def test_changes_made_elsewhere_show_up_without_touching_an_open_editor(
    qtbot: QtBot, services: Any, story: Story, panel: EvidencePanel
) -> None:
    claim = story.claim_ids[1]
    note = services.notes.create(NoteFields(title="Radar data"))
    panel.set_claim(claim)
    with qtbot.waitSignal(panel.notesChanged):
        services.notes.link(claim, note.id, Stance.SUPPORTS)  # e.g. from the claims panel
    assert rows(panel) == [("✔ Supports", "Radar data")]

    editor = panel.edit_note()
    assert editor is not None
    editor.title.setText("Radar data (my unsaved words)")
    services.notes.edit(note.id, NoteFields(title="Radar data, revised"))
    settled(qtbot, panel)
    assert rows(panel) == [("✔ Supports", "Radar data, revised")]
    assert editor.title.text() == "Radar data (my unsaved words)"
    assert editor.isVisible()

    services.notes.link(story.claim_ids[0], note.id, Stance.CONTEXT)  # another claim
    settled(qtbot, panel)
    assert rows(panel) == [("✔ Supports", "Radar data, revised")]


def test_stance_is_told_by_words_and_colour(
    services: Any, story: Story, panel: EvidencePanel
) -> None:
    claim = story.claim_ids[0]
    for stance in Stance:
        note = services.notes.create(NoteFields(title=f"{stance.value} note"))
        services.notes.link(claim, note.id, stance)
    panel.set_claim(claim)
    badges = {panel.notes.topLevelItem(i).text(0) for i in range(3)}
    assert badges == {text for text, _colour in STANCE_BADGES.values()}
    colours = {panel.notes.topLevelItem(i).background(0).color().name() for i in range(3)}
    assert len(colours) == 3


def test_open_the_source_link_and_the_attachment_through_the_system(
    qtbot: QtBot,
    services: Any,
    story: Story,
    panel: EvidencePanel,
    system: Recorder,
    tmp_path: Path,
) -> None:
    note = services.notes.create(
        NoteFields(title="Briefing", source_url="https://mil.example/briefing", reliability=3)
    )
    file = tmp_path / "briefing.pdf"
    file.write_bytes(b"%PDF-1.7")
    services.notes.attach(note.id, file)
    services.notes.link(story.claim_ids[0], note.id, Stance.SUPPORTS)
    panel.set_claim(story.claim_ids[0])
    assert "●●●○○ 3/5" in panel.notes.topLevelItem(0).text(4)
    assert "Briefing" in panel.details.toPlainText()

    press(qtbot, panel, "Ctrl+Shift+O")
    press(qtbot, panel, "Ctrl+Shift+A")
    web, local = system.urls
    assert web.toString() == "https://mil.example/briefing"
    assert local.isLocalFile() and local.fileName() == "briefing.pdf"


def test_a_source_link_that_is_not_a_web_address_is_not_opened(
    services: Any, story: Story, panel: EvidencePanel, system: Recorder
) -> None:
    note = services.notes.create(NoteFields(title="Odd", source_url="javascript:alert(1)"))
    services.notes.link(story.claim_ids[0], note.id, Stance.CONTEXT)
    panel.set_claim(story.claim_ids[0])
    panel.open_source_action.trigger()
    assert system.urls == []


def test_the_context_menu_offers_every_action(
    qtbot: QtBot, services: Any, story: Story, panel: EvidencePanel
) -> None:
    note = services.notes.create(NoteFields(title="Note"))
    services.notes.link(story.claim_ids[0], note.id, Stance.SUPPORTS)
    panel.set_claim(story.claim_ids[0])
    press(qtbot, panel, "Shift+F10")  # the keyboard way to the right-click menu
    qtbot.waitUntil(lambda: panel.findChild(QMenu, "evidenceContextMenu") is not None)
    menu = panel.findChild(QMenu, "evidenceContextMenu")
    assert menu.isVisible()
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    for wanted in ("New note…", "Link note…", "Unlink", "Change stance", "Edit note…"):
        assert wanted in texts
    assert all(a.shortcut().toString() for a in (panel.new_action, panel.unlink_action))
    menu.close()
    qtbot.waitUntil(lambda: panel.findChild(QMenu, "evidenceContextMenu") is None)  # not kept


def test_a_deleted_claim_empties_the_panel(
    qtbot: QtBot, services: Any, story: Story, panel: EvidencePanel
) -> None:
    note = services.notes.create(NoteFields(title="Note"))
    services.notes.link(story.claim_ids[0], note.id, Stance.SUPPORTS)
    panel.set_claim(story.claim_ids[0])
    services.claims.delete(story.claim_ids[0])
    settled(qtbot, panel)
    assert panel.claim_id is None
    assert rows(panel) == []
    assert "Select a claim" in panel.heading.text()


def test_in_the_window_add_evidence_with_ctrl_e_restance_and_undo_from_the_edit_menu(
    qtbot: QtBot, window: Any, services: Any
) -> None:
    from heartbeat import heartbeat
    from story import select_row

    panel = window.findChild(EvidencePanel, "evidencePanel")
    claim = select_row(window, 0)
    assert panel.claim_id == claim
    before = stances(services, claim)

    with heartbeat("open the note editor (Ctrl+E)"):
        window.menus.actions["addEvidence"].trigger()
    editor = panel.editor
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor.title, "Flight-tracking data")
    with heartbeat("save a note linked to the claim"):
        editor._on_save()
    added = ("Flight-tracking data", Stance.SUPPORTS)
    assert stances(services, claim) == [*before, added]
    assert ("✔ Supports", "Flight-tracking data") in rows(panel)

    panel.select_note(panel.linked_notes()[-1].note.id)
    with heartbeat("change a note's stance"):
        panel.stance_actions[Stance.CONTEXT].trigger()
    assert stances(services, claim)[-1] == ("Flight-tracking data", Stance.CONTEXT)
    undo, redo = window.menus.actions["undo"], window.menus.actions["redo"]
    assert "Mark evidence as context" in undo.text()

    with heartbeat("undo a stance change"):
        undo.trigger()
    assert stances(services, claim)[-1] == added
    with heartbeat("undo add evidence"):
        undo.trigger()
    assert stances(services, claim) == before
    redo.trigger()
    redo.trigger()
    assert stances(services, claim)[-1] == ("Flight-tracking data", Stance.CONTEXT)
