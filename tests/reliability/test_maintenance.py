"""``workbench check`` and ``workbench restore``: what check finds, and a restore that
validates first, keeps the database it replaces, and never runs under another user."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from workbench import cli
from workbench.domain import NoteFields, Span, UserError
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.services.backups import list_backups, make_backup
from workbench.services.maintenance import check, remove_orphans, restore, validate_backup
from workbench.storage.db import Database

STORY = "The ministry said 91 drones were launched overnight. None reached the residence."


@pytest.fixture
def services(_isolated_home: Path) -> Iterator[Services]:
    """Services on the default database in the (test's own) data dir, as the CLI sees it."""
    svc = open_services(None)
    article = svc.articles.add(
        ImportedArticle(text=STORY, title="Drones", source_format="txt", original=STORY.encode())
    )
    svc.claims.tag(article.id, Span(0, 52), svc.labels.by_name("Allegation").id)
    yield svc
    svc.close()


def _db_file(services: Services) -> Path:
    path = services.db.sqlite_path
    assert path is not None
    return path


def _digest(path: Path) -> str:
    """The database's content (all rows), whatever the file layout."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_check_finds_an_orphaned_file_and_a_missing_attachment(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8\xff photo of the wreckage")
    note = services.notes.create(NoteFields(title="Wreckage"))
    attachment = services.notes.attach(note.id, source)
    assert check(services.db, services.ctx.files).ok

    services.ctx.files.path_for(attachment.sha256).unlink()  # lost from the store
    orphan_sha = services.ctx.files.put_bytes(b"left by an import that did not commit")
    report = check(services.db, services.ctx.files)
    assert not report.ok
    assert [(m.kind, m.row_id, m.file_name) for m in report.missing_files] == [
        ("attachment", attachment.id, "photo.jpg")
    ]
    assert report.orphaned_files == (services.ctx.files.path_for(orphan_sha),)
    assert report.integrity == () and report.foreign_keys == ()

    services.close()
    assert cli.main(["check"]) == 1
    printed = capsys.readouterr().out
    assert "Integrity: ok" in printed and "Foreign keys: ok" in printed
    assert f"attachment {attachment.id} 'photo.jpg' of note {note.id}" in printed
    assert orphan_sha in printed


def test_check_reports_broken_links_and_damage_without_a_traceback(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_file(services)
    services.close()
    conn = sqlite3.connect(path)  # foreign keys are off in a bare connection
    conn.execute(
        "INSERT INTO claim_notes (claim_id, note_id, stance, created_at, created_by) "
        "VALUES (1, 999, 'supports', '2026-01-01', 'x')"
    )
    conn.commit()
    conn.close()
    db = Database(f"sqlite:///{path}")
    report = check(db, services.ctx.files)
    db.dispose()
    assert report.foreign_keys == ("claim_notes row 1 points at a missing notes row",)

    with path.open("r+b") as f:  # overwrite the middle of the file with garbage
        f.seek(4096)
        f.write(os.urandom(8192))
    assert cli.main(["check"]) == 1
    out, err = capsys.readouterr()
    assert "Integrity: DAMAGED" in out
    assert "Traceback" not in out + err


def test_remove_orphans_keeps_young_files_and_those_a_backup_still_uses(
    services: Services, tmp_path: Path
) -> None:
    files = services.ctx.files
    old = files.put_bytes(b"old orphan")
    young = files.put_bytes(b"young orphan")
    source = tmp_path / "kept.txt"
    source.write_bytes(b"attached, then detached; a backup still has it")
    note = services.notes.create(NoteFields(title="n"))
    attachment = services.notes.attach(note.id, source)
    backups = tmp_path / "backups"
    make_backup(_db_file(services), backups)
    services.notes.detach(attachment.id)
    an_hour_ago = time.time() - 7200
    for sha in (old, attachment.sha256):
        os.utime(files.path_for(sha), (an_hour_ago, an_hour_ago))
    removed = remove_orphans(services.db, files, backups=backups)
    assert removed == [files.path_for(old)]
    assert files.has(young) and files.has(attachment.sha256)


def test_restore_brings_a_backup_back_and_keeps_what_it_replaced(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _db_file(services)
    assert cli.main(["backup"]) == 0
    backup_path = Path(capsys.readouterr().out.split("\t")[0])
    services.notes.create(NoteFields(title="Written after the backup"))
    after_backup = len(services.notes.library())
    services.close()
    before_restore = _digest(path)

    assert cli.main(["restore", str(backup_path)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "1 articles, 1 claims, 0 notes" in out
    reopened = open_services(None)
    assert reopened.notes.library() == []
    assert len(reopened.claims.for_article(1)) == 1
    assert check(reopened.db, reopened.ctx.files).ok
    reopened.close()

    # the database as it was is one restore away
    safety = next(b for b in list_backups(path.parent / "backups") if b.reason == "pre-restore")
    assert _digest(safety.path) == before_restore
    restore(path, safety.path, path.parent / "backups")
    again = open_services(None)
    assert len(again.notes.library()) == after_backup
    again.close()


@pytest.mark.parametrize("kind", ["not sqlite", "other sqlite", "damaged", "newer", "itself"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(
    services: Services, tmp_path: Path, kind: str
) -> None:
    path = _db_file(services)
    services.close()
    candidate = tmp_path / "candidate.sqlite"
    if kind == "not sqlite":
        candidate.write_text("hello")
    elif kind == "other sqlite":
        conn = sqlite3.connect(candidate)
        conn.execute("CREATE TABLE things (x)")
        conn.close()
    elif kind in ("damaged", "newer"):
        make_backup(path, tmp_path).path.rename(candidate)
        conn = sqlite3.connect(candidate)
        if kind == "newer":
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
            conn.commit()
        conn.close()
        if kind == "damaged":
            with candidate.open("r+b") as f:
                f.seek(4096 * 3)
                f.write(b"\x00\xff" * 4096)
    else:
        candidate = path
    before = _digest(path)
    messages = {
        "not sqlite": "not a SQLite database",
        "other sqlite": "not a Fact-check Workbench database",
        "damaged": "damaged",
        "newer": "newer version",
        "itself": "the database itself",
    }
    with pytest.raises(UserError, match=messages[kind]):
        restore(path, candidate, tmp_path / "backups")
    assert _digest(path) == before
    assert not (tmp_path / "backups").exists()  # refused before any copy was made


def test_restore_waits_for_the_other_window_to_close(services: Services, tmp_path: Path) -> None:
    """Another process holding the database (an open window) stops the restore."""
    path = _db_file(services)
    backup = make_backup(path, tmp_path / "b").path
    services.notes.create(NoteFields(title="Newer"))
    services.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('PRAGMA journal_mode=WAL'); c.execute('SELECT 1 FROM notes').fetchall(); "
            "print('open', flush=True); sys.stdin.readline()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        before = _digest(path)
        with pytest.raises(UserError, match="still open in another window"):
            restore(path, backup, tmp_path / "backups", lock_timeout=0.2)
        assert _digest(path) == before
    finally:
        holder.communicate("\n", timeout=30)
    restore(path, backup, tmp_path / "backups")  # closed: now it goes through
    db = Database(f"sqlite:///{path}")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM notes")).scalar() == 0
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    db.dispose()


def test_restore_replaces_an_unreadable_database(services: Services, tmp_path: Path) -> None:
    path = _db_file(services)
    backup = make_backup(path, tmp_path / "b").path
    services.close()
    path.write_bytes(b"this is no longer a database" * 100)
    result = restore(path, backup, tmp_path / "backups")
    assert result.safety_backup is not None
    assert result.safety_backup.read_bytes().startswith(b"this is no longer")  # raw copy kept
    validate_backup(path)  # a sound workbench database again


def test_check_on_either_backend_finds_a_lost_attachment(db_url: str, tmp_path: Path) -> None:
    """On a team database a file counts as present while the database still holds it
    (the local store is only a cache); integrity is the server's business there."""
    svc = open_services(db_url, data_dir=tmp_path / "home")
    try:
        source = tmp_path / "memo.pdf"
        source.write_bytes(b"%PDF-1.4 the leaked memo")
        note = svc.notes.create(NoteFields(title="Memo"))
        attachment = svc.notes.attach(note.id, source)
        svc.ctx.files.path_for(attachment.sha256).unlink()  # not on this machine
        report = check(svc.db, svc.ctx.files)
        assert report.ok == (not svc.db.is_sqlite)  # the team database still has it
        if not svc.db.is_sqlite:
            assert report.notes and report.orphaned_files == ()
            with svc.db.engine.begin() as conn:
                conn.execute(text("DELETE FROM blobs WHERE sha256 = :s"), {"s": attachment.sha256})
            report = check(svc.db, svc.ctx.files)
        assert [m.row_id for m in report.missing_files] == [attachment.id]
    finally:
        svc.close()


def test_backup_list_and_team_databases_on_the_command_line(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    services.close()
    assert cli.main(["backup", "--list"]) == 0
    assert "no backups" in capsys.readouterr().out
    assert cli.main(["backup"]) == 0
    capsys.readouterr()
    assert cli.main(["backup", "--list"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "\tmanual\t" in line and line.endswith("-manual.sqlite")
    team = "postgresql+psycopg://someone@127.0.0.1:1/team"  # never connected to
    for command in (["backup"], ["restore", "x.sqlite"]):
        assert cli.main(["--db", team, *command]) == 1
        err = capsys.readouterr().err
        assert "pg_dump" in err and len(err.splitlines()) == 1
