"""Bring a database to this build's schema at startup.

Empty: ``create_all`` + stamp head. Behind: back it up, then ``alembic upgrade``.
Newer than this build: refuse with a plain message (never touch it).
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, inspect, select, text
from sqlalchemy.exc import OperationalError

from workbench.domain.errors import UserError
from workbench.storage import changes, search
from workbench.storage.backup import timestamped_backup
from workbench.storage.db import Base, Database
from workbench.storage.models import MetaRow

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0002"
"""The newest migration; a test keeps it equal to Alembic's head. Opening a database
that is already there costs one query, without importing Alembic (~0.15 s)."""
DATABASE_ID = "database_id"


class SchemaTooNew(UserError):
    pass


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def ensure_schema(db: Database, *, backups: Path | None = None) -> str:
    """Create, upgrade or refuse; returns what was done: created, upgraded or current.

    Runs under the database's schema lock, so colleagues opening a new team database
    at the same moment create it once. A brand-new SQLite file is still in rollback
    mode while the first opener switches it to WAL and creates the tables; a second
    opener can then get "database is locked" at once (SQLite's deadlock avoidance skips
    the busy timeout), so on SQLite that is retried a few times after a short pause.
    """
    for attempt in range(SQLITE_LOCKED_RETRIES + 1):
        try:
            return _ensure_schema(db, backups)
        except OperationalError as err:
            locked = db.is_sqlite and "database is locked" in str(err)
            if not locked or attempt == SQLITE_LOCKED_RETRIES:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


SQLITE_LOCKED_RETRIES = 5


def _ensure_schema(db: Database, backups: Path | None) -> str:
    with db.engine.connect() as conn:
        if _stored_revision(conn) == HEAD_REVISION:
            return "current"
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with db.schema_transaction() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision is None and not inspect(conn).get_table_names():
            Base.metadata.create_all(conn)
            install_extras(conn)
            command.stamp(alembic_config(conn), "head")
            return "created"
        if revision == head:
            return "current"
        known = {rev.revision for rev in script.walk_revisions()}
        if revision is not None and revision not in known:
            raise SchemaTooNew(
                f"This database ({db.display_name}) was written by a newer version of "
                "Fact-check Workbench. Update the program to open it; nothing was changed."
            )
        if backups is not None and db.sqlite_path is not None:
            timestamped_backup(db.sqlite_path, backups, reason="pre-migration")
        command.upgrade(alembic_config(conn), "head")
        return "upgraded"


def _stored_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def install_extras(conn: Connection) -> None:
    """What ``create_all`` does not make: full-text index, change trigger, database id.

    Also run by the migrations, so a created and an upgraded database end up the same.
    """
    search.install(conn)
    changes.install(conn)
    if conn.execute(select(MetaRow.value).where(MetaRow.key == DATABASE_ID)).first() is None:
        conn.execute(insert(MetaRow).values(key=DATABASE_ID, value=uuid.uuid4().hex))


def database_id(db: Database) -> str:
    """The UUID this database got when it was created (or first upgraded to 0002)."""
    with db.read() as s:
        value = s.scalar(select(MetaRow.value).where(MetaRow.key == DATABASE_ID))
    if not value:
        raise UserError(f"The database {db.display_name} has no id; open it once to upgrade.")
    return value


def upgrade(db: Database, target: str = "head") -> None:
    from alembic import command

    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)
