"""Fixtures for the window's user stories: real SQLite, private QSettings, no blocking dialogs.

* ``services`` (from tests/conftest.py) is a real SQLite file in ``tmp_path``.
* QSettings never touch the user's: every format's user and system paths point into
  ``tmp_path`` and the window gets its own INI file.
* ``dialogs`` records message boxes instead of showing them (they would block).
* ``window`` is the main window on the sample article, shown and active.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from heartbeat import report
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from workbench.domain import Article
from workbench.services.samples import load_sample
from workbench.ui import workers
from workbench.ui.main_window import MainWindow


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The window's stories run on a real SQLite file (the services tests cover PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'workbench.sqlite'}"


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path: Path) -> Iterator[None]:
    folder = str(tmp_path / "qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, folder)
    yield


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "window.ini"


@pytest.fixture
def settings(settings_file: Path) -> QSettings:
    return QSettings(str(settings_file), QSettings.Format.IniFormat)


@dataclass
class Dialogs:
    """Message boxes the code showed: (kind, title, text)."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [text for _kind, _title, text in self.shown]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def static(kind: str, answer: Any) -> Callable[..., Any]:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            record.shown.append((kind, title, text))
            return answer

        return show

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "warning", static("warning", ok))
    monkeypatch.setattr(QMessageBox, "critical", static("critical", ok))
    monkeypatch.setattr(QMessageBox, "information", static("information", ok))
    monkeypatch.setattr(QMessageBox, "about", static("about", None))
    monkeypatch.setattr(QMessageBox, "question", static("question", QMessageBox.StandardButton.Yes))

    def exec_box(box: QMessageBox) -> int:
        record.shown.append(("box", box.windowTitle(), box.text()))
        return int(ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return record


@pytest.fixture
def sample(services: Any) -> Article:
    return load_sample(services.articles, services.claims, services.notes, services.labels)


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, settings_file: Path) -> Iterator[WindowFactory]:
    """Build windows on given services; each is closed (and its layout saved) at the end."""
    made: list[MainWindow] = []

    def make(services: Any, *, article_id: int | None = None) -> MainWindow:
        window = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.attach(services)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        if article_id is not None:
            window.open_article(article_id)
        else:
            window.open_last_article()
        made.append(window)
        return window

    yield make
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=10_000)
    for window in made:
        # A story may have closed (and so deleted) its window already.
        if isValid(window) and window.services is not None:
            window.close()
            window.detach()


@pytest.fixture
def window(
    make_window: WindowFactory, services: Any, sample: Article, dialogs: Dialogs
) -> MainWindow:
    return make_window(services, article_id=sample.id)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for line in report():
        terminalreporter.write_line(line)


def focus(widget: Any) -> None:
    widget.setFocus()
    QApplication.processEvents()
