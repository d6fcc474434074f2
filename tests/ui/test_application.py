"""Start-up: the window first, then the database; first run opens the sample; errors are plain."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from workbench.ui import application, workers
from workbench.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    shown: list[dict[str, str]] = []

    def record(box: QMessageBox) -> int:
        shown.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "info": box.informativeText(),
                "details": box.detailedText(),
            }
        )
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def test_first_run_loads_the_sample_once(db_url: str) -> None:
    services, sample_id = application.open_database(db_url, "tester")
    try:
        assert sample_id is not None
        assert [s.id for s in services.articles.summaries()] == [sample_id]
        assert len(services.claims.for_article(sample_id)) >= 6
    finally:
        services.close()
    again, second = application.open_database(db_url, "tester")
    again.close()
    assert second is None


def test_an_unhandled_error_shows_a_plain_message_details_and_the_log_file(
    qapp: Any, boxes: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    application.install_excepthook()
    try:
        raise ValueError("the index is damaged")
    except ValueError as err:
        sys.excepthook(type(err), err, err.__traceback__)
    assert len(boxes) == 1
    box = boxes[0]
    assert box["text"].startswith("Something went wrong: the index is damaged.")
    assert "Traceback" not in box["text"]
    assert "Traceback" in box["details"] and "ValueError" in box["details"]
    assert "workbench.log" in box["info"]


def test_a_database_from_a_newer_version_is_refused_with_a_clear_message(
    qtbot: QtBot, tmp_path: Path, boxes: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'newer.sqlite'}"
    services, _ = application.open_database(url, "tester")
    services.close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d_from_the_future'"))
    engine.dispose()

    window = MainWindow(QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    app = QApplication.instance()
    exits: list[int] = []
    monkeypatch.setattr(app, "exit", exits.append)
    startup = application.Startup(app, window, url, "tester")  # type: ignore[arg-type]
    startup._on_first_paint()
    qtbot.waitUntil(lambda: bool(exits), timeout=15_000)
    assert exits == [1]
    assert workers.active_count() == 0
    assert len(boxes) == 1
    assert boxes[0]["title"] == "Cannot open the database"
    assert "newer version" in boxes[0]["text"] and "nothing was changed" in boxes[0]["text"]


def test_the_real_program_paints_opens_the_sample_and_saves_a_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        WORKBENCH_HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # QSettings of this run stay here
        WORKBENCH_SCREENSHOT=str(shot),
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert shot.is_file() and shot.stat().st_size > 10_000
    log = (tmp_path / "home" / "logs" / "workbench.log").read_text(encoding="utf-8")
    assert "start-up: first paint" in log and "start-up: article shown" in log
    assert "unhandled error" not in log
