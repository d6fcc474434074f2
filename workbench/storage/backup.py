"""Copies of a SQLite database made with SQLite's online backup API (safe while in use)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of ``source`` at ``target``, even while another process writes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def timestamped_backup(source: Path, backups: Path, *, reason: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_sqlite(source, backups / f"{source.stem}-{stamp}-{reason}.sqlite")
