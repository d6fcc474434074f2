"""Two processes writing to one SQLite file at the same time.

Both keep working (WAL, busy timeout, ``BEGIN IMMEDIATE`` in ``storage/db.py``): every
edit each reports is there and neither sees "database is locked". And no update is
lost: two processes editing one claim on the version they read get exactly one winner
per version; the loser is told with the winner's version. Editors are separate processes
forked from the fork server (``child_editor.py``), each with its own connections.
(Two-client conflicts step by step, on SQLite and PostgreSQL: ``tests/team``.)
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from crash_harness import ForkServer, KillReport, _Seen, prepare, verify

from workbench.domain import ClaimFields, ConflictError, NoteFields, Span
from workbench.services import open_services

EDITS_EACH = 150
ROUNDS_EACH = 60

Spawner = Callable[..., list[tuple[str, list[str], str]]]


@pytest.fixture
def run_together(fork_server: ForkServer, tmp_path: Path) -> Spawner:
    """Start editors that wait on a shared "go" file, release them at once, and return
    (actor, stdout lines, stderr) of each once all have finished."""

    def run(argvs: dict[str, list[str]]) -> list[tuple[str, list[str], str]]:
        go = tmp_path / "go"
        started = {}
        for actor, argv in argvs.items():
            out, err = tmp_path / f"{actor}.out", tmp_path / f"{actor}.err"
            pid = fork_server.spawn([*argv, "--go-file", str(go)], out, err)
            started[actor] = (pid, out, err)
        for _, out, _ in started.values():
            _wait_for(lambda out=out: out.exists() and out.read_text().startswith("ready"))
        go.touch()
        results = []
        for actor, (pid, out, err) in started.items():
            status = fork_server.reap(pid)
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, err.read_text()
            results.append((actor, out.read_text().splitlines(), err.read_text()))
        return results

    return run


def _wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "editor did not start"
        time.sleep(0.005)


def test_two_processes_tagging_at_once_both_land_everything(
    tmp_path: Path, run_together: Spawner
) -> None:
    url, home = prepare(tmp_path / "db")
    started = time.monotonic()
    results = run_together(
        {
            actor: ["edit", url, str(home), actor, "1", "--count", str(EDITS_EACH), "--ops", ops]
            for actor, ops in (("anna", "tag"), ("ben", "tag,note,link,edit"))
        }
    )
    seconds = time.monotonic() - started
    seen, report = _Seen(), KillReport()
    tagged: dict[str, list[int]] = {}
    for actor, lines, errors in results:
        assert lines[0] == "ready" and lines[-1] == "done", errors
        assert "locked" not in errors and "Traceback" not in errors, errors
        for line in lines[1:-1]:
            seen.add(line, report)
        tagged[actor] = [int(line.split()[1]) for line in lines if line.startswith("tag ")]
    assert len(tagged["anna"]) == EDITS_EACH
    assert verify(tmp_path / "db" / "crash.sqlite", home, seen) == []
    conn = sqlite3.connect(tmp_path / "db" / "crash.sqlite")
    claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    assert claims == len(tagged["anna"]) + len(tagged["ben"])
    assert not set(tagged["anna"]) & set(tagged["ben"])
    print(
        f"\ntwo writers: {sum(report.reported.values())} edits by two processes at once in "
        f"{seconds:.1f} s ({dict(report.reported)}), none lost, no 'database is locked'"
    )


def test_two_processes_editing_one_claim_lose_no_update(
    tmp_path: Path, run_together: Spawner
) -> None:
    url, home = prepare(tmp_path / "db")
    services = open_services(url, data_dir=home, actor="setup")
    label = services.labels.by_name("Allegation").id
    claim = services.claims.tag(1, Span(0, 52), label)
    results = run_together(
        {
            actor: ["conflict", url, str(home), actor, str(claim.id), str(ROUNDS_EACH)]
            for actor in ("anna", "ben")
        }
    )
    wins: dict[int, str] = {}
    losses = 0
    for _, lines, errors in results:
        assert "locked" not in errors and "Traceback" not in errors, errors
        for line in lines[1:-1]:
            kind, *rest = line.split(" ", 3)
            if kind == "won":
                version = int(rest[0])
                assert version not in wins, f"two winners for version {version}"
                wins[version] = rest[1]
            else:
                losses += 1
                expected, current = int(rest[0]), int(rest[1])
                assert current > expected  # told about the newer version
    assert len(wins) + losses == 2 * ROUNDS_EACH
    final = services.claims.get(claim.id)
    assert sorted(wins) == list(range(2, final.version + 1))  # every version has one author
    assert final.comment == wins[final.version]
    history = [
        e.payload["comment"][1]
        for e in services.claims.history(claim.id)
        if e.action == "claim.edit"
    ]
    assert history == [wins[v] for v in sorted(wins)]  # every accepted edit, in order
    services.close()
    print(f"\nno lost update: {len(wins)} accepted edits, {losses} told of a conflict")


def test_an_edit_on_a_stale_version_gets_the_current_one(tmp_path: Path) -> None:
    """The same claim and note open in two windows (two engines): the later save is
    refused with what the other window saved, and nothing is overwritten."""
    url = f"sqlite:///{tmp_path / 'two.sqlite'}"
    one = open_services(url, data_dir=tmp_path / "home", actor="anna")
    two = open_services(url, data_dir=tmp_path / "home", actor="ben")
    try:
        text = "The ministry said 91 drones were launched overnight."
        from workbench.importers.base import ImportedArticle

        article = one.articles.add(
            ImportedArticle(text=text, title="t", source_format="txt", original=text.encode())
        )
        claim = one.claims.tag(article.id, Span(0, len(text)), one.labels.by_name("Allegation").id)
        note = one.notes.create(NoteFields(title="Photo", body="first"))
        stale_claim, stale_note = two.claims.get(claim.id), two.notes.get(note.id)
        one.claims.edit(claim.id, ClaimFields(comment="anna"), expected_version=claim.version)
        one.notes.edit(note.id, NoteFields(body="anna"), expected_version=note.version)
        with pytest.raises(ConflictError, match="anna") as refused:
            two.claims.edit(
                claim.id, ClaimFields(comment="ben"), expected_version=stale_claim.version
            )
        assert getattr(refused.value.current, "version", None) == claim.version + 1
        assert getattr(refused.value.current, "comment", None) == "anna"
        with pytest.raises(ConflictError) as refused_note:
            two.notes.edit(note.id, NoteFields(body="ben"), expected_version=stale_note.version)
        assert getattr(refused_note.value.current, "body", None) == "anna"
        assert two.claims.get(claim.id).comment == "anna"
        assert json.dumps(two.notes.get(note.id).body) == '"anna"'
    finally:
        one.close()
        two.close()
