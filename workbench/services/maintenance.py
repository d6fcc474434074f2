"""Check a database and its file store, and restore a database from a backup.

``check`` runs SQLite's ``integrity_check`` and ``foreign_key_check`` and compares the
content-addressed file store with the rows that point into it: files no row uses
(orphans: harmless, left by an import or attachment whose transaction did not commit)
and rows whose file is gone (missing: an article original or attachment lost).

``restore`` replaces a SQLite database with a backup, safely:

1. the backup is validated first: a SQLite file, intact, with the workbench's tables
   and a schema revision this build knows (an older one is upgraded on next start);
2. the current database is backed up (reason ``pre-restore``), so a restore can be
   undone by restoring that copy;
3. the current database must not be open anywhere else: SQLite only leaves WAL mode
   when no other connection holds the file, so a window or command still using it
   makes the restore stop with a message instead of pulling data from under it;
4. the backup's pages are copied in with SQLite's backup API, which writes the
   database in one journaled transaction: a crash midway leaves the old database.

Nothing here runs ``ensure_schema`` or opens services, so both work on a database
that is too damaged to open normally.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from workbench.domain import UserError
from workbench.services.backups import BackupInfo, list_backups, make_backup
from workbench.storage.backup import sqlite_uri
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore
from workbench.storage.models import ArticleRow, AttachmentRow
from workbench.storage.schema import alembic_config

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"alembic_version", "articles", "claims", "notes", "labels"})
ORPHAN_MIN_AGE_SECONDS = 3600
"""Orphaned files younger than this may belong to an import still being committed."""
INCOMING_PREFIX = ".incoming-"


@dataclass(frozen=True, slots=True)
class MissingFile:
    """A row whose file is not in the store."""

    kind: str
    """``article`` (the original file) or ``attachment``."""
    row_id: int
    owner_id: int
    """The article's id, or the note's id for an attachment."""
    file_name: str
    sha256: str

    def describe(self) -> str:
        if self.kind == "article":
            return f"article {self.row_id}: original file {self.file_name!r} ({self.sha256[:12]}…)"
        return (
            f"attachment {self.row_id} {self.file_name!r} of note {self.owner_id} "
            f"({self.sha256[:12]}…)"
        )


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``check`` found; ``ok`` is False for damage, missing files or broken links."""

    database: str
    integrity: tuple[str, ...] = ()
    """SQLite's integrity_check messages; empty when the database is intact."""
    foreign_keys: tuple[str, ...] = ()
    orphaned_files: tuple[Path, ...] = ()
    missing_files: tuple[MissingFile, ...] = ()
    leftovers: tuple[Path, ...] = ()
    """Half-written files a crash left in the store (``.incoming-*``)."""
    notes: tuple[str, ...] = ()
    """What could not be checked, e.g. integrity on PostgreSQL."""

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_keys or self.missing_files)

    def lines(self) -> list[str]:
        """The report as plain lines for the CLI."""
        out = [f"Database: {self.database}"]
        out.append("Integrity: ok" if not self.integrity else "Integrity: DAMAGED")
        out += [f"  {line}" for line in self.integrity[:20]]
        out.append("Foreign keys: ok" if not self.foreign_keys else "Foreign keys: BROKEN")
        out += [f"  {line}" for line in self.foreign_keys[:20]]
        out.append(
            "Files: all present" if not self.missing_files else "Files: MISSING for these rows"
        )
        out += [f"  {m.describe()}" for m in self.missing_files]
        if self.orphaned_files:
            out.append(
                f"Unused files: {len(self.orphaned_files)} in the store belong to no article "
                "or attachment (harmless; remove them with --remove-orphans)"
            )
            out += [f"  {p}" for p in self.orphaned_files[:20]]
        if self.leftovers:
            out.append(f"Half-written files left by a crash: {len(self.leftovers)}")
        out += self.notes
        return out


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    database: Path
    safety_backup: Path | None
    """The copy of the database as it was before the restore (None if there was none)."""
    revision: str
    counts: dict[str, int] = field(default_factory=dict)


# --- check -----------------------------------------------------------------------------


