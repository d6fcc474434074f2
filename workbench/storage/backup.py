"""Copies of a SQLite database made with SQLite's online backup API (safe while in use).

A copy is written to a hidden temporary file beside the target, flushed to disk and
only then renamed to its name, so a crash or a full disk never leaves a half-written
file that looks like a backup.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

PARTIAL_PREFIX = ".partial-"
"""Name prefix of a copy being written (left behind only by a crash mid-copy)."""


def sqlite_uri(path: Path, **params: str) -> str:
    """A ``file:`` URI for ``path`` (``?``, ``#`` and ``%`` in names are escaped)."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(str(path))}" + (f"?{query}" if query else "")


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of ``source`` at ``target``, even while another process writes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=PARTIAL_PREFIX, suffix=".sqlite")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # One self-contained file: readable without -wal/-shm files beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def timestamped_backup(source: Path, backups: Path, *, reason: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_sqlite(source, backups / f"{source.stem}-{stamp}-{reason}.sqlite")
