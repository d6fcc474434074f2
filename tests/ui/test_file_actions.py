"""File menu stories: export the open article's report."""

from __future__ import annotations

import html
from pathlib import Path

from heartbeat import heartbeat
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from workbench.ui import workers
from workbench.ui.main_window import MainWindow


def test_export_report_writes_html_with_every_claim_quote(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    action = window.menus.actions["exportReport"]
    assert action.isEnabled()
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    window.file_actions.warm_up()  # what the window does two seconds after start-up
    qtbot.waitUntil(lambda: workers.active_count() == 0, timeout=10_000)
    with heartbeat("open the export dialog"):
        action.trigger()
    dialog = window.findChild(QDialog, "exportDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog is window.file_actions.export_dialog
    assert dialog.fmt == "html"

    target = tmp_path / "report.html"
    with (
        qtbot.waitSignal(dialog.exported, timeout=10_000) as saved,
        heartbeat("export an HTML report"),
    ):
        dialog.export_to(target)
    assert saved.args == [target]
    text = html.unescape(target.read_text("utf-8"))
    for claim in window.document.claims:
        assert " ".join(claim.quote.exact.split()) in " ".join(text.split())
    assert str(target) in window.statusBar().currentMessage()

    dialog.close()
    qtbot.waitUntil(lambda: window.file_actions.export_dialog is None)


def test_export_is_disabled_without_an_open_article(window: MainWindow) -> None:
    window.open_article(None)
    assert not window.menus.actions["exportReport"].isEnabled()
    assert window.file_actions.export_report() is None
    window.open_article(window.library.article_ids()[0])
    assert window.menus.actions["exportReport"].isEnabled()
