"""The label manager: a desk adds "Disputed", gives it a colour, a key and a rating."""

from __future__ import annotations

from typing import Any

import pytest
from evidence_fixtures import Recorder, record_system, tag_story, undo_group_with_stack
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QUndoGroup
from PySide6.QtWidgets import QColorDialog
from pytestqt.qtbot import QtBot

from workbench.domain import Changes, Rating, UserError
from workbench.ui.label_manager import LabelManagerDialog


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return record_system(monkeypatch)


@pytest.fixture
def pick_colour(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QColorDialog answers with the next colour in this list (empty: the user cancels)."""
    answers: list[str] = []

    def get_color(*_args: Any, **_kwargs: Any) -> QColor:
        return QColor(answers.pop(0)) if answers else QColor()

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(get_color))
    return answers


def open_manager(qtbot: QtBot, services: Any, group: QUndoGroup | None) -> LabelManagerDialog:
    dialog = LabelManagerDialog(services, group)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose_shortcut(dialog: LabelManagerDialog, key: str) -> None:
    index = dialog.shortcut.findData(key)
    dialog.shortcut.setCurrentIndex(index)
    dialog.shortcut.activated.emit(index)


def test_add_disputed_with_a_colour_and_shortcut_then_rename_it(
    qtbot: QtBot, services: Any, system: Recorder, pick_colour: list[str]
) -> None:
    heard: list[Changes] = []
    services.bus.subscribe(heard.append)
    dialog = open_manager(qtbot, services, None)
    assert dialog.objectName() == "labelManager"
    assert dialog.labels.count() == 2

    qtbot.keyClicks(dialog.new_name, "Disputed")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    disputed = services.labels.by_name("Disputed")
    assert dialog.current_label() == disputed
    assert heard and heard[-1].labels

    pick_colour.append("#b00020")
    qtbot.mouseClick(dialog.colour, Qt.MouseButton.LeftButton)
    choose_shortcut(dialog, "4")
    choose_shortcut(dialog, "3")
    label = services.labels.by_name("Disputed")
    assert (label.color, label.shortcut) == ("#b00020", "3")
    assert "[3]" in dialog.labels.currentItem().text()

    dialog.name.setText("Contested")
    dialog.name.editingFinished.emit()
    assert [x.name for x in services.labels.all()] == ["Allegation", "Confirmed", "Contested"]
    assert system.messages == []


def test_cancelling_the_colour_dialog_changes_nothing(
    qtbot: QtBot, services: Any, pick_colour: list[str]
) -> None:
    dialog = open_manager(qtbot, services, None)
    before = services.labels.all()
    qtbot.mouseClick(dialog.colour, Qt.MouseButton.LeftButton)
    assert services.labels.all() == before


def test_a_claimreview_rating_is_stored_with_the_label(qtbot: QtBot, services: Any) -> None:
    dialog = open_manager(qtbot, services, None)
    dialog.new_name.setText("False")
    dialog.add_button.click()
    dialog.rating_name.setText("False")
    dialog.rating_value.setValue(1)
    dialog.rating_best.setValue(5)
    dialog.rating_worst.setValue(1)
    dialog.rating_worst.editingFinished.emit()
    assert services.labels.by_name("False").rating == Rating("False", 1, 5, 1)

    dialog.rating_name.clear()
    dialog.rating_name.editingFinished.emit()
    assert services.labels.by_name("False").rating is None


def test_deleting_a_used_built_in_is_refused_with_a_plain_message(
    qtbot: QtBot, services: Any, system: Recorder
) -> None:
    tag_story(services)  # Allegation is now in use
    dialog = open_manager(qtbot, services, None)
    dialog.select_label("Allegation")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    ((kind, _title, text),) = system.messages
    assert kind == "warning"
    assert "Allegation" in text and "used by" in text
    assert services.labels.by_name("Allegation").builtin

    dialog.new_name.setText("Unused")
    dialog.add_button.click()
    dialog.select_label("Unused")
    dialog.delete_button.click()
    with pytest.raises(UserError):
        services.labels.by_name("Unused")


def test_a_shortcut_another_label_uses_is_refused(
    qtbot: QtBot, services: Any, system: Recorder
) -> None:
    dialog = open_manager(qtbot, services, None)
    dialog.select_label("Confirmed")
    choose_shortcut(dialog, "1")
    assert "Allegation" in system.texts()[0]
    assert services.labels.by_name("Confirmed").shortcut == "2"
    assert dialog.shortcut.currentData() == "2"


def test_with_an_undo_group_each_change_is_an_undo_step(
    qtbot: QtBot, services: Any, pick_colour: list[str]
) -> None:
    group = undo_group_with_stack()
    stack = group.activeStack()
    dialog = open_manager(qtbot, services, group)
    dialog.new_name.setText("Misleading")
    dialog.add_button.click()
    pick_colour.append("#8e24aa")
    dialog.colour.click()
    dialog.name.setText("Misleading (context)")
    dialog.name.editingFinished.emit()
    assert stack.count() == 3

    stack.undo()
    assert services.labels.by_name("Misleading").color == "#8e24aa"
    stack.undo()
    assert services.labels.by_name("Misleading").color != "#8e24aa"
    stack.undo()
    with pytest.raises(UserError):
        services.labels.by_name("Misleading")

    stack.redo()  # created again, with a new id: the later steps follow it
    stack.redo()
    stack.redo()
    label = services.labels.by_name("Misleading (context)")
    assert label.color == "#8e24aa"
    assert dialog.labels.count() == 3


def test_the_list_follows_label_changes_made_elsewhere(qtbot: QtBot, services: Any) -> None:
    dialog = open_manager(qtbot, services, None)
    confirmed = services.labels.by_name("Confirmed")
    services.labels.update(confirmed.id, name="On the record")
    texts = [dialog.labels.item(i).text() for i in range(dialog.labels.count())]
    assert any(t.startswith("On the record") for t in texts)
