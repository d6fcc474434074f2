"""Long work off the GUI thread: a QRunnable job with progress, Cancel and callbacks.

``start(work, on_done=..., on_error=...)`` runs ``work(job)`` on the global
QThreadPool. ``work`` may call ``job.report(fraction)`` and poll ``job.cancelled()``.
The callbacks always run on the GUI thread (they are slots of a QObject created
there), so they may touch widgets. ``start_with_progress`` adds a QProgressDialog whose
Cancel button cancels the job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progressed = Callable[[float], None]

_running: set[Job] = set()
"""Jobs not yet reported back; kept here so Python does not collect them mid-run."""


class _Relay(QObject):
    """Lives on the GUI thread; the job's signals reach it through queued connections."""

    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self, job: Job, on_done: Done, on_error: Failed, on_progress: Progressed | None
    ) -> None:
        super().__init__()
        self._job = job
        self._on_done_cb = on_done
        self._on_error_cb = on_error
        self._on_progress_cb = on_progress
        queued = Qt.ConnectionType.QueuedConnection
        self.finished.connect(self._on_finished, queued)
        self.failed.connect(self._on_failed, queued)
        self.progressed.connect(self._on_progressed, queued)

    @Slot(float)
    def _on_progressed(self, fraction: float) -> None:
        if self._on_progress_cb is not None and self._job in _running:
            self._on_progress_cb(fraction)

    @Slot(object)
    def _on_finished(self, value: object) -> None:
        _running.discard(self._job)
        self._on_done_cb(value)

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        _running.discard(self._job)
        assert isinstance(err, BaseException)
        self._on_error_cb(err)


class Job(QRunnable):
    """One piece of background work; ``cancel()`` asks it to stop at its next check."""

    def __init__(
        self,
        work: Callable[[Job], Any],
        *,
        on_done: Done,
        on_error: Failed,
        on_progress: Progressed | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._work = work
        self._cancel = threading.Event()
        self.relay = _Relay(self, on_done, on_error, on_progress)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, fraction: float) -> None:
        self.relay.progressed.emit(max(0.0, min(1.0, float(fraction))))

    def run(self) -> None:
        try:
            value = self._work(self)
        except BaseException as err:
            self.relay.failed.emit(err)
        else:
            self.relay.finished.emit(value)


def start(
    work: Callable[[Job], Any],
    *,
    on_done: Done,
    on_error: Failed,
    on_progress: Progressed | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Run ``work(job)`` on a pool thread; the callbacks run later on the GUI thread."""
    job = Job(work, on_done=on_done, on_error=on_error, on_progress=on_progress)
    _running.add(job)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def cancel_all(*, wait_ms: int = 5000, pool: QThreadPool | None = None) -> None:
    """Ask every running job to stop and wait for them (when the window closes)."""
    for job in list(_running):
        job.cancel()
    (pool or QThreadPool.globalInstance()).waitForDone(wait_ms)


def active_count() -> int:
    """Jobs started and not yet reported back (tests wait for this to reach 0)."""
    return len(_running)


def start_with_progress(
    parent: QWidget | None,
    work: Callable[[Job], Any],
    *,
    title: str,
    label: str,
    on_done: Done,
    on_error: Failed,
) -> Job:
    """``start`` with a window-modal progress dialog (shown after 400 ms) and a Cancel."""
    dialog = QProgressDialog(label, "Cancel", 0, 100, parent)
    dialog.setObjectName("importProgress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        callback(value)

    job = start(
        work,
        on_done=lambda value: finish(on_done, value),
        on_error=lambda err: finish(on_error, err),
        on_progress=lambda fraction: dialog.setValue(int(fraction * 100)),
    )
    dialog.canceled.connect(job.cancel)
    return job
