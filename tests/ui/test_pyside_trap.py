"""Regression for the PySide6 6.12.0 / Python 3.11 ``none_dealloc`` abort.

That build drops a reference to ``None`` on every call of a void method; after about
5,000 calls the interpreter aborts (ARCHITECTURE.md, "Known PySide6 trap"). The
article view makes such calls all the time (cursor positions, formats), so 20,000 of
them must pass. They run in a child process: an abort there fails this test instead
of killing the whole test session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import PySide6

CALLS = 20_000

SCRIPT = textwrap.dedent(
    f"""
    from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument

    app = QGuiApplication([])
    document = QTextDocument()
    document.setPlainText("The ministry claims 91 drones were launched. " * 200)
    cursor = QTextCursor(document)
    fmt = QTextCharFormat()
    color = QColor("#f4b400")
    length = document.characterCount() - 1
    for i in range({CALLS}):
        cursor.setPosition(i % length)
        fmt.setBackground(color)
    cursor.setPosition(0)
    cursor.setPosition(40, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)
    print("ok")
    """
)


def test_twenty_thousand_void_calls_do_not_abort_the_interpreter() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_the_pin_keeps_the_broken_build_away() -> None:
    version = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert version < (6, 12), "PySide6 6.12 on Python 3.11 aborts; see pyproject.toml"
