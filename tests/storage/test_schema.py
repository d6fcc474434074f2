"""Opening a database: created fresh, left alone when current, refused when too new,
upgraded from the previous revision; on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from workbench.storage.db import Base, Database, normalize_url
from workbench.storage.migrations.env_filters import include_name
from workbench.storage.schema import (
    SchemaTooNew,
    current_revision,
    database_id,
    ensure_schema,
    head_revision,
    upgrade,
)


def test_a_new_sqlite_database_is_created_at_head_with_wal_and_foreign_keys(
    tmp_path: Path,
) -> None:
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert ensure_schema(db) == "created"
    assert ensure_schema(db) == "current"
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision()


def test_a_new_database_is_created_at_head_with_an_id(db_url: str) -> None:
    db = Database(db_url)
    assert ensure_schema(db) == "created"
    assert ensure_schema(db) == "current"
    assert current_revision(db) == head_revision()
    assert len(database_id(db)) == 32
    db.dispose()


def test_migrations_build_the_same_schema_as_the_models(db_url: str) -> None:
    db = Database(db_url)
    upgrade(db, "head")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    if db.is_sqlite:
        assert "search_fts" in tables
    else:
        with db.engine.connect() as conn:
            indexes = {r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes"))}
            triggers = {r[0] for r in conn.execute(text("SELECT tgname FROM pg_trigger"))}
        assert {"ix_search_docs_fts"} <= indexes
        assert "events_notify" in triggers
    db.dispose()


def test_the_previous_revision_is_upgraded_with_its_data(db_url: str) -> None:
    db = Database(db_url)
    upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO labels (name, color, shortcut, builtin, position) "
                "VALUES ('Kept', '#123456', '', false, 0)"
            )
        )
    assert ensure_schema(db) == "upgraded"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM labels")).scalars().all() == ["Kept"]
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_name": include_name}),
            Base.metadata,
        )
    assert diff == []
    assert len(database_id(db)) == 32
    db.dispose()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_url: str) -> None:
    db = Database(db_url)
    ensure_schema(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    before = db.sqlite_path.read_bytes() if db.sqlite_path else None
    again = Database(db_url)
    with pytest.raises(SchemaTooNew, match="newer version"):
        ensure_schema(again)
    assert current_revision(again) == "9999_from_the_future"
    if again.sqlite_path is not None:
        assert again.sqlite_path.read_bytes() == before
    again.dispose()


def test_an_older_sqlite_database_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = Database(f"sqlite:///{path}")
    upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO labels (name, color, shortcut, builtin, position) "
                "VALUES ('Kept', '#123456', '', 0, 0)"
            )
        )
    db.dispose()
    backups = tmp_path / "backups"
    assert ensure_schema(Database(f"sqlite:///{path}"), backups=backups) == "upgraded"
    (copy,) = backups.glob("*.sqlite")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM labels").fetchall() == [("Kept",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]


def test_colleagues_opening_a_new_database_at_once_create_it_once(db_url: str) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def open_it() -> None:
        db = Database(db_url)
        try:
            results.append(ensure_schema(db))
        except BaseException as err:  # collected for the assertion below
            errors.append(err)
        finally:
            db.dispose()

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == ["created", "current", "current", "current"]


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://anna@db.example/desk", "postgresql+psycopg"),
        ("postgres://anna@db.example/desk", "postgresql+psycopg"),
        ("postgresql+psycopg://anna@db.example/desk", "postgresql+psycopg"),
        ("sqlite:///x.sqlite", "sqlite"),
    ],
)
def test_a_plain_postgresql_url_means_psycopg_3(given: str, driver: str) -> None:
    assert normalize_url(given).drivername == driver


def test_the_fast_path_revision_is_alembics_head() -> None:
    from workbench.storage.schema import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
