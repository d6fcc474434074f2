"""Moving up: ``migrate-db`` copies a personal SQLite database (the bundled samples,
with edits, a team label, an attachment and a deleted claim) into another database,
idempotently, verified by counts and checksums; the JSON exports of every article from
both databases are the same apart from ids and the export time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench import cli
from workbench.domain import ClaimFields, LabelSpec, NoteFields, Stance
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.services.migrate_db import ENTITIES, count_rows, default_files, migrate
from workbench.services.samples import load_sample, sample_paths
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore
from workbench.storage.schema import ensure_schema


@pytest.fixture
def personal(tmp_path: Path, _isolated_home: Path) -> Iterator[Services]:
    """A fact-checker's own database in the default data dir, with real work in it."""
    svc = open_services(f"sqlite:///{tmp_path / 'personal.sqlite'}", actor="anna")
    for path in sample_paths():
        load_sample(svc.articles, svc.claims, svc.notes, svc.labels, name=path.stem)
    drone = next(a for a in svc.articles.summaries() if "rone" in a.title)
    claims = svc.claims.for_article(drone.id)
    disputed = svc.labels.create(LabelSpec("Disputed", "#c0392b", "3"))
    svc.claims.edit(claims[0].id, ClaimFields(label_id=disputed.id, comment="Two sources"))
    svc.claims.delete(claims[-1].id)
    photo = tmp_path / "wreckage.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg " * 100)
    note = svc.notes.create(NoteFields(title="Wreckage photo", body="Taken **Monday**"))
    svc.notes.attach(note.id, photo)
    svc.notes.link(claims[1].id, note.id, Stance.CONTRADICTS)
    yield svc
    svc.close()


def _target(url: str) -> Database:
    db = Database(url)
    ensure_schema(db)
    return db


def test_everything_is_copied_verified_and_a_second_run_copies_nothing(
    personal: Services, db_url: str, _isolated_home: Path
) -> None:
    target = _target(db_url)
    home = _isolated_home
    source_counts = count_rows(personal.db)
    assert source_counts["claims"] >= 5 and source_counts["events"] >= 20

    first = migrate(
        personal.db,
        target,
        source_files=FileStore(home / "files"),
        target_files=default_files(home, target),
    )
    assert first.ok, first
    assert {t.name: t.copied for t in first.tables if t.name != "labels"} == {
        e: n for e, n in source_counts.items() if e != "labels"
    }
    assert count_rows(target) == source_counts
    assert first.files.source == first.files.copied + first.files.already == 4
    assert first.missing_files == []

    second = migrate(
        personal.db,
        target,
        source_files=FileStore(home / "files"),
        target_files=default_files(home, target),
    )
    assert second.ok and second.copied == 0 and second.files.copied == 0
    assert [t.already for t in second.tables] == [source_counts[e] for e in ENTITIES]
    assert [t.target_checksum for t in second.tables] == [t.target_checksum for t in first.tables]
    assert count_rows(target) == source_counts
    target.dispose()


def test_the_json_exports_from_both_databases_are_identical_but_for_ids(
    personal: Services, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source_url = personal.db.url.render_as_string(hide_password=False)
    # A colleague's work is already on the team database: ids cannot be kept.
    team = open_services(db_url, data_dir=tmp_path / "ben", actor="ben")
    text = "A colleague's article, imported first."
    team.articles.add(
        ImportedArticle(text=text, title="Ben's", source_format="txt", original=text.encode())
    )
    team.close()

    assert cli.main(["--db", source_url, "migrate-db", "--to", db_url]) == 0
    out = capsys.readouterr().out
    assert "counts and checksums match" in out
    assert cli.main(["--db", source_url, "migrate-db", "--to", db_url]) == 0
    assert "0 rows copied" in capsys.readouterr().out

    target = open_services(db_url, data_dir=tmp_path / "carla", actor="carla")
    try:
        theirs = {a.title: a.id for a in target.articles.summaries()}
        assert "Ben's" in theirs
        for mine in personal.articles.summaries():
            assert theirs[mine.title] != mine.id or mine.title == "Ben's"
            a = _export(source_url, mine.id, tmp_path / f"a{mine.id}.json")
            b = _export(db_url, theirs[mine.title], tmp_path / f"b{mine.id}.json")
            assert a == b, mine.title
        # The attachment opens from the target, on a team database on any machine.
        (usage,) = [u for u in target.notes.library() if u.note.title == "Wreckage photo"]
        (attachment,) = usage.note.attachments
        files = target.notes if not target.db.is_sqlite else personal.notes
        assert files.attachment_path(attachment).read_bytes().startswith(b"\xff\xd8")
    finally:
        target.close()


def test_history_lines_name_who_did_what(
    personal: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    drone = next(a for a in personal.articles.summaries() if "rone" in a.title)
    claim = personal.claims.for_article(drone.id)[0]
    url = personal.db.url.render_as_string(hide_password=False)
    assert cli.main(["--db", url, "--user", "ben", "history", str(claim.id)]) == 0
    out = capsys.readouterr().out
    assert "claim.create" in out and "claim.edit" in out and "anna" in out
    assert "label: Allegation → Disputed" in out
    assert cli.main(["--db", url, "history", str(claim.id), "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    actions = [e["action"] for e in events]
    assert actions[0] == "claim.create" and actions[-1] == "claim.edit"
    assert {e["actor"] for e in events} == {"anna"}


def _export(url: str, article_id: int, path: Path) -> Any:
    argv = ["--db", url, "export", str(article_id), "--format", "json", "-o", str(path)]
    assert cli.main(argv) == 0
    return _without_ids(json.loads(path.read_text("utf-8")))


def _without_ids(value: Any) -> Any:
    """The dump with every id (and the export time) left out; everything else compared."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if not _is_id(k, v)}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _is_id(key: str, value: Any) -> bool:
    if key in {"id", "exported_at"} or key.endswith(("_id", "_ids")):
        return True
    # article.delete events list the claim ids they took with them
    return key == "claims" and isinstance(value, list) and all(isinstance(v, int) for v in value)
