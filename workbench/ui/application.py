"""Start the window: paint first, then open the database and the article.

``run_gui`` creates the QApplication, shows the main window at once (it paints in a
few hundred milliseconds), and only then opens the database on a worker thread
(SQLAlchemy's import and the migration check cost about 200 ms more). On first run,
with an empty database, the bundled sample article is loaded with its example claims
and notes. Unhandled errors show a plain message with the details and the log file's
path, never a bare stack trace; a database that cannot be opened says why.

On the very first run (no name saved, none given with ``--user`` or ``WORKBENCH_USER``)
the window asks once for the user's name before the database opens.

``WORKBENCH_SCREENSHOT=path.png`` saves a picture of the window once the article is on
screen, then quits (for docs/ and for looking at the UI under Xvfb).
``WORKBENCH_TIMING=1`` prints start-up timings to stderr (they are always logged).
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workbench import paths
from workbench.domain import UserError
from workbench.ui import style, workers
from workbench.ui.gc_pauses import freeze_survivors
from workbench.ui.settings import APPLICATION, ORGANIZATION, app_settings

if TYPE_CHECKING:
    from workbench.services import Services
    from workbench.ui.main_window import MainWindow

log = logging.getLogger("workbench")

LOG_FILE = "workbench.log"


def process_age_ms() -> float:
    """Milliseconds since this process started (Linux: from /proc; else since import)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return (uptime - ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError):
        return (time.perf_counter() - _IMPORTED) * 1000


_IMPORTED = time.perf_counter()


def setup_logging() -> Path:
    """A rotating log file in the data dir's ``logs/`` (1 MB, five old files kept)."""
    folder = paths.logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def show_error(parent: QWidget | None, title: str, text: str, *, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(f"The log file is {paths.logs_dir() / LOG_FILE}.")
    if details:
        box.setDetailedText(details)
    box.exec()


def install_excepthook() -> None:
    """Unhandled exceptions become a plain dialog with details; they are logged in full."""
    showing = False

    def hook(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, err, tb)
            return
        log.error("unhandled error", exc_info=(kind, err, tb))
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            if isinstance(err, UserError):
                text = str(err)
            else:
                text = (
                    f"Something went wrong: {err or kind.__name__}.\n\nEverything you did before "
                    "this is saved. If it happens again, send the log file to your IT desk."
                )
            details = "".join(traceback.format_exception(kind, err, tb))
            show_error(QApplication.activeWindow(), "Fact-check Workbench", text, details=details)
        finally:
            showing = False

    sys.excepthook = hook


class _FirstPaint(QObject):
    """Calls back once, when the window has painted for the first time."""

    def __init__(self, window: QWidget, then: Any) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            then, self._then = self._then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


def user_name_to_ask(actor: str | None) -> str | None:
    """The OS login to suggest if the user must be asked for a name (first run), else None."""
    if actor or os.environ.get("WORKBENCH_USER") or os.environ.get("WORKBENCH_SCREENSHOT"):
        return None
    from workbench.services.identity import os_login, saved_user_name

    return os_login() if saved_user_name() is None else None


@dataclass(frozen=True)
class AskName:
    """The worker's answer when a name must be asked before the database opens."""

    suggested: str


def open_database(url: str | None, actor: str | None) -> tuple[Services, int | None]:
    """Open (create, migrate) the database; on an empty one, load the sample article."""
    from workbench.services import open_services
    from workbench.services.samples import load_sample

    services = open_services(url, actor=actor)
    try:
        sample_id = None
        if not services.articles.summaries():
            article = load_sample(
                services.articles, services.claims, services.notes, services.labels
            )
            sample_id = article.id
    except BaseException:
        services.close()
        raise
    return services, sample_id


class Startup:
    """Shows the window, then opens the database on a worker and attaches it."""

    def __init__(self, app: QApplication, window: MainWindow, url: str | None, actor: str | None):
        self.app = app
        self.window = window
        self.url = url
        self.actor = actor
        self.services: Services | None = None
        self.timings: dict[str, float] = {}
        _FirstPaint(window, self._on_first_paint)

    def _on_first_paint(self) -> None:
        self._mark("first paint")
        self._open(ask_name=True)

    def _open(self, *, ask_name: bool) -> None:
        """Open the database on a worker (first asking for a name if none is known)."""
        url, actor = self.url, self.actor

        def work(job: workers.Job) -> tuple[Services, int | None] | AskName:
            suggested = user_name_to_ask(actor) if ask_name else None
            return AskName(suggested) if suggested else open_database(url, actor)

        workers.start(work, on_done=self._on_opened, on_error=self._on_failed)

    def _on_name_chosen(self, name: str | None) -> None:
        self.actor = name  # None: the OS login, this time only
        self._open(ask_name=False)

    def _on_opened(self, result: tuple[Services, int | None] | AskName) -> None:
        if isinstance(result, AskName):
            from workbench.ui.user_name_dialog import ask_user_name

            self.window.statusBar().showMessage("Who is working?")
            ask_user_name(self.window, result.suggested, self._on_name_chosen)
            return
        services, sample_id = result
        self.services = services
        self._mark("database open")
        self.window.attach(services)
        if sample_id is not None:
            self.window.open_article(sample_id)
        else:
            self.window.open_last_article()
        self._mark("article shown")
        freeze_survivors("start-up")
        shot = os.environ.get("WORKBENCH_SCREENSHOT")
        if shot:
            QTimer.singleShot(300, self.window.pick_example_claim)
            QTimer.singleShot(1500, lambda: self._screenshot(Path(shot)))

    def _on_failed(self, err: BaseException) -> None:
        log.error("could not open the database", exc_info=err)
        if isinstance(err, UserError):
            text = str(err)
        else:
            where = paths.database_url(self.url)
            text = (
                f"The database could not be opened ({where}): {err}\n\nCheck that the file "
                "exists and is not in use by an older version, or start with --db to use "
                "another database."
            )
        details = "".join(traceback.format_exception(type(err), err, err.__traceback__))
        show_error(self.window, "Cannot open the database", text, details=details)
        self.app.exit(1)

    def _screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.window.grab().save(str(path))
        log.info("screenshot saved to %s", path)
        self.app.quit()

    def _mark(self, what: str) -> None:
        now = self.timings[what] = process_age_ms()
        since = now - self.timings.get("run_gui", 0.0)
        note = f"start-up: {what} after {now:.0f} ms ({since:.0f} ms after run_gui)"
        log.info(note)
        if os.environ.get("WORKBENCH_TIMING"):
            print(note, file=sys.stderr)


def run_gui(db_url: str | None, actor: str | None) -> int:
    """Run the window until it is closed; returns the process exit code."""
    entered = process_age_ms()
    setup_logging()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Fact-check Workbench")
    theme = str(app_settings().value("theme", "system"))
    style.apply_theme(app, dark=None if theme == "system" else theme == "dark")
    install_excepthook()
    from workbench.ui.main_window import MainWindow

    window = MainWindow()
    startup = Startup(app, window, db_url, actor)
    startup.timings["run_gui"] = entered
    if window.first_run:
        window.showMaximized()
    else:
        window.show()
    code = app.exec()
    workers.cancel_all()  # an import still running must not outlive the database
    window.detach()
    if startup.services is not None:
        startup.services.close()
    return code
