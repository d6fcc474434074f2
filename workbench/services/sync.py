"""Seeing colleagues' work: what other clients changed since this one last looked.

Every change a service makes logs an event in the same transaction, so new rows in
``events`` are the change feed. A ``ChangeWatcher`` turns those written by *other*
processes into a ``Changes`` record the GUI publishes on ``services.bus``, like its own:

- SQLite: the GUI calls ``poll()`` every ``interval`` seconds (~2 s); each call is one
  ``SELECT max(id) FROM events`` unless something changed.
- PostgreSQL: a trigger on ``events`` sends ``NOTIFY``; ``poll()`` only reads the
  listening socket and queries when woken. The GUI may watch ``fileno()`` with a socket
  notifier to refresh at once, and keep the timer as a safety net.

Pure Python, no Qt: ``watcher.poll() -> Changes | None`` never blocks, ``wait(timeout)``
blocks (for a worker thread or tests).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from workbench.domain import Changes
from workbench.services.context import ChangeBus
from workbench.storage import changes
from workbench.storage.changes import EventRef, NotifyListener
from workbench.storage.db import Database

log = logging.getLogger(__name__)

POLL_INTERVAL = 2.0
"""Seconds between polls on SQLite (and safety polls on PostgreSQL)."""


@dataclass(frozen=True, slots=True)
class RemoteChange:
    """The ``source`` of a ``Changes`` the watcher reports: who, and up to which event."""

    actors: frozenset[str]
    last_event_id: int


class ChangeWatcher:
    """Reports what other clients of the same database changed since the last call."""

    def __init__(self, db: Database, *, listen: bool = True) -> None:
        self._db = db
        self._lookback = changes.lookback_for(db)
        self._seen: set[int] = set()
        self.interval = POLL_INTERVAL
        self.error: str | None = None
        """Why the last look failed (server unreachable...), or None; shown in a status bar."""
        with db.read() as s:
            self._last = changes.latest_event_id(s)
        self._start = self._last
        """Events up to here were there before this client looked: never news."""
        self._listener: NotifyListener | None = None
        if listen and not db.is_sqlite:
            try:
                self._listener = NotifyListener(db)
            except Exception as err:  # still works by polling
                log.warning("cannot LISTEN for changes, polling instead: %s", err)

    @property
    def listening(self) -> bool:
        """True when woken by the server (PostgreSQL NOTIFY) rather than polling."""
        return self._listener is not None

    def fileno(self) -> int | None:
        """A socket that becomes readable when a colleague commits (PostgreSQL), else None."""
        return self._listener.fileno() if self._listener is not None else None

    def poll(self) -> Changes | None:
        """What others changed since the last call, or None; never blocks."""
        if self._listener is not None and not self._listener.drain(0.0):
            return None
        return self._look()

    def wait(self, timeout: float) -> Changes | None:
        """Block up to ``timeout`` seconds for others' changes."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if self._listener is not None:
                woke = self._listener.drain(max(0.0, remaining))
                found = self._look() if woke else None
            else:
                found = self._look()
            if found is not None or remaining <= 0:
                return found
            if self._listener is None:
                time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))

    def pump(self, bus: ChangeBus) -> Changes | None:
        """``poll()`` and publish what it found on ``bus`` (what a GUI timer calls)."""
        found = self.poll()
        if found is not None:
            bus.publish(found)
        return found

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _look(self) -> Changes | None:
        try:
            with self._db.read() as s:
                if not self._lookback and changes.latest_event_id(s) <= self._last:
                    return None
                since = max(self._start, self._last - self._lookback)
                refs = changes.events_after(s, since)
        except SQLAlchemyError as err:
            self.error = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
            return None
        self.error = None
        new = [r for r in refs if r.id not in self._seen]
        if not new:
            return None
        self._last = max(self._last, *(r.id for r in new))
        self._seen.update(r.id for r in new)
        floor = self._last - self._lookback
        self._seen = {i for i in self._seen if i > floor}
        others = [r for r in new if r.id not in self._db.own_event_ids]
        return changes_from(others) if others else None


def changes_from(events: Iterable[EventRef]) -> Changes | None:
    """What views must refresh after these events (None if nothing they show)."""
    articles: set[int] = set()
    claims: set[int] = set()
    notes: set[int] = set()
    actors: set[str] = set()
    labels = links = False
    last = 0
    for e in events:
        last = max(last, e.id)
        actors.add(e.actor)
        if e.article_id is not None:
            articles.add(e.article_id)
        if e.entity == "article":
            articles.add(e.entity_id)
            claims.update(i for i in e.payload.get("claims", ()) if isinstance(i, int))
        elif e.entity == "claim":
            claims.add(e.entity_id)
            if e.action.startswith("link."):
                links = True
                if isinstance(e.payload.get("note_id"), int):
                    notes.add(e.payload["note_id"])
        elif e.entity == "note":
            notes.add(e.entity_id)
            links = links or e.action in {"note.delete", "note.restore"}
        elif e.entity == "label":
            labels = True
    found = Changes(
        articles=frozenset(articles),
        claims=frozenset(claims),
        notes=frozenset(notes),
        labels=labels,
        links=links,
        source=RemoteChange(frozenset(actors), last),
    )
    return found or None
