"""Use cases, one transaction each: the only way the UI and the CLI change data.

``open_services(url)`` builds everything a front end needs on one database.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from workbench import paths
from workbench.services.articles import ArticleService
from workbench.services.claims import ClaimService
from workbench.services.context import ChangeBus, ServiceContext
from workbench.services.labels import LabelService
from workbench.services.notes import NoteService
from workbench.services.search import SearchService
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore
from workbench.storage.schema import ensure_schema


@dataclass
class Services:
    ctx: ServiceContext
    articles: ArticleService
    claims: ClaimService
    notes: NoteService
    labels: LabelService
    search: SearchService

    @property
    def bus(self) -> ChangeBus:
        return self.ctx.bus

    @property
    def db(self) -> Database:
        return self.ctx.db

    def close(self) -> None:
        self.ctx.db.dispose()


def default_actor() -> str:
    """Who is acting: ``WORKBENCH_USER``, else the OS login."""
    name = os.environ.get("WORKBENCH_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def open_services(
    url: str | None = None, *, data_dir: Path | None = None, actor: str | None = None
) -> Services:
    """Open (and create or migrate) the database and build the services on it."""
    home = data_dir or paths.data_dir()
    db = Database(paths.database_url(url) if url is None else url)
    ensure_schema(db, backups=home / "backups")
    ctx = ServiceContext(db=db, files=FileStore(home / "files"), actor=actor or default_actor())
    services = Services(
        ctx=ctx,
        articles=ArticleService(ctx),
        claims=ClaimService(ctx),
        notes=NoteService(ctx),
        labels=LabelService(ctx),
        search=SearchService(ctx),
    )
    services.labels.ensure_builtins()
    return services
