"""Rotating backups: made with SQLite's backup API while another process writes, daily at
start-up only when due, bounded per reason, complete or not there at all."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crash_harness import ForkServer, prepare

from workbench.domain import NoteFields
from workbench.services import open_services
from workbench.services.backups import (
    KEEP,
    backup_if_due,
    list_backups,
    make_backup,
    parse_backup,
    prune,
)
from workbench.storage.backup import PARTIAL_PREFIX, sqlite_uri
from workbench.storage.db import Database
from workbench.storage.schema import ensure_schema


def _checked(path: Path) -> int:
    """Integrity and foreign keys of a backup, read-only; returns its claim count."""
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        claims: int = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        return claims
    finally:
        conn.close()


def test_backups_while_another_process_writes_are_consistent(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    url, home = prepare(tmp_path / "db")
    db_file = tmp_path / "db" / "crash.sqlite"
    out, err = tmp_path / "writer.out", tmp_path / "writer.err"
    pid = fork_server.spawn(["edit", url, str(home), "writer", "7", "--ops", "tag,note"], out, err)
    try:
        while not out.exists() or out.read_text().count("\n") < 20:  # writing has begun
            time.sleep(0.01)
        counts = []
        for _ in range(5):
            info = make_backup(db_file, tmp_path / "backups")
            counts.append(_checked(info.path))
            time.sleep(0.05)
    finally:
        os.kill(pid, signal.SIGKILL)
        fork_server.reap(pid)
    assert counts == sorted(counts) and counts[-1] > counts[0]  # taken while claims grew
    assert "locked" not in err.read_text()
    assert not list((tmp_path / "backups").glob(f"{PARTIAL_PREFIX}*"))
    assert not list((tmp_path / "backups").glob("*-wal"))


def test_a_startup_backup_is_made_only_when_due_and_when_there_is_data(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    url = f"sqlite:///{tmp_path / 'workbench.sqlite'}"
    services = open_services(url, data_dir=tmp_path / "home")
    db = services.db
    assert backup_if_due(db, folder) is None  # empty: nothing to lose
    services.notes.create(NoteFields(title="Evidence"))
    first = backup_if_due(db, folder)
    assert first is not None and first.reason == "daily"
    assert backup_if_due(db, folder) is None  # a recent one exists
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    second = backup_if_due(db, folder, now=later)
    assert second is not None and second.path != first.path
    assert [b.path for b in list_backups(folder)] == [second.path, first.path]
    services.close()
    assert backup_if_due(Database("sqlite://"), folder) is None  # in memory


def test_open_services_backs_up_at_start_once_a_day(tmp_path: Path) -> None:
    url, home = f"sqlite:///{tmp_path / 'workbench.sqlite'}", tmp_path / "home"
    services = open_services(url, data_dir=home)
    services.notes.create(NoteFields(title="Evidence"))
    services.close()
    for _ in range(2):
        open_services(url, data_dir=home).close()
    (daily,) = list_backups(home / "backups")
    assert daily.reason == "daily" and daily.database == "workbench"
    assert _checked(daily.path) == 0


def test_rotation_keeps_the_newest_per_reason_and_clears_stale_partials(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'workbench.sqlite'}")
    ensure_schema(db)
    db.dispose()
    folder = tmp_path / "backups"
    migration = make_backup(db.sqlite_path or Path(), folder, reason="pre-migration")
    made = [make_backup(db.sqlite_path or Path(), folder, keep=KEEP) for _ in range(KEEP + 3)]
    manual = [b for b in list_backups(folder) if b.reason == "manual"]
    assert [b.path for b in manual] == [b.path for b in reversed(made[-KEEP:])]
    assert migration.path.exists()  # another reason, its own count
    stale = folder / f"{PARTIAL_PREFIX}crashed.sqlite"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = folder / f"{PARTIAL_PREFIX}in-progress.sqlite"
    fresh.write_bytes(b"writing")
    assert prune(folder, database="workbench") == [stale]
    assert fresh.exists()


def test_backup_names_parse_and_odd_paths_work(tmp_path: Path) -> None:
    plain = Database(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    ensure_schema(plain)
    plain.dispose()
    odd = tmp_path / "data #1 ?%20 100%"  # a URL would need these escaped; a path does not
    odd.mkdir()
    shutil.copyfile(tmp_path / "plain.sqlite", odd / "my-work.db.sqlite")
    info = make_backup(odd / "my-work.db.sqlite", odd / "backups")
    assert info.database == "my-work.db" and info.reason == "manual"
    assert parse_backup(info.path) == info
    assert parse_backup(odd / "backups" / "notes.txt") is None
    assert _checked(info.path) == 0
