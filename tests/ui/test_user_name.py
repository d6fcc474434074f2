"""First run: the window asks once for the user's name; after that the saved name is used.

The conftest sets WORKBENCH_USER (nothing may block); these tests unset it on purpose
and answer the dialog themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from workbench.services.identity import os_login, save_user_name, saved_user_name
from workbench.ui import application, workers
from workbench.ui.main_window import MainWindow
from workbench.ui.user_name_dialog import UserNameDialog


def test_the_dialog_is_prefilled_with_the_login_and_refuses_a_blank_name(qtbot: QtBot) -> None:
    dialog = UserNameDialog("jdoe")
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "userNameDialog"
    field = dialog.findChild(QLineEdit, "userNameField")
    assert field.text() == "jdoe" and field.selectedText() == "jdoe"
    assert dialog.ok_button.isEnabled()
    field.setText("   ")
    assert not dialog.ok_button.isEnabled()
    field.setText("  Mira   Okonkwo-Hale ")
    assert dialog.ok_button.isEnabled()
    assert dialog.name() == "Mira Okonkwo-Hale"


def test_a_name_given_on_the_command_line_or_in_the_environment_is_not_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert application.user_name_to_ask(None) is None  # WORKBENCH_USER=tester
    monkeypatch.delenv("WORKBENCH_USER")
    assert application.user_name_to_ask("Mira") is None
    assert application.user_name_to_ask(None) == os_login()
    save_user_name("Mira")
    assert application.user_name_to_ask(None) is None


@pytest.fixture
def first_run(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.delenv("WORKBENCH_USER")
    window = MainWindow(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    startup = application.Startup(QApplication.instance(), window, url, None)  # type: ignore[arg-type]
    startup._on_first_paint()
    yield window
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=10_000)
    window.close()
    window.detach()
    if startup.services is not None:
        startup.services.close()


def _dialog(qtbot: QtBot, window: MainWindow) -> Any:
    qtbot.waitUntil(lambda: window.findChild(QDialog, "userNameDialog") is not None, timeout=10_000)
    dialog = window.findChild(QDialog, "userNameDialog")
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_first_run_asks_once_and_records_the_chosen_name(
    qtbot: QtBot, first_run: MainWindow
) -> None:
    window = first_run
    dialog = _dialog(qtbot, window)
    assert window.services is None  # the database waits for the answer
    assert dialog.findChild(QLineEdit, "userNameField").text() == os_login()
    dialog.findChild(QLineEdit, "userNameField").setText("Mira Okonkwo-Hale")
    dialog.ok_button.click()

    qtbot.waitUntil(lambda: window.services is not None, timeout=15_000)
    assert window.services.ctx.actor == "Mira Okonkwo-Hale"
    assert saved_user_name() == "Mira Okonkwo-Hale"
    assert application.user_name_to_ask(None) is None  # not asked again


def test_closing_the_question_uses_the_login_this_time_and_asks_again_next_time(
    qtbot: QtBot, first_run: MainWindow
) -> None:
    window = first_run
    _dialog(qtbot, window).reject()
    qtbot.waitUntil(lambda: window.services is not None, timeout=15_000)
    assert window.services.ctx.actor == os_login()
    assert saved_user_name() is None
