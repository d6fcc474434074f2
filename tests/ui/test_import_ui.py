"""Bringing articles in: drop files, File > Open, paste, bad files, Cancel, recent files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import Dialogs
from heartbeat import heartbeat
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from story import slow_reader

from workbench.ui import workers
from workbench.ui.main_window import MainWindow

STORY = (
    "Port authority says contract was legal\n\n"
    "The port authority said on Monday that the contract was awarded after an open tender. "
    "Critics allege that only one company was invited to bid."
)


def wait_for_imports(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: workers.active_count() == 0 and not window.import_controller.busy, timeout=15_000
    )


def drop_files(window: MainWindow, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPoint(window.width() // 2, window.height() // 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return True


def test_dropping_a_file_imports_it_and_opens_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "port.txt"
    path.write_text(STORY, encoding="utf-8")
    with heartbeat("drop a file to import (GUI thread only)"):
        assert drop_files(window, [path])
    wait_for_imports(qtbot, window)
    assert window.document.article is not None
    assert "open tender" in window.document.article.text
    assert len(window.library.article_ids()) == 2
    assert window.settings.recent_files()[0].path == str(path)
    assert window.undo.active().count() == 0


def test_dropping_two_files_imports_both_one_after_the_other(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    paths = []
    for n in (1, 2):
        p = tmp_path / f"story{n}.md"
        p.write_text(f"# Story {n}\n\nThe ministry claims {n} things happened.", encoding="utf-8")
        paths.append(p)
    assert drop_files(window, paths)
    wait_for_imports(qtbot, window)
    assert len(window.library.article_ids()) == 3


def test_text_drops_are_not_taken_for_files(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just words")
    event = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.ignore()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()


def test_file_open_imports_the_chosen_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(STORY, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], "Articles"))
    assert window.menus.actions["open"].shortcut().toString() == "Ctrl+O"
    window.menus.actions["open"].trigger()
    wait_for_imports(qtbot, window)
    assert window.document.article is not None and "open tender" in window.document.article.text


def test_paste_as_new_article_from_plain_text_and_from_html(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.menus.actions["paste"].shortcut().toString() == "Ctrl+Shift+V"
    QApplication.clipboard().setText(STORY)
    with heartbeat("paste as new article (GUI thread only)"):
        window.menus.actions["paste"].trigger()
    wait_for_imports(qtbot, window)
    assert "Critics allege" in window.document.article.text
    mime = QMimeData()
    mime.setHtml(
        "<html><body><h1>Mayor's claim</h1>"
        "<p>The mayor claims crime fell by half.</p></body></html>"
    )
    mime.setText("The mayor claims crime fell by half.")
    QApplication.clipboard().setMimeData(mime)
    window.menus.actions["paste"].trigger()
    wait_for_imports(qtbot, window)
    assert "crime fell by half" in window.document.article.text
    assert len(window.library.article_ids()) == 3


def test_an_empty_clipboard_says_so(window: MainWindow, dialogs: Dialogs) -> None:
    QApplication.clipboard().clear()
    window.menus.actions["paste"].trigger()
    assert dialogs.shown and "clipboard" in dialogs.texts()[-1]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        ("empty.txt", b""),
        ("broken.pdf", b"%PDF-1.7\nthis is not really a pdf"),
    ],
)
def test_a_bad_file_shows_a_plain_message_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, dialogs: Dialogs, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = window.services.articles.summaries()
    assert drop_files(window, [path])
    wait_for_imports(qtbot, window)
    assert window.services.articles.summaries() == before
    assert len(dialogs.shown) == 1
    kind, title, text = dialogs.shown[0]
    assert kind == "warning" and title == "Could not import"
    assert name in text and "Traceback" not in text


def test_cancel_stops_a_long_import_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.services import articles as article_service

    started = threading.Event()

    monkeypatch.setattr(article_service.importers, "read_file", slow_reader(started))
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF")
    before = window.services.articles.summaries()
    window.import_controller.import_files([path])
    qtbot.waitUntil(started.is_set)
    dialog = window.findChild(QProgressDialog, "importProgress")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5000)
    dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    wait_for_imports(qtbot, window)
    assert window.services.articles.summaries() == before
    assert "cancelled" in window.statusBar().currentMessage()


def test_recent_files_reopen_the_imported_article(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "port.txt"
    path.write_text(STORY, encoding="utf-8")
    drop_files(window, [path])
    wait_for_imports(qtbot, window)
    imported = window.document.article_id
    window.library.list.itemActivated.emit(window.library.list.item(1))
    assert window.document.article_id != imported
    window.fill_recent_menu()
    entries = [a for a in window.menus.recent_menu.actions() if a.toolTip() == str(path)]
    assert len(entries) == 1
    entries[0].trigger()
    assert window.document.article_id == imported
