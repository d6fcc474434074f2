"""The change feed other clients follow: every change logs an event, so new event rows
are what changed. SQLite is polled (``max(id)`` is an index lookup); PostgreSQL also
announces each transaction that logged events with ``NOTIFY`` from a trigger, which a
``NotifyListener`` turns into a wake-up instead of a poll.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from workbench.storage.db import Database
from workbench.storage.models import EventRow

CHANNEL = "workbench_changes"

_POSTGRES_DDL = (
    "CREATE OR REPLACE FUNCTION workbench_notify_change() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS events_notify ON events",
    "CREATE TRIGGER events_notify AFTER INSERT ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION workbench_notify_change()",
)

PG_LOOKBACK = 200
"""PostgreSQL hands out ids before commit, so a slow transaction may commit an event id
below one already seen; re-read this many ids back (SQLite commits in id order)."""


def install(connection: Connection) -> None:
    """Create the NOTIFY trigger on PostgreSQL (idempotent); nothing on SQLite."""
    if connection.dialect.name == "postgresql":
        for statement in _POSTGRES_DDL:
            connection.exec_driver_sql(statement)


@dataclass(frozen=True, slots=True)
class EventRef:
    """The parts of an event a watcher needs to tell views what to refresh."""

    id: int
    actor: str
    action: str
    entity: str
    entity_id: int
    article_id: int | None
    payload: dict[str, Any]


def latest_event_id(session: Session) -> int:
    return session.scalar(select(func.max(EventRow.id))) or 0


def events_after(session: Session, after_id: int) -> list[EventRef]:
    """Events with ids above ``after_id``, oldest first."""
    rows = session.execute(
        select(
            EventRow.id,
            EventRow.actor,
            EventRow.action,
            EventRow.entity,
            EventRow.entity_id,
            EventRow.article_id,
            EventRow.payload,
        )
        .where(EventRow.id > after_id)
        .order_by(EventRow.id)
    ).all()
    return [EventRef(r[0], r[1], r[2], r[3], r[4], r[5], dict(r[6] or {})) for r in rows]


def lookback_for(db: Database) -> int:
    return 0 if db.is_sqlite else PG_LOOKBACK


class NotifyListener:
    """A dedicated PostgreSQL connection that LISTENs on the change channel.

    ``fileno()`` becomes readable when a notification arrives (a GUI can watch it with
    a socket notifier); ``drain(timeout)`` consumes them and says whether any came.
    After a lost connection it reconnects on the next call and reports a wake-up,
    since notifications sent meanwhile are gone.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn: Any = None
        self._connect()

    def _connect(self) -> None:
        import psycopg

        cargs, cparams = self._db.listen_connect_args()
        self._conn = psycopg.connect(*cargs, **cparams, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int | None:
        return None if self._conn is None or self._conn.closed else int(self._conn.fileno())

    def drain(self, timeout: float = 0.0) -> bool:
        """True if a change was announced (or may have been missed) within ``timeout`` s."""
        import psycopg

        try:
            if self._conn is None or self._conn.closed:
                self._connect()
                return True
            got = False
            for _ in self._conn.notifies(timeout=timeout, stop_after=1):
                got = True
            if got:  # take whatever else is already queued without waiting
                for _ in self._conn.notifies(timeout=0.0):
                    pass
            return got
        except psycopg.Error:
            self.close()
            return True

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
