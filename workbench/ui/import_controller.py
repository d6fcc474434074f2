"""Bringing articles in: File > Open, dropped files and Paste as new article.

Every import runs on a worker thread (``workers.start_with_progress``) with a progress
dialog and a working Cancel; files dropped together are imported one after another.
A refused file (``ImportRefused``, a ``UserError``) shows its plain message; nothing is
written for it. A finished import opens the new article and is added to Recent files.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from workbench.domain import Article, UserError
from workbench.ui import workers

if TYPE_CHECKING:
    from workbench.services import Services

log = logging.getLogger(__name__)

OPEN_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;"
    "Text (*.txt *.md *.markdown);;Web pages (*.html *.htm);;PDF (*.pdf);;Word (*.docx);;"
    "All files (*)"
)


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files in a drop or paste (URLs that are not files are ignored)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class ImportController(QObject):
    imported = Signal(object)
    """An article was stored (``Article``); the window opens it."""
    fileImported = Signal(str, int)
    """A file was imported: its path and the new article's id (for Recent files)."""
    message = Signal(str)

    def __init__(self, services: Services, window: QWidget) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._queue: deque[Path] = deque()
        self._busy = False
        self.last_dir = str(Path.home())

    @property
    def busy(self) -> bool:
        return self._busy

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self._window, "Open articles", self.last_dir, OPEN_FILTER
        )
        self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> None:
        """Queue files for import; they run one at a time, each with its own progress."""
        self._queue.extend(paths)
        if paths:
            self.last_dir = str(paths[-1].parent)
        self._next()

    def paste(self) -> None:
        """A new article from the clipboard: its files, its HTML, or its plain text."""
        mime = QApplication.clipboard().mimeData()
        files = local_files(mime)
        if files:
            self.import_files(files)
            return
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else None
        if not (html or (text and text.strip())):
            self._refuse("Nothing to paste", "The clipboard holds no text. Copy an article first.")
            return
        self._busy = True
        articles = self._services.articles
        workers.start_with_progress(
            self._window,
            lambda job: articles.import_pasted(text=text, html=html),
            title="Paste as new article",
            label="Reading the pasted text…",
            on_done=self._on_done,
            on_error=lambda err: self._on_error(err, "the pasted text"),
        )

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        path = self._queue.popleft()
        self._busy = True
        articles = self._services.articles

        def work(job: workers.Job) -> Article:
            return articles.import_file(path, progress=job.report, should_cancel=job.cancelled)

        workers.start_with_progress(
            self._window,
            work,
            title="Importing",
            label=f"Importing {path.name}…",
            on_done=lambda article: self._on_file_done(path, article),
            on_error=lambda err: self._on_error(err, path.name),
        )

    def _on_file_done(self, path: Path, article: Article) -> None:
        self.fileImported.emit(str(path), article.id)
        self._on_done(article)

    def _on_done(self, article: Article) -> None:
        self._busy = False
        self.message.emit(f"Imported “{article.title}”.")
        self.imported.emit(article)
        self._next()

    def _on_error(self, err: BaseException, what: str) -> None:
        from workbench.importers.base import ImportCancelled

        self._busy = False
        if isinstance(err, ImportCancelled):
            self.message.emit(f"Import of {what} cancelled; nothing was saved.")
            self._queue.clear()
        elif isinstance(err, UserError):
            self._refuse("Could not import", str(err))
        else:
            log.error("import of %s failed", what, exc_info=err)
            self._refuse(
                "Could not import",
                f"Something went wrong while importing {what}: {err}. Nothing was saved. "
                "The details are in the log file (Help > Show log folder).",
            )
        self._next()

    def _refuse(self, title: str, text: str) -> None:
        QMessageBox.warning(self._window, title, text)
