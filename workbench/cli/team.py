"""Commands for working as a team: a claim's history, moving a database up to the
team server, and watching colleagues' changes arrive."""

from __future__ import annotations

import argparse
import dataclasses
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench import paths
from workbench.cli.output import dump_json, excerpt, table
from workbench.domain import Event, NotFoundError, UserError
from workbench.services import Services
from workbench.services.migrate_db import MigrationResult, default_files, migrate
from workbench.services.sync import ChangeWatcher, RemoteChange
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore
from workbench.storage.schema import ensure_schema


def register(commands: Any) -> None:
    p = commands.add_parser("history", help="who did what to a claim, oldest first")
    p.add_argument("claim", type=int, metavar="CLAIM", help="claim id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=history)

    p = commands.add_parser(
        "migrate-db",
        help="copy a database into another, e.g. your personal one up to the team server",
        description="Copies articles, labels, claims, notes, attachments (rows and files), "
        "links and events with fresh ids; running it again copies only what is new. "
        "Prints counts and checksums and exits 1 if they do not match.",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="the database to copy (default: the one --db or WORKBENCH_DB names)",
    )
    p.add_argument("--to", dest="target", metavar="URL", required=True, help="where to copy")
    p.add_argument(
        "--from-files",
        type=Path,
        metavar="DIR",
        help="the source's file store (default: files/ in the data dir)",
    )
    p.set_defaults(handler=migrate_db)

    p = commands.add_parser("watch", help="print colleagues' changes as they arrive")
    p.add_argument("--seconds", type=float, default=0, help="stop after this long (0: never)")
    p.set_defaults(handler=watch)


# --- history ------------------------------------------------------------------------


def history(args: argparse.Namespace, services: Services) -> int:
    claim = services.claims.get(args.claim)
    events = services.claims.history(claim.id)
    if args.json:
        print(dump_json([dataclasses.asdict(e) for e in events]))
        return 0
    labels = {label.id: label.name for label in services.labels.all()}
    print(f"claim {claim.id}: {excerpt(claim.quote.exact, 70)}")
    rows = [[_when(e.at), e.actor, e.action, describe(e, labels, services)] for e in events]
    print(table(["when", "who", "what", "details"], rows))
    return 0


def describe(event: Event, labels: dict[int, str], services: Services) -> str:
    """One line saying what an event changed, with names instead of ids."""
    p = event.payload
    if event.action.startswith("link."):
        return (
            f"note {p.get('note_id')} {_note_title(services, p.get('note_id'))}({p.get('stance')})"
        )
    if event.action == "claim.edit":
        parts = []
        for field, change in p.items():
            pair = change if isinstance(change, list) and len(change) == 2 else ["", change]
            if field == "label_id":
                names = [labels.get(v, str(v)) if isinstance(v, int) else str(v) for v in pair]
                parts.append(f"label: {names[0]} → {names[1]}")
            else:
                parts.append(f"{field}: {_short(pair[0])} → {_short(pair[1])}")
        return "; ".join(parts) or "no change"
    if event.action.startswith("claim."):
        label = labels.get(p.get("label_id", -1), "?")
        extra = [f"{k}: {_short(p[k])}" for k in ("verdict", "claimant", "status") if p.get(k)]
        return " · ".join([label, *extra])
    return excerpt(", ".join(f"{k}: {v}" for k, v in p.items()), 80)


def _note_title(services: Services, note_id: object) -> str:
    if not isinstance(note_id, int):
        return ""
    try:
        return f"“{excerpt(services.notes.get(note_id).title, 40)}” "
    except NotFoundError:
        return "(deleted) "


def _short(value: object) -> str:
    return f"“{excerpt(value, 40)}”" if isinstance(value, str) else str(value)


def _when(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


# --- migrate-db ---------------------------------------------------------------------


def migrate_db(args: argparse.Namespace, services: Services) -> int:
    source = _open(args.source or services.db.url.render_as_string(hide_password=False))
    target = _open(args.target)
    try:
        home = paths.data_dir()
        result = migrate(
            source,
            target,
            source_files=FileStore(args.from_files or home / "files"),
            target_files=default_files(home, target),
            progress=lambda msg: print(f"… {msg}", flush=True),
        )
    finally:
        source.dispose()
        target.dispose()
    print_result(result)
    if result.missing_files:
        print(
            f"warning: {len(result.missing_files)} file(s) the source names are not in "
            f"{args.from_files or home / 'files'}; give the source's files folder with "
            "--from-files DIR and run again to copy them (rows copied before are kept)."
        )
    return 0 if result.ok else 1


def _open(url: str) -> Database:
    db = Database(url)
    if db.is_sqlite and (db.sqlite_path is None or not db.sqlite_path.is_file()):
        db.dispose()
        raise UserError(f"There is no database at {url}.")
    ensure_schema(db, backups=paths.backups_dir())
    return db


def print_result(result: MigrationResult) -> None:
    print(f"from {result.source}\n  to {result.target}")
    rows = [
        [
            t.name,
            t.source,
            t.copied,
            t.already,
            t.source_checksum[:12],
            t.target_checksum[:12],
            "ok" if t.ok else "MISMATCH",
        ]
        for t in [*result.tables, result.files]
    ]
    print(
        table(["table", "source", "copied", "already", "source sha256", "target sha256", ""], rows)
    )
    verdict = "counts and checksums match" if result.ok else "VERIFICATION FAILED"
    print(f"{result.copied} rows copied in {result.seconds:.2f} s; {verdict}.")


# --- watch --------------------------------------------------------------------------


def watch(args: argparse.Namespace, services: Services) -> int:
    watcher = ChangeWatcher(services.db)
    how = "woken by the server (LISTEN/NOTIFY)" if watcher.listening else "polling"
    print(f"watching {services.db.display_name}, {how}; Ctrl+C stops", flush=True)
    deadline = time.monotonic() + args.seconds if args.seconds > 0 else None
    try:
        while deadline is None or time.monotonic() < deadline:
            step = watcher.interval
            if deadline is not None:
                step = max(0.0, min(step, deadline - time.monotonic()))
            found = watcher.wait(step)
            if found is not None:
                who = found.source.actors if isinstance(found.source, RemoteChange) else set()
                parts = [
                    f"{name} {', '.join(map(str, sorted(ids)))}"
                    for name, ids in (
                        ("articles", found.articles),
                        ("claims", found.claims),
                        ("notes", found.notes),
                    )
                    if ids
                ]
                if found.labels:
                    parts.append("labels")
                stamp = datetime.now().strftime("%H:%M:%S")
                print(f"{stamp} {', '.join(sorted(who))}: {'; '.join(parts)}", flush=True)
            elif watcher.error:
                print(f"cannot reach the database: {watcher.error}", flush=True)
    finally:
        watcher.close()
    return 0
