"""Kill a scripted editor with SIGKILL at random moments and check that nothing is lost.

Used by ``test_crash_safety.py`` (20+ kills in ``make test``) and ``benchmarks/soak.py``
(200 kills, ``make soak``). Each round forks an editor (``child_editor.py edit``) from a
fork server, lets it work for a random time (seeded), kills it with SIGKILL and then
checks, on the database file with plain ``sqlite3``:

* ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` finds nothing;
* every edit any editor reported as committed, in this round or any earlier one, is
  there (claims, comment edits by their event and version, notes, links, attachments);
* no row points at a file missing from the file store (``maintenance.check``).

Edits that committed but were not reported (the kill fell between the commit and the
print) are counted: they show kills land right after commits too.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
CHILD = HERE / "child_editor.py"
STORY = (
    "The ministry said 91 drones were launched overnight. None of them reached the "
    "residence, according to the statement. The figure could not be verified. "
    "Officials did not say what the evidence consisted of. An analyst said the claim "
    "could not be assessed until the material was public. The embassy confirmed a "
    "meeting took place on Tuesday."
)
STARTUP_KILLS = 0.2
"""Share of kills aimed at start-up (opening, migrating check, backup) rather than edits."""


@dataclass
class KillReport:
    kills: int = 0
    reported: Counter[str] = field(default_factory=Counter)
    """Committed edits the editors reported, by kind; every one was found again."""
    unreported: Counter[str] = field(default_factory=Counter)
    """Committed edits found in the database that no editor had reported yet."""
    killed_before_first_edit: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        reported = ", ".join(f"{n} {kind}" for kind, n in sorted(self.reported.items()))
        unreported = sum(self.unreported.values())
        return (
            f"{self.kills} kills in {self.seconds:.1f} s: integrity and foreign keys ok after "
            f"every kill; {sum(self.reported.values())} reported edits all present "
            f"({reported}); {unreported} more committed just before a kill; "
            f"{self.killed_before_first_edit} kills before the first edit; "
            f"{len(self.problems)} problems"
        )


class ForkServer:
    """``child_editor.py serve`` in a subprocess: forks ready-imported editors."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        out: IO[str] | None = self.proc.stdout
        assert out is not None
        line = out.readline()
        if not line:
            raise RuntimeError("the fork server died")
        return line.strip()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(json.dumps(request) + "\n")
        stdin.flush()
        answer: dict[str, Any] = json.loads(self._read())
        return answer

    def spawn(self, argv: list[str], out: Path, err: Path) -> int:
        pid: int = self._ask({"argv": argv, "out": str(out), "err": str(err)})["pid"]
        return pid

    def reap(self, pid: int) -> int:
        status: int = self._ask({"reap": pid})["status"]
        return status

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def prepare(workdir: Path) -> tuple[str, Path]:
    """A database with one article (six sentences) and its data dir."""
    from workbench.importers.base import ImportedArticle
    from workbench.services import open_services

    home = workdir / "home"
    url = f"sqlite:///{workdir / 'crash.sqlite'}"
    services = open_services(url, data_dir=home, actor="setup")
    try:
        services.articles.add(
            ImportedArticle(
                text=STORY, title="Drones", source_format="txt", original=STORY.encode()
            )
        )
    finally:
        services.close()
    return url, home


@dataclass
class _Seen:
    """What the editors reported so far."""

    claims: set[int] = field(default_factory=set)
    edits: dict[str, tuple[int, int]] = field(default_factory=dict)
    """marker -> (claim id, version)"""
    notes: dict[int, str] = field(default_factory=dict)
    links: set[tuple[int, int]] = field(default_factory=set)
    attachments: dict[int, str] = field(default_factory=dict)

    def add(self, line: str, report: KillReport) -> None:
        kind, *rest = line.split(" ")
        if kind == "tag":
            self.claims.add(int(rest[0]))
        elif kind == "edit":
            self.edits[rest[2]] = (int(rest[0]), int(rest[1]))
        elif kind == "note":
            self.notes[int(rest[0])] = rest[1]
        elif kind == "link":
            self.links.add((int(rest[0]), int(rest[1])))
        elif kind == "attach":
            self.attachments[int(rest[1])] = rest[2]
        else:
            return
        report.reported[kind] += 1


