"""Commands that look after the database itself: backup, restore, check.

They run without opening the services (``opens_services=False``): opening would
migrate an older database and could fail on a damaged one, and these commands are
what a user reaches for exactly then.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench import paths
from workbench.domain import UserError
from workbench.services import maintenance
from workbench.services.backups import KEEP, list_backups, make_backup
from workbench.storage.blobs import DatabaseFileStore
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore


def register(commands: Any) -> None:
    p = commands.add_parser("backup", help="copy the database into the backups folder now")
    p.add_argument("--list", action="store_true", help="list the backups instead, newest first")
    p.add_argument("--keep", type=int, default=KEEP, help=f"manual backups kept (default {KEEP})")
    p.set_defaults(handler=backup, opens_services=False)

    p = commands.add_parser(
        "restore", help="replace the database with a backup (the current one is backed up)"
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a backup ('workbench backup --list')")
    p.set_defaults(handler=restore, opens_services=False)

    p = commands.add_parser(
        "check", help="check the database's integrity and that every stored file is there"
    )
    p.add_argument(
        "--remove-orphans",
        action="store_true",
        help="delete stored files nothing uses (kept if a backup uses them or they are new)",
    )
    p.set_defaults(handler=check, opens_services=False)


def _sqlite_file(args: argparse.Namespace, what: str) -> Path:
    db = Database(paths.database_url(args.db))
    try:
        path = db.sqlite_path
    finally:
        db.dispose()
    if path is None:
        raise UserError(
            f"'workbench {what}' works on a SQLite database file; a team (PostgreSQL) "
            "database is backed up and restored with the server's tools (pg_dump, pg_restore)."
        )
    return path


def backup(args: argparse.Namespace, _services: object) -> int:
    folder = paths.backups_dir()
    if args.list:
        found = list_backups(folder)
        for info in found:
            when = info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"{when}\t{info.size:>12,} bytes\t{info.reason}\t{info.path}")
        if not found:
            print(f"no backups in {folder}")
        return 0
    path = _sqlite_file(args, "backup")
    if not path.is_file():
        raise UserError(f"There is no database at {path} to back up; check the --db path.")
    info = make_backup(path, folder, reason="manual", keep=max(args.keep, 1))
    print(f"{info.path}\t{info.size:,} bytes")
    return 0


def restore(args: argparse.Namespace, _services: object) -> int:
    path = _sqlite_file(args, "restore")
    result = maintenance.restore(path, args.file, paths.backups_dir())
    counts = ", ".join(f"{n} {kind}" for kind, n in result.counts.items())
    print(f"Restored {result.database} from {result.restored_from} ({counts}).")
    if result.safety_backup is not None:
        print(f"The database as it was is kept in {result.safety_backup}.")
    return 0


def check(args: argparse.Namespace, _services: object) -> int:
    db = Database(paths.database_url(args.db))
    try:
        root = paths.files_dir()
        files = FileStore(root) if db.is_sqlite else DatabaseFileStore(root, db)
        report = maintenance.check(db, files)
        for line in report.lines():
            print(line)
        if args.remove_orphans:
            removed = maintenance.remove_orphans(db, files, backups=paths.backups_dir())
            print(f"Removed {len(removed)} unused files.")
    finally:
        db.dispose()
    return 0 if report.ok else 1
