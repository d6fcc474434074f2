"""The window's one exception hook (``ui.application.install_excepthook``): an unhandled
error shows a plain message, a details button with the traceback and the log file's
path; the log is a rotating file in the data dir's ``logs/``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench import paths
from workbench.domain import UserError
from workbench.ui import application


@pytest.fixture
def hook(qapp: QApplication) -> Iterator[Path]:
    """The hook and the log file installed as ``run_gui`` does; both undone afterwards."""
    root = logging.getLogger()
    handlers, level, saved_hook = list(root.handlers), root.level, sys.excepthook
    for handler in handlers:  # so setup_logging installs its own file handler
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
    log_file = application.setup_logging()
    application.install_excepthook()
    yield log_file
    sys.excepthook = saved_hook
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _raise_through_hook(error: BaseException) -> dict[str, Any]:
    """Raise ``error`` unhandled (into sys.excepthook) and read the dialog it shows."""
    seen: dict[str, Any] = {}

    def read_dialog() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()
        ]
        if not boxes:
            QTimer.singleShot(10, read_dialog)
            return
        box = boxes[0]
        seen.update(
            title=box.windowTitle(),
            text=box.text(),
            info=box.informativeText(),
            details=box.detailedText(),
            buttons=[b.text() for b in box.buttons()],
        )
        box.done(0)

    QTimer.singleShot(0, read_dialog)
    try:
        raise error
    except BaseException:
        sys.excepthook(*sys.exc_info())
    return seen


def test_an_unexpected_error_shows_a_plain_message_details_and_the_log_path(hook: Path) -> None:
    seen = _raise_through_hook(RuntimeError("the disk is full"))
    assert "Something went wrong: the disk is full." in seen["text"]
    assert "Everything you did before this is saved" in seen["text"]
    assert "Traceback" not in seen["text"]
    assert str(hook) in seen["info"]
    assert "Traceback (most recent call last)" in seen["details"]
    assert "RuntimeError: the disk is full" in seen["details"]
    assert any("Details" in text for text in seen["buttons"])
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert hook.parent == paths.logs_dir() and hook.is_relative_to(paths.data_dir())
    logged = hook.read_text()
    assert "unhandled error" in logged and "RuntimeError: the disk is full" in logged


def test_a_user_error_is_shown_as_its_own_words(hook: Path) -> None:
    seen = _raise_through_hook(UserError("The database is read-only; copy it somewhere else."))
    assert seen["text"] == "The database is read-only; copy it somewhere else."
    assert str(hook) in seen["info"]


def test_the_log_file_rotates(hook: Path) -> None:
    (handler,) = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert Path(handler.baseFilename) == hook
    assert handler.maxBytes > 0 and handler.backupCount > 0
    log = logging.getLogger("workbench.test")
    line = "x" * 1000
    for _ in range(handler.maxBytes // 1000 + 50):
        log.info(line)
    handler.flush()
    assert hook.with_name(hook.name + ".1").exists()
    assert hook.stat().st_size < handler.maxBytes
