"""File > Export report...: choose a format and what to include, see the report, write it.

The preview is the report laid out by Qt's rich text (the same report model and content
as the HTML and PDF; Qt cannot draw the HTML file's modern CSS), in a browser that loads
nothing at all. The report and its HTML are built on a worker thread (reading the
article and rendering the template took ~45 ms of the GUI thread when the dialog
opened); the dialog shows at once with "Building preview…" and the GUI thread only
sets the finished HTML. Export asks for a file name and writes it on a worker thread with a
progress bar; the dialog stays usable and reports success or a plain error. Reviewer,
organisation and the last folder are remembered (``settings``: the app's by default).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.domain import ClaimStatus, UserError
from workbench.export import FORMATS
from workbench.export.model import PAGE_SIZES, ReportOptions
from workbench.export.pdf import qt_html
from workbench.services.reports import ReportService
from workbench.ui import workers
from workbench.ui.settings import app_settings

BUILDING = "Building preview…"

FORMAT_NAMES = {
    "html": "HTML report (one self-contained file)",
    "pdf": "PDF report",
    "docx": "Word document (DOCX)",
    "md": "Markdown",
    "csv": "CSV: one row per claim and evidence",
    "json": "JSON: everything, to restore elsewhere",
    "claimreview": "schema.org ClaimReview (JSON-LD)",
    "webannotation": "W3C Web Annotations (JSON-LD)",
}
_FILTERS = {
    "html": "HTML (*.html)",
    "pdf": "PDF (*.pdf)",
    "docx": "Word (*.docx)",
    "md": "Markdown (*.md)",
    "csv": "CSV (*.csv)",
    "json": "JSON (*.json)",
    "claimreview": "JSON-LD (*.jsonld *.json)",
    "webannotation": "JSON-LD (*.jsonld *.json)",
}


class OfflineBrowser(QTextBrowser):
    """A preview that fetches nothing (no network, no files) and follows only in-page
    anchors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.hasFragment() and not url.host() and not url.path():
            self.scrollToAnchor(url.fragment())


