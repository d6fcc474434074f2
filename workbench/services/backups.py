"""Rotating backups of a SQLite database in the data dir's ``backups/`` folder.

A backup is a complete SQLite file made with SQLite's online backup API, so it is
consistent even while another window writes. Backups are named
``{database stem}-{UTC time}-{reason}.sqlite``; the reasons are:

* ``daily``: made at start-up when the newest backup of this database is older than a
  day (:func:`backup_if_due`; costs one directory listing when a recent one exists);
* ``manual``: ``workbench backup``;
* ``pre-migration``: made by ``storage.schema`` before it upgrades the schema;
* ``pre-restore``: the database as it was before ``workbench restore`` replaced it.

The newest :data:`KEEP` of each reason are kept and older ones deleted, so the folder
stays bounded while a daily, a manual and the last safety copies always survive.
PostgreSQL databases are backed up by the server's own tools, not here.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import exists, select

from workbench.storage.backup import PARTIAL_PREFIX, timestamped_backup
from workbench.storage.db import Database
from workbench.storage.models import ArticleRow, NoteRow

log = logging.getLogger(__name__)

KEEP = 10
"""Backups kept per reason."""
MAX_AGE = timedelta(days=1)
"""A start-up backup is made when the newest backup is older than this."""
REASONS = ("daily", "manual", "pre-migration", "pre-restore")
STALE_PARTIAL_SECONDS = 3600
"""A half-written copy older than this was left by a crash and is removed."""

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z][a-z-]*)\.sqlite$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: where it is, when it was made (UTC), its size and why."""

    path: Path
    created: datetime
    size: int
    reason: str
    database: str
    """The stem of the database file it is a copy of (``workbench`` for workbench.sqlite)."""


def parse_backup(path: Path) -> BackupInfo | None:
    """The facts in a backup's name, or None if ``path`` is not named like a backup."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, created, size, match["reason"], match["stem"])


def list_backups(folder: Path, *, database: str | None = None) -> list[BackupInfo]:
    """Backups in ``folder`` (only those of the database with this stem), newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob("*.sqlite") if (info := parse_backup(p)) is not None]
    if database is not None:
        found = [info for info in found if info.database == database]
    return sorted(found, key=lambda info: (info.created, info.path.name), reverse=True)


def make_backup(
    db_file: Path, folder: Path, *, reason: str = "manual", keep: int = KEEP
) -> BackupInfo:
    """Back ``db_file`` up now, then delete the oldest of this reason beyond ``keep``."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    path = timestamped_backup(db_file, folder, reason=reason)
    info = parse_backup(path)
    assert info is not None, path
    prune(folder, database=db_file.stem, keep=keep)
    return info


def prune(folder: Path, *, database: str, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups per reason, and stale half-written
    copies; returns what was deleted."""
    removed: list[Path] = []
    seen: dict[str, int] = {}
    for info in list_backups(folder, database=database):
        seen[info.reason] = seen.get(info.reason, 0) + 1
        if seen[info.reason] > keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for partial in folder.glob(f"{PARTIAL_PREFIX}*"):
        try:
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
                removed.append(partial)
        except OSError:
            continue
    return removed


def backup_if_due(
    db: Database,
    folder: Path,
    *,
    max_age: timedelta = MAX_AGE,
    keep: int = KEEP,
    now: datetime | None = None,
) -> BackupInfo | None:
    """The start-up backup: made when the newest backup of this SQLite database is older
    than ``max_age`` (or there is none) and the database holds anything to lose.

    Returns the new backup, or None when none was due (PostgreSQL, in-memory, recent
    backup, empty database). Never raises for a backup that cannot be written: the
    program starts anyway and the reason is logged.
    """
    path = db.sqlite_path
    if path is None:
        return None
    newest = next(iter(list_backups(folder, database=path.stem)), None)
    moment = now or datetime.now(UTC)
    if newest is not None and moment - newest.created < max_age:
        return None
    try:
        if not _holds_data(db):
            return None
        return make_backup(path, folder, reason="daily", keep=keep)
    except Exception:
        log.warning("start-up backup of %s failed", path, exc_info=True)
        return None


def _holds_data(db: Database) -> bool:
    with db.read() as s:
        return bool(s.scalar(select(exists(select(ArticleRow.id)) | exists(select(NoteRow.id)))))
