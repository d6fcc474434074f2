"""Opening a database: created fresh, left alone when current, refused when too new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from workbench.storage.db import Base, Database
from workbench.storage.migrations.env_filters import include_name
from workbench.storage.schema import SchemaTooNew, ensure_schema, head_revision, upgrade


def test_a_new_database_is_created_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert ensure_schema(db) == "created"
    assert ensure_schema(db) == "current"
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision()


def test_migrations_build_the_same_schema_as_the_models(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    upgrade(db, "head")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert diff == []
    assert "search_fts" in tables


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    db = Database(f"sqlite:///{path}")
    ensure_schema(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer version"):
        ensure_schema(Database(f"sqlite:///{path}"))
    assert path.read_bytes() == before


def test_an_older_database_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = Database(f"sqlite:///{path}")
    ensure_schema(db)
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO labels (name, color, shortcut, builtin, position) "
                "VALUES ('Kept', '#123456', '', 0, 0)"
            )
        )
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('0001')"))
    db.dispose()
    backups = tmp_path / "backups"
    result = ensure_schema(Database(f"sqlite:///{path}"), backups=backups)
    assert result in {"current", "upgraded"}
    if result == "upgraded":
        (copy,) = backups.glob("*.sqlite")
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT name FROM labels").fetchall() == [("Kept",)]
