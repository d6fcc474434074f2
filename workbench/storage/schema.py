"""Bring a database to this build's schema at startup.

Empty: ``create_all`` + stamp head. Behind: back it up, then ``alembic upgrade``.
Newer than this build: refuse with a plain message (never touch it).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from workbench.domain.errors import UserError
from workbench.storage import search
from workbench.storage.backup import timestamped_backup
from workbench.storage.db import Base, Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaTooNew(UserError):
    pass


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(db: Database, *, backups: Path | None = None) -> str:
    """Create, upgrade or refuse; returns what was done: created, upgraded or current."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with db.engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        has_tables = bool(inspect(conn).get_table_names())
    if revision is None and not has_tables:
        with db.engine.begin() as conn:
            Base.metadata.create_all(conn)
            search.install(conn)
            command.stamp(alembic_config(conn), "head")
        return "created"
    if revision == head:
        return "current"
    known = {rev.revision for rev in script.walk_revisions()}
    if revision is not None and revision not in known:
        raise SchemaTooNew(
            f"This database ({db.display_name}) was written by a newer version of Fact-check "
            "Workbench. Update the program to open it; nothing was changed."
        )
    if backups is not None and db.sqlite_path is not None:
        timestamped_backup(db.sqlite_path, backups, reason="pre-migration")
    upgrade(db, "head")
    return "upgraded"


def upgrade(db: Database, target: str = "head") -> None:
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)
