"""Child processes of the benchmarks: ``python -m benchmarks.probe bare|app|memory ...``.

Each prints one JSON line on stdout (prefixed ``PROBE``) and exits.

* ``bare``: a bare PySide6 window showing one QPlainTextEdit with the sample article's
  text; stamps its first paint.
* ``app``: the workbench as a user starts it (``workbench.app.main``) on the data dir
  in ``WORKBENCH_HOME``; stamps the window's first paint and the first paint of the
  article view with text in it, then quits.
* ``memory --db PATH --article ID``: the main window on that database with that
  article open, then two pages read at 150 places from top to bottom (each page laid
  out and painted); reports the peak RSS.

Both start-up probes create the QApplication first (the workbench uses an existing
one) and watch paint events with an application-wide event filter; a paint counts
once the event loop is back (a zero timer after the paint event), as the workbench's
own start-up log does. Times are ``time.monotonic()`` (system-wide on Linux), so the
parent subtracts the moment just before it started the process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

DEADLINE_S = 120
READ_STOPS = 150


def emit(data: dict[str, Any]) -> None:
    data.setdefault("maxrss_mb", peak_rss_mb())
    print("PROBE " + json.dumps(data), flush=True)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB: ``VmHWM``, the high-water
    mark of this program's memory. (``ru_maxrss`` is no good here: Linux carries it over
    ``exec`` from the forked parent, so a child of a 440 MB benchmark runner reported
    440 MB whatever it used.)"""
    return _status_mb("VmHWM:")


def current_rss_mb() -> float:
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def _sample_text() -> str:
    from workbench import paths

    return paths.resource("samples", "drone_evidence.txt").read_text("utf-8")


def _watch_paints(app: Any, on_paint: Any) -> Any:
    """Call ``on_paint(widget)`` (via a zero timer) for every paint event in the app."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda w=watched: on_paint(w))
            return False

    watcher = Watcher()
    app.installEventFilter(watcher)
    return watcher


def _deadline(app: Any) -> None:
    from PySide6.QtCore import QTimer

    def give_up() -> None:
        emit({"error": f"no paint within {DEADLINE_S} s"})
        os._exit(3)

    QTimer.singleShot(DEADLINE_S * 1000, give_up)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    stamps: dict[str, Any] = {}

    def on_paint(_widget: Any) -> None:
        if "first_paint" not in stamps:
            stamps["first_paint"] = time.monotonic()
            emit(stamps)
            app.quit()

    watcher = _watch_paints(app, on_paint)
    _deadline(app)
    edit = QPlainTextEdit()
    edit.setPlainText(_sample_text())
    edit.resize(1360, 860)
    edit.show()
    code = app.exec()
    del watcher
    return code


def app_start(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    stamps: dict[str, Any] = {}

    def on_paint(widget: Any) -> None:
        if "first_paint" not in stamps:
            stamps["first_paint"] = time.monotonic()
        view = widget.parent()
        if (
            "article_paint" not in stamps
            and view is not None
            and view.objectName() == "articleView"
            and view.document().characterCount() > 1
        ):
            stamps["article_paint"] = time.monotonic()
            stamps["article_chars"] = view.document().characterCount()
            emit(stamps)
            app.quit()

    watcher = _watch_paints(app, on_paint)
    _deadline(app)
    from workbench.app import main

    code = main(argv)
    del watcher
    return code


def memory(db: Path, article_id: int, settings: Path) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QAbstractSlider, QApplication

    app = QApplication(sys.argv[:1])
    from workbench.services import open_services
    from workbench.ui.main_window import MainWindow

    services = open_services(f"sqlite:///{db}", data_dir=db.parent / "home", actor="bench")
    window = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat))
    window.attach(services)
    window.show()
    for _ in range(20):
        app.processEvents()
    attached = peak_rss_mb()
    window.open_article(article_id)
    deadline = time.perf_counter() + 60
    while window.document.loading and time.perf_counter() < deadline:  # a large article
        app.processEvents()  # is read on a worker and its claims arrive in batches
        time.sleep(0.002)
    for _ in range(20):
        app.processEvents()
    opened = current_rss_mb()
    opened_peak = peak_rss_mb()
    view = window.article_pane.view
    bar = view.verticalScrollBar()
    pages = 0
    for stop in range(READ_STOPS + 1):  # a page at a time from READ_STOPS places, to the end
        bar.setValue(bar.maximum() * stop // READ_STOPS)
        for _ in range(2):
            view.viewport().repaint()
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
            pages += 1
    app.processEvents()
    emit(
        {
            "peak_after_attach_mb": attached,
            "rss_after_open_mb": opened,
            "peak_after_open_mb": opened_peak,
            "rss_at_end_mb": current_rss_mb(),
            "pages": pages,
            "claims": len(window.document.claims),
        }
    )
    window.detach()
    services.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["bare", "app", "memory"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--article", type=int)
    parser.add_argument("--settings", type=Path)
    args, rest = parser.parse_known_args(argv)
    if args.what == "bare":
        return bare()
    if args.what == "app":
        return app_start(rest)
    return memory(args.db, args.article, args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