def check(db: Database, files: FileStore) -> CheckReport:
    """Integrity, foreign keys and the file store against the rows that use it."""
    path = db.sqlite_path
    if db.is_sqlite and path is not None and not path.is_file():
        raise UserError(f"There is no database at {path}; check the --db path.")
    notes: list[str] = []
    try:
        if db.is_sqlite:
            integrity = _integrity(db)
            foreign_keys = _foreign_keys(db)
        else:
            integrity, foreign_keys = (), ()
            notes.append("Integrity and foreign keys are kept by the PostgreSQL server.")
        if integrity and _unreadable(integrity):
            return CheckReport(db.display_name, integrity=integrity, notes=tuple(notes))
        missing, used = _files_in_use(db, files)
    except DBAPIError as err:
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        return CheckReport(db.display_name, integrity=(f"cannot be read: {reason}",))
    orphans: tuple[Path, ...] = ()
    leftovers: tuple[Path, ...] = ()
    if db.is_sqlite:  # on a team database the local store is only a cache
        orphans = tuple(sorted(files.path_for(h) for h in set(files.all_hashes()) - used))
        leftovers = tuple(sorted(files.root.glob(f"??/{INCOMING_PREFIX}*")))
    return CheckReport(
        db.display_name,
        integrity=integrity,
        foreign_keys=foreign_keys,
        orphaned_files=orphans,
        missing_files=missing,
        leftovers=leftovers,
        notes=tuple(notes),
    )


def remove_orphans(
    db: Database, files: FileStore, *, backups: Path | None = None, min_age: float | None = None
) -> list[Path]:
    """Delete orphaned files (and crash leftovers) older than ``min_age`` seconds.

    Files that a backup in ``backups`` still uses are kept, so restoring an older backup
    never finds its attachments gone. Refused on a database with missing files or
    damage: fix that first (a restore may need the files).
    """
    report = check(db, files)
    if not report.ok:
        raise UserError(
            "The database has problems (run 'workbench check'); unused files were kept."
        )
    keep = _hashes_in_backups(backups) if backups is not None else set()
    cutoff = time.time() - (ORPHAN_MIN_AGE_SECONDS if min_age is None else min_age)
    removed: list[Path] = []
    for path in (*report.orphaned_files, *report.leftovers):
        try:
            if path.name in keep or path.stat().st_mtime > cutoff:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _integrity(db: Database) -> tuple[str, ...]:
    with db.engine.connect() as conn:
        rows = [str(r[0]) for r in conn.execute(text("PRAGMA integrity_check"))]
    return () if rows == ["ok"] else tuple(rows)


def _foreign_keys(db: Database) -> tuple[str, ...]:
    with db.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA foreign_key_check")).all()
    return tuple(f"{r[0]} row {r[1]} points at a missing {r[2]} row" for r in rows)


def _unreadable(integrity: Iterable[str]) -> bool:
    return any(line.startswith("cannot be read") for line in integrity)


def _files_in_use(db: Database, files: FileStore) -> tuple[tuple[MissingFile, ...], set[str]]:
    """Rows whose file is missing, and every hash a row uses."""
    missing: list[MissingFile] = []
    used: set[str] = set()
    with db.read() as s:
        articles = s.execute(select(ArticleRow.id, ArticleRow.file_name, ArticleRow.sha256))
        for article_id, name, sha in articles:
            used.add(sha)
            if not _present(files, sha):
                missing.append(MissingFile("article", article_id, article_id, name, sha))
        attachments = s.execute(
            select(
                AttachmentRow.id,
                AttachmentRow.note_id,
                AttachmentRow.file_name,
                AttachmentRow.sha256,
            )
        )
        for attachment_id, note_id, name, sha in attachments:
            used.add(sha)
            if not _present(files, sha):
                missing.append(MissingFile("attachment", attachment_id, note_id, name, sha))
    return tuple(missing), used


def _present(files: FileStore, sha: str) -> bool:
    try:
        if files.has(sha):
            return True
    except ValueError:  # not even a hash
        return False
    in_database = getattr(files, "in_database", None)  # a team database keeps files itself
    return bool(in_database(sha)) if in_database is not None else False


def _hashes_in_backups(folder: Path) -> set[str]:
    hashes: set[str] = set()
    for info in list_backups(folder):
        try:
            conn = sqlite3.connect(sqlite_uri(info.path, mode="ro"), uri=True)
            try:
                for table in ("articles", "attachments"):
                    hashes.update(r[0] for r in conn.execute(_HASHES[table]))
            finally:
                conn.close()
        except sqlite3.Error:
            log.warning("could not read the file list of backup %s", info.path)
            continue
    return hashes


_HASHES = {
    "articles": "SELECT sha256 FROM articles",
    "attachments": "SELECT sha256 FROM attachments",
}


# --- restore ---------------------------------------------------------------------------