class ExportDialog(QDialog):
    """Options, a live preview and Export for one article."""

    exported = Signal(Path)
    failed = Signal(str)

    def __init__(
        self,
        services: Any,
        article_id: int,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else app_settings()
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export report")
        self._services = services
        self._reports = ReportService(services.ctx)
        self._article = services.articles.get(article_id)
        self._job: workers.Job | None = None
        self._preview_job: workers.Job | None = None
        self._preview_generation = 0
        self._preview_timer = QTimer(self, singleShot=True, interval=200)
        self._preview_timer.timeout.connect(self._on_refresh_preview)
        self._build()
        self._connect()
        self._on_format_changed()
        self.preview.setPlainText(BUILDING)
        # The first build starts once the dialog has painted: a worker running Python
        # beside the first paint's Python callbacks (item delegates) makes each of them
        # wait for the GIL, which doubled the opening stall.
        self._painted = False
        self._first_preview = QTimer(self, singleShot=True, interval=0)
        self._first_preview.timeout.connect(self._on_first_preview)
        self._first_preview.start()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.format = _named(QComboBox(), "exportFormat")
        for key in FORMATS:
            self.format.addItem(FORMAT_NAMES[key], key)
        self.title = _named(QLineEdit(), "exportTitle")
        self.title.setPlaceholderText(f"Fact-check: {self._article.title}")
        settings = self._settings
        self.reviewer = _named(
            QLineEdit(str(settings.value("export/reviewer", ""))), "exportReviewer"
        )
        self.organisation = _named(
            QLineEdit(str(settings.value("export/organisation", ""))), "exportOrganisation"
        )
        self.page_size = _named(QComboBox(), "exportPageSize")
        self.page_size.addItems(list(PAGE_SIZES))
        self.evidence = _named(QCheckBox("Include linked evidence"), "exportEvidence")
        self.evidence.setChecked(True)
        self.labels = _named(QListWidget(), "exportLabels")
        used = {c.label_id for c in self._services.claims.for_article(self._article.id)}
        for label in self._services.labels.all():
            if label.id in used:
                item = QListWidgetItem(label.name, self.labels)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
        self.labels.setMaximumHeight(90)
        self.statuses = {s: QCheckBox(s.value) for s in ClaimStatus}
        status_row = QHBoxLayout()
        for status, box in self.statuses.items():
            box.setObjectName(f"exportStatus_{status.name.lower()}")
            box.setChecked(True)
            status_row.addWidget(box)
        status_row.addStretch()

        form = QFormLayout()
        form.addRow("&Format:", self.format)
        form.addRow("&Title:", self.title)
        form.addRow("&Reviewer:", self.reviewer)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("Page si&ze:", self.page_size)
        form.addRow("&Labels:", self.labels)
        form.addRow("Status:", status_row)
        form.addRow("", self.evidence)
        options = QWidget()
        column = QVBoxLayout(options)
        column.addLayout(form)
        column.addStretch(1)

        self.preview = _named(OfflineBrowser(), "exportPreview")
        self.preview.setMinimumSize(420, 360)
        splitter = QSplitter()
        splitter.addWidget(options)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)

        self.progress = _named(QProgressBar(), "exportProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.message = _named(QLabel(), "exportMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = _named(QPushButton("&Export…"), "exportButton")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1000, 640)

    def _connect(self) -> None:
        self.format.currentIndexChanged.connect(self._on_format_changed)
        for line in (self.title, self.reviewer, self.organisation):
            line.textChanged.connect(self._preview_timer.start)
        self.labels.itemChanged.connect(self._preview_timer.start)
        self.evidence.toggled.connect(self._preview_timer.start)
        for box in self.statuses.values():
            box.toggled.connect(self._preview_timer.start)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)

    # --- state ------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def options(self) -> ReportOptions:
        checked = {
            self.labels.item(i).text()
            for i in range(self.labels.count())
            if self.labels.item(i).checkState() == Qt.CheckState.Checked
        }
        statuses = {s for s, box in self.statuses.items() if box.isChecked()}
        return ReportOptions(
            labels=None if len(checked) == self.labels.count() else frozenset(checked),
            statuses=None if len(statuses) == len(ClaimStatus) else frozenset(statuses),
            include_evidence=self.evidence.isChecked(),
            title=self.title.text().strip(),
            reviewer=self.reviewer.text().strip(),
            organisation=self.organisation.text().strip(),
            page_size=self.page_size.currentText(),
        )

    def suggested_path(self) -> Path:
        stem = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in self._article.title)
        folder = Path(str(self._settings.value("export/folder", str(Path.home()))))
        return folder / f"{stem.strip()[:60] or 'report'}{FORMATS[self.fmt]}"

    # --- handlers ---------------------------------------------------------------------

    def _on_format_changed(self) -> None:
        self.page_size.setEnabled(self.fmt == "pdf")

    def preview_pending(self) -> bool:
        """True while the preview for the current options is being built."""
        timers = (self._first_preview, self._preview_timer)
        return self._preview_job is not None or any(t.isActive() for t in timers)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._preview_generation == 0:
                self._first_preview.start()  # runs after this paint is done

    def _on_first_preview(self) -> None:
        if self.isVisible() and not self._painted:
            return  # paintEvent starts it again
        self._on_refresh_preview()

    def _on_refresh_preview(self) -> None:
        """Build the report and its HTML on a worker; only ``setHtml`` runs here."""
        self._first_preview.stop()
        self._preview_timer.stop()
        self._preview_generation += 1
        generation = self._preview_generation
        reports, article_id, options = self._reports, self._article.id, self.options()

        def work(_job: workers.Job) -> str:
            return qt_html(reports.build(article_id, options))

        def done(html: object) -> None:
            if self._current_preview(generation):
                self._preview_job = None
                position = self.preview.verticalScrollBar().value()
                self.preview.setHtml(str(html))
                self.preview.verticalScrollBar().setValue(position)

        def failed(err: BaseException) -> None:
            if self._current_preview(generation):
                self._preview_job = None
                text = str(err) if isinstance(err, UserError) else f"No preview: {err}"
                self.preview.setPlainText(text)

        self._preview_job = workers.start(work, on_done=done, on_error=failed)

    def _current_preview(self, generation: int) -> bool:
        """A result is shown only if the dialog still exists and no newer one was asked."""
        return isValid(self) and generation == self._preview_generation

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export report", str(self.suggested_path()), _FILTERS[self.fmt]
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> workers.Job:
        """Write the report to ``path`` on a worker; ``exported`` or ``failed`` follows."""
        fmt, options, article_id = self.fmt, self.options(), self._article.id
        settings = self._settings
        settings.setValue("export/reviewer", options.reviewer)
        settings.setValue("export/organisation", options.organisation)
        settings.setValue("export/folder", str(path.parent))
        settings.sync()
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(f"Writing {path.name}…")

        def work(job: workers.Job) -> Path:
            return self._reports.export(article_id, fmt, path, options, progress=job.report)

        self._job = workers.start(
            work,
            on_done=self._on_export_done,
            on_error=self._on_export_failed,
            on_progress=lambda fraction: self.progress.setValue(int(fraction * 100)),
        )
        return self._job

    def _on_export_done(self, path: object) -> None:
        assert isinstance(path, Path)
        self._finish(f"Saved {path}")
        self.exported.emit(path)

    def _on_export_failed(self, err: BaseException) -> None:
        text = str(err) if isinstance(err, UserError) else f"Export failed: {err}"
        self._finish(text)
        self.failed.emit(text)

    def _finish(self, text: str) -> None:
        self._job = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.message.setText(text)


def _named(widget: Any, name: str) -> Any:
    widget.setObjectName(name)
    return widget
