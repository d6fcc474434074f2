"""Seeing colleagues' work: what other clients changed reaches the panels by itself.

``ChangeFollower`` drives a ``workbench.services.sync.ChangeWatcher`` and publishes
what it reports on ``services.bus``, where the open article, the claims panel, the
evidence panel and the library already listen for this window's own changes. Those
refresh in place: rows are inserted or updated (the selection stays), highlights are
redone per block (the text selection stays), and an open note editor only follows
its attachments list.

- SQLite: a QTimer every ``watcher.interval`` (2 s) calls ``poll()`` on the GUI thread.
  Measured: 0.3 ms when nothing changed (one ``SELECT max(id)`` on the WAL file), about
  1 ms when it reads new events; not worth a thread hop.
- PostgreSQL: every look crosses the network (and reconnects after a drop), so it runs
  on a worker thread, one at a time. A QSocketNotifier on the LISTEN socket wakes it
  at once when a colleague commits; the timer stays as a safety net, and is all there
  is when the server cannot LISTEN.

The watcher itself is built on a worker for PostgreSQL too (it connects to listen).
Whoever changed something is named in the status bar; a lost server says so once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from workbench.domain import Changes
from workbench.ui import workers

if TYPE_CHECKING:
    from workbench.services import Services
    from workbench.services.sync import ChangeWatcher

log = logging.getLogger(__name__)


def _make_watcher(services: Services) -> ChangeWatcher:
    from workbench.services.sync import ChangeWatcher

    return ChangeWatcher(services.db)


class ChangeFollower(QObject):
    changed = Signal(object)
    """Others' ``Changes``, after they were published on the bus."""
    message = Signal(str)
    """A line for the status bar (who changed something; the server is unreachable)."""

    def __init__(
        self, services: Services, parent: QObject | None = None, *, interval_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._interval_ms = interval_ms
        self.watcher: ChangeWatcher | None = None
        self._notifier: QSocketNotifier | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._busy = False
        self._stopped = False
        self._error: str | None = None

    @property
    def on_worker(self) -> bool:
        """Whether looks run on a worker thread (a server across the network)."""
        return not self._services.db.is_sqlite

    @property
    def ready(self) -> bool:
        return self.watcher is not None

    def start(self) -> None:
        if self.on_worker:
            services = self._services
            workers.start(
                lambda job: _make_watcher(services),
                on_done=self._on_watcher_made,
                on_error=self._on_watcher_failed,
            )
        else:
            self._on_watcher_made(_make_watcher(self._services))

    def stop(self) -> None:
        """No more looks (before the services close); a look under way is discarded."""
        self._stopped = True
        self._timer.stop()
        self._drop_notifier()
        if self.watcher is not None and not self._busy:
            self.watcher.close()

    def set_interval(self, ms: int) -> None:
        """Poll (SQLite) or check (PostgreSQL, besides NOTIFY) every ``ms`` milliseconds."""
        self._interval_ms = ms
        if self._timer.isActive():
            self._timer.start(ms)

    def poll_now(self) -> None:
        """Look at once (what the timer and the socket notifier do)."""
        self._on_tick()

    # --- handlers ---------------------------------------------------------------------

    def _on_watcher_made(self, watcher: object) -> None:
        from workbench.services.sync import ChangeWatcher

        assert isinstance(watcher, ChangeWatcher)
        if self._stopped:
            watcher.close()
            return
        self.watcher = watcher
        interval = self._interval_ms or int(watcher.interval * 1000)
        self._timer.start(interval)
        self._watch_socket()
        log.info(
            "following colleagues' changes: %s",
            "LISTEN/NOTIFY" if watcher.listening else f"polling every {interval} ms",
        )

    def _on_watcher_failed(self, err: BaseException) -> None:
        log.warning("cannot follow colleagues' changes: %s", err)
        self.message.emit(f"Colleagues' changes will not appear until you restart: {err}")

    def _on_tick(self) -> None:
        watcher = self.watcher
        if watcher is None or self._busy or self._stopped:
            return
        if not self.on_worker:
            self._on_polled(watcher.poll())
            return
        self._busy = True
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # readable until drained: do not fire meanwhile
        workers.start(
            lambda job: watcher.poll(), on_done=self._on_polled, on_error=self._on_poll_failed
        )

    def _on_polled(self, found: object) -> None:
        self._busy = False
        if self._stopped:
            if self.watcher is not None:
                self.watcher.close()
            return
        self._report_error()
        if isinstance(found, Changes) and found:
            self._services.bus.publish(found)
            self.changed.emit(found)
            who = sorted(getattr(found.source, "actors", ()))
            if who:
                self.message.emit(f"Updated with changes by {', '.join(who)}.")
        self._watch_socket()

    def _on_poll_failed(self, err: BaseException) -> None:
        log.warning("looking for colleagues' changes failed", exc_info=err)
        self._on_polled(None)

    # --- helpers ----------------------------------------------------------------------

    def _report_error(self) -> None:
        error = self.watcher.error if self.watcher is not None else None
        if error != self._error:
            self._error = error
            if error:
                self.message.emit(f"Cannot reach the database to see colleagues' changes: {error}")
            else:
                self.message.emit("Connected again; colleagues' changes are shown.")

    def _watch_socket(self) -> None:
        """A notifier on the LISTEN socket (PostgreSQL); renewed if it reconnected."""
        fd = self.watcher.fileno() if self.watcher is not None else None
        if fd is None:
            self._drop_notifier()
            return
        if self._notifier is None or self._notifier.socket() != fd:
            self._drop_notifier()
            self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(lambda *_: self._on_tick())
        self._notifier.setEnabled(True)

    def _drop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