def verify(db_file: Path, home: Path, seen: _Seen, report: KillReport | None = None) -> list[str]:
    """Problems found in the database after a kill (empty: all is well)."""
    problems: list[str] = []
    conn = sqlite3.connect(db_file, timeout=10)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:3]}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(f"foreign_key_check: {broken[:3]}")
        claims = dict(conn.execute("SELECT id, version FROM claims").fetchall())
        notes = dict(conn.execute("SELECT id, title FROM notes").fetchall())
        links = set(conn.execute("SELECT claim_id, note_id FROM claim_notes").fetchall())
        attachments = dict(conn.execute("SELECT id, sha256 FROM attachments").fetchall())
        edited = {
            json.loads(payload).get("comment", [None, None])[1]
            for (payload,) in conn.execute("SELECT payload FROM events WHERE action='claim.edit'")
        }
    finally:
        conn.close()
    problems += [f"claim {c} reported but missing" for c in seen.claims - claims.keys()]
    for marker, (claim_id, version) in seen.edits.items():
        if marker not in edited or claims.get(claim_id, 0) < version:
            problems.append(f"edit {marker} of claim {claim_id} (v{version}) lost")
    problems += [
        f"note {n} reported but missing" for n, t in seen.notes.items() if notes.get(n) != t
    ]
    problems += [f"link {pair} reported but missing" for pair in seen.links - links]
    problems += [
        f"attachment {a} reported but missing"
        for a, sha in seen.attachments.items()
        if attachments.get(a) != sha
    ]
    problems += _missing_files(db_file, home)
    if report is not None:
        report.unreported["tag"] = len(claims.keys() - seen.claims)
        report.unreported["note"] = len(notes.keys() - seen.notes.keys())
        report.unreported["link"] = len(links - seen.links)
        report.unreported["attach"] = len(attachments.keys() - seen.attachments.keys())
        report.unreported["edit"] = len(edited - seen.edits.keys() - {None})
    return problems


def _missing_files(db_file: Path, home: Path) -> list[str]:
    from workbench.services.maintenance import check
    from workbench.storage.db import Database
    from workbench.storage.filestore import FileStore

    db = Database(f"sqlite:///{db_file}")
    try:
        found = check(db, FileStore(home / "files"))
    finally:
        db.dispose()
    return [f"missing file: {m.describe()}" for m in found.missing_files]


def _wait_ready(out: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().startswith(b"ready"):
            return
        time.sleep(0.005)


def run_kills(
    workdir: Path,
    kills: int,
    *,
    seed: int = 20261125,
    max_delay: float = 0.5,
    progress: Callable[[str], None] | None = None,
) -> KillReport:
    """Prepare a database, then ``kills`` rounds of fork, edit, SIGKILL, verify."""
    started = time.monotonic()
    workdir.mkdir(parents=True, exist_ok=True)
    url, home = prepare(workdir)
    db_file = workdir / "crash.sqlite"
    rng = random.Random(seed)
    seen = _Seen()
    report = KillReport()
    env = dict(os.environ, WORKBENCH_HOME=str(home))
    with ForkServer(env) as server:
        for round_no in range(kills):
            out, err = workdir / f"run-{round_no}.out", workdir / f"run-{round_no}.err"
            argv = ["edit", url, str(home), f"editor{round_no % 3}", str(round_no)]
            pid = server.spawn(argv, out, err)
            if rng.random() < STARTUP_KILLS:  # while it opens the database (and backs it up)
                time.sleep(rng.uniform(0.0, 0.2))
            else:  # while it edits
                _wait_ready(out)
                time.sleep(rng.uniform(0.0, max_delay))
            os.kill(pid, signal.SIGKILL)
            status = server.reap(pid)
            report.kills += 1
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                report.problems.append(f"round {round_no}: editor ended by itself ({status})")
            lines = out.read_text().splitlines()
            edits = [line for line in lines if line not in ("ready", "done")]
            if not edits:
                report.killed_before_first_edit += 1
            for line in edits:
                seen.add(line, report)
            problems = verify(db_file, home, seen, report)
            report.problems += [f"round {round_no}: {p}" for p in problems]
            errors = err.read_text()
            if "Traceback" in errors:
                report.problems.append(f"round {round_no}: editor failed: {errors[-500:]}")
            out.unlink()
            err.unlink()
            if progress is not None and (round_no + 1) % 10 == 0:
                progress(f"{round_no + 1} kills, {sum(report.reported.values())} edits checked")
    report.seconds = time.monotonic() - started
    return report
