"""Use cases, one transaction each: the only way the UI and the CLI change data.

``open_services(url)`` builds everything a front end needs on one database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import ArgumentError, OperationalError

from workbench import paths
from workbench.domain import UserError
from workbench.services.articles import ArticleService
from workbench.services.backups import backup_if_due
from workbench.services.claims import ClaimService
from workbench.services.context import ChangeBus, ServiceContext
from workbench.services.identity import clean_user_name, default_actor
from workbench.services.labels import LabelService
from workbench.services.notes import NoteService
from workbench.services.revisions import RevisionService
from workbench.services.search import SearchService
from workbench.storage.blobs import DatabaseFileStore
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore
from workbench.storage.schema import ensure_schema

if TYPE_CHECKING:
    from workbench.services.reports import ReportService


@dataclass
class Services:
    ctx: ServiceContext
    articles: ArticleService
    claims: ClaimService
    notes: NoteService
    labels: LabelService
    search: SearchService
    revisions: RevisionService

    @cached_property
    def reports(self) -> ReportService:
        """Built on first use: the exporters pull in Jinja2, python-docx and Qt's PDF writer."""
        from workbench.services.reports import ReportService

        return ReportService(self.ctx)

    @property
    def bus(self) -> ChangeBus:
        return self.ctx.bus

    @property
    def db(self) -> Database:
        return self.ctx.db

    def close(self) -> None:
        self.ctx.db.dispose()


def open_services(
    url: str | None = None, *, data_dir: Path | None = None, actor: str | None = None
) -> Services:
    """Open (and create or migrate) the database and build the services on it.

    On a shared server (PostgreSQL) files live in the database and ``files/`` in the
    data dir is this machine's cache of them.
    """
    home = data_dir or paths.data_dir()
    who = clean_user_name(actor) if actor else default_actor(home)
    db = open_database(paths.database_url(url) if url is None else url, home=home)
    if db.sqlite_path is not None:  # a daily copy; one directory listing when not due
        backup_if_due(db, home / "backups")
    files = FileStore(home / "files") if db.is_sqlite else DatabaseFileStore(home / "files", db)
    ctx = ServiceContext(db=db, files=files, actor=who)
    articles = ArticleService(ctx)
    services = Services(
        ctx=ctx,
        articles=articles,
        claims=ClaimService(ctx),
        notes=NoteService(ctx),
        labels=LabelService(ctx),
        search=SearchService(ctx),
        revisions=RevisionService(ctx, articles),
    )
    services.labels.ensure_builtins()
    return services


def open_database(url: str, *, home: Path) -> Database:
    """The database at ``url``, created or upgraded; a plain message if it cannot be."""
    try:
        db = Database(url)
    except ModuleNotFoundError as err:
        raise UserError(
            f"PostgreSQL needs the psycopg package ({err.name} is missing): "
            "pip install 'factcheck-workbench[postgres]'."
        ) from None
    except ArgumentError as err:
        raise UserError(f"{url!r} is not a database URL: {err}.") from None
    try:
        ensure_schema(db, backups=home / "backups")
    except OperationalError as err:
        db.dispose()
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        raise UserError(f"Cannot open the database {db.display_name}: {reason}") from None
    except BaseException:
        db.dispose()
        raise
    return db
