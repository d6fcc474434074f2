"""File > Export report...: options change the preview, Export writes the file off the
GUI thread, and the preview never loads anything."""

from __future__ import annotations

from pathlib import Path

from export_fixtures import Sample, flat
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from workbench.ui import workers
from workbench.ui.export_dialog import ExportDialog


def open_dialog(qtbot: QtBot, sample: Sample) -> ExportDialog:
    sample.home.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(sample.home / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(sample.services, sample.article.id, settings=settings)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.preview_pending())  # built on a worker
    return dialog


def test_the_preview_shows_the_report_and_follows_the_options(
    qtbot: QtBot, fresh_sample: Sample
) -> None:
    dialog = open_dialog(qtbot, fresh_sample)
    assert dialog.objectName() == "exportDialog"
    assert "Building preview" not in dialog.preview.toPlainText()
    text = dialog.preview.toPlainText()
    assert "Fact-check: Dravenia says it gave Aurelia" in text
    assert "We have concrete proof, and we have put it on the table" in text
    assert "CONTRADICTS" in text
    dialog.evidence.setChecked(False)
    for i in range(dialog.labels.count()):
        if dialog.labels.item(i).text() == "Allegation":
            dialog.labels.item(i).setCheckState(dialog.labels.item(i).checkState().Unchecked)
    qtbot.waitUntil(lambda: "CONTRADICTS" not in dialog.preview.toPlainText())
    shown = flat(dialog.preview.toPlainText().replace("\xa0", " "))
    assert "A1 Allegation" not in shown and "C1 Confirmed" in shown
    assert not dialog.page_size.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.page_size.isEnabled()


def test_export_writes_the_file_on_a_worker(
    qtbot: QtBot, fresh_sample: Sample, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, fresh_sample)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.reviewer.setText("Ana Reviewer")
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as signal:
        dialog.export_to(tmp_path / "report.pdf")
    assert signal.args == [tmp_path / "report.pdf"]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.export_button.isEnabled() and dialog.progress.isHidden()
    assert "Saved" in dialog.message.text()
    again = open_dialog(qtbot, fresh_sample)  # the reviewer and folder are remembered
    assert again.reviewer.text() == "Ana Reviewer"
    assert again.suggested_path().parent == tmp_path
    qtbot.waitUntil(lambda: workers.active_count() == 0)


def test_a_failed_export_is_reported_plainly(
    qtbot: QtBot, fresh_sample: Sample, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, fresh_sample)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as signal:
        dialog.export_to(blocker / "inside" / "report.html")
    assert "Cannot write" in signal.args[0]
    assert dialog.export_button.isEnabled()


def test_the_preview_loads_nothing(qtbot: QtBot, fresh_sample: Sample) -> None:
    dialog = open_dialog(qtbot, fresh_sample)
    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", "data:,x"):
        kind = int(QTextDocument.ResourceType.ImageResource.value)
        assert dialog.preview.loadResource(kind, QUrl(url)) is None
