"""The Help menu: keyboard shortcuts (every action that has a key, read from the menus
themselves), the log folder, and About."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from workbench import paths

IN_THE_TEXT = [
    ("Click", "select a sentence; on a highlight, pick its claim"),
    ("Ctrl+Click", "add a sentence to the selection (tag several at once)"),
    ("Shift+Click", "select every sentence up to here"),
    ("Drag", "select any words (snapped to whole words)"),
    ("Enter / double-click", "edit the picked claim"),
    ("Esc", "clear the selection"),
    ("Ctrl+Wheel", "zoom"),
]


def _rows(menu: QMenu, path: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _rows(sub, f"{path} › {sub.title().replace('&', '')}")
            continue
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        if keys and not action.isSeparator():
            name = action.text().split("\t")[0].replace("&", "")
            rows.append((keys, f"{name} <span style='color:gray'>({path})</span>"))
    return rows


def shortcuts_html(window: QMainWindow) -> str:
    rows: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            rows += _rows(menu, menu.title().replace("&", ""))
    rows += [(k, html.escape(v)) for k, v in IN_THE_TEXT]
    body = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{v}</td></tr>" for k, v in rows)
    return f"<table cellspacing=4>{body}</table>"


def action_keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def show_shortcuts(window: QMainWindow) -> None:
    box = QMessageBox(window)
    box.setWindowTitle("Keyboard shortcuts")
    box.setText(shortcuts_html(window))
    box.open()


def show_log_folder() -> None:
    paths.logs_dir().mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.logs_dir())))


def show_about(window: QMainWindow, database: str) -> None:
    QMessageBox.about(
        window,
        "About Fact-check Workbench",
        "<b>Fact-check Workbench</b><br>Tag claims, link evidence, export reports.<br><br>"
        f"Database: {html.escape(database)}<br>Logs: {html.escape(str(paths.logs_dir()))}",
    )
