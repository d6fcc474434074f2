"""The engine and sessions; every SQLite-specific setting lives here.

One ``Database`` per process. Services take a session per unit of work:
``with db.write() as s`` for changes, ``with db.read() as s`` for queries.
On SQLite, write transactions start with ``BEGIN IMMEDIATE`` so two processes
queue on the busy timeout instead of failing on a read-to-write upgrade. On
PostgreSQL (psycopg 3) the default READ COMMITTED isolation is kept: lost updates
are prevented by the version counters on claims and notes, not by locking.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, MetaData, create_engine, event, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BUSY_TIMEOUT_MS = 5000
APPLICATION_NAME = "fact-check-workbench"
SCHEMA_LOCK_KEY = 0x57_4F_52_4B_42_45_4E_43  # pg_advisory_xact_lock key ("WORKBENC")
WRITTEN_EVENTS = "workbench_written_events"
"""``session.info`` key: event rows added in this unit of work (see ``own_event_ids``)."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def normalize_url(url: str | URL) -> URL:
    """Accept ``postgresql://`` and ``postgres://`` as PostgreSQL through psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own handling is broken).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("workbench_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """An engine plus read and write session factories for one database URL."""

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = normalize_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.own_event_ids: set[int] = set()
        """Ids of the events this process wrote, so a change watcher can skip them."""
        if self.is_sqlite and self.sqlite_path is not None:
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        options: dict[str, Any] = {"echo": echo}
        if self.url.get_backend_name() == "postgresql":
            # A team server is across a network: laptops sleep, servers restart.
            options["pool_pre_ping"] = True
            options["connect_args"] = {"application_name": APPLICATION_NAME}
        self.engine: Engine = create_engine(self.url, **options)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _on_sqlite_connect)
            event.listen(self.engine, "begin", _on_sqlite_begin)
        self._write_engine = self.engine.execution_options(workbench_write=True)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, or None for PostgreSQL and in-memory SQLite."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    @property
    def display_name(self) -> str:
        """Where the data lives, for the status bar (no password)."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work that changes data; commits on success, rolls back on error."""
        with self._writer() as session:
            with session.begin():
                yield session
                session.flush()
                written = list(session.info.get(WRITTEN_EVENTS, ()))
            # Committed: remember our own events (ids exist only after the flush).
            self.own_event_ids.update(row.id for row in written)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextmanager
    def schema_transaction(self) -> Iterator[Connection]:
        """A transaction only one process at a time holds, to create or upgrade the schema.

        SQLite: ``BEGIN IMMEDIATE`` takes the write lock. PostgreSQL: a transaction-level
        advisory lock, so colleagues opening a new team database at once queue instead
        of racing to create the same tables.
        """
        with self._write_engine.begin() as conn:
            if not self.is_sqlite:
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")
            yield conn

    def listen_connect_args(self) -> tuple[list[Any], dict[str, Any]]:
        """Arguments for a dedicated driver connection (the PostgreSQL change listener)."""
        cargs, cparams = self.engine.dialect.create_connect_args(self.url)
        return list(cargs), dict(cparams)

    def dispose(self) -> None:
        self.engine.dispose()