def validate_backup(source: Path) -> tuple[str, dict[str, int]]:
    """Refuse anything but an intact workbench database this build can open; returns
    its schema revision and its row counts (articles, claims, notes)."""
    name = f"“{source.name}”"
    try:
        with source.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as err:
        raise UserError(f"{name} cannot be read ({err.strerror or err}); check the path.") from None
    if header != SQLITE_HEADER:
        raise UserError(
            f"{name} is not a SQLite database. Choose a workbench backup (a .sqlite file "
            "in the backups folder); nothing was changed."
        )
    try:
        conn = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
    except sqlite3.Error as err:
        raise UserError(f"{name} cannot be opened ({err}); nothing was changed.") from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise UserError(
                f"{name} is damaged ({problems[0]}). Choose another backup; nothing was changed."
            )
        if not tables >= REQUIRED_TABLES:
            raise UserError(
                f"{name} is a SQLite database but not a Fact-check Workbench database. "
                "Choose a workbench backup; nothing was changed."
            )
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise UserError(
                f"{name} has claims or notes that point at missing records. Choose another "
                "backup; nothing was changed."
            )
        revision_row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = {
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "claims": conn.execute("SELECT count(*) FROM claims").fetchone()[0],
            "notes": conn.execute("SELECT count(*) FROM notes").fetchone()[0],
        }
    except sqlite3.DatabaseError as err:
        raise UserError(
            f"{name} is damaged ({err}). Choose another backup; nothing was changed."
        ) from None
    finally:
        conn.close()
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    revision = str(revision_row[0]) if revision_row else ""
    if revision not in known:
        raise UserError(
            f"{name} was written by a newer version of Fact-check Workbench (schema "
            f"{revision or 'unknown'}). Update the program first; nothing was changed."
        )
    return revision, counts


def restore(
    db_file: Path, source: Path, backups: Path, *, lock_timeout: float = 1.0
) -> RestoreResult:
    """Replace the SQLite database ``db_file`` with the backup ``source`` (see module doc).

    Raises ``UserError`` with what to do, leaving the database as it was, if the backup
    is not valid or the database is still open elsewhere.
    """
    source = source.expanduser()
    if db_file.exists() and source.resolve() == db_file.resolve():
        raise UserError(f"“{source.name}” is the database itself; choose a backup to restore.")
    revision, counts = validate_backup(source)
    safety: BackupInfo | None = None
    if db_file.exists():
        _ensure_not_in_use(db_file, lock_timeout)
        safety = _safety_copy(db_file, backups)
    db_file.parent.mkdir(parents=True, exist_ok=True)
    _copy_in(source, db_file, lock_timeout)
    log.info("restored %s from %s (safety copy %s)", db_file, source, safety and safety.path)
    return RestoreResult(source, db_file, safety.path if safety else None, revision, counts)


def _ensure_not_in_use(db_file: Path, lock_timeout: float) -> None:
    """Raise if another connection holds the database (SQLite keeps WAL mode then)."""
    try:
        conn = sqlite3.connect(db_file, timeout=lock_timeout, isolation_level=None)
    except sqlite3.Error:
        return  # not a database we can open: nobody else can be using it either
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise _in_use(db_file) from None
        return
    except sqlite3.DatabaseError:
        return  # damaged: nothing can be using it, and the restore will replace it
    finally:
        conn.close()
    if mode is None or str(mode[0]).lower() != "delete":
        raise _in_use(db_file)


def _in_use(db_file: Path) -> UserError:
    return UserError(
        f"The database {db_file} is still open in another window or command. Close the "
        "other workbench windows and commands, then restore again; nothing was changed."
    )


def _safety_copy(db_file: Path, backups: Path) -> BackupInfo:
    """Back the current database up; if it is too damaged for SQLite to copy, keep its
    raw files instead (``...-pre-restore.sqlite`` plus its ``-wal``)."""
    try:
        return make_backup(db_file, backups, reason="pre-restore")
    except sqlite3.DatabaseError:
        log.warning("current database cannot be backed up by SQLite; keeping its raw files")
    now = datetime.now(UTC)
    target = backups / f"{db_file.stem}-{now:%Y%m%dT%H%M%S%f}Z-pre-restore.sqlite"
    backups.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db_file, target)
    wal = db_file.with_name(db_file.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    size = target.stat().st_size
    return BackupInfo(target, now, size, "pre-restore", db_file.stem)


def _copy_in(source: Path, db_file: Path, lock_timeout: float) -> None:
    """Write the backup's pages into ``db_file`` in one SQLite transaction."""
    src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
    try:
        dst = sqlite3.connect(db_file, timeout=lock_timeout, isolation_level=None)
        try:
            dst.execute("PRAGMA journal_mode=DELETE").fetchone()
        except sqlite3.OperationalError as err:
            dst.close()
            if "locked" in str(err) or "busy" in str(err):
                raise _in_use(db_file) from None
            raise
        except sqlite3.DatabaseError:
            dst.close()
            _remove_damaged(db_file)
            dst = sqlite3.connect(db_file, timeout=lock_timeout, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL").fetchone()
            if dst.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise UserError(f"The restored database {db_file} did not pass its check.")
        finally:
            dst.close()
    finally:
        src.close()


def _remove_damaged(db_file: Path) -> None:
    """Delete a database SQLite cannot read (its raw copy is in the backups already)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        part = db_file.with_name(db_file.name + suffix)
        if part.exists():
            part.unlink()
