"""The bad-input corpus (``tests/data/bad/``) through the real command line.

Each file goes to ``python -m workbench --db sqlite:///... import FILE`` (the oversized
attachment to ``note add --attach``) in its own process, on its own copy of a database
that already holds an article, a claim and a note. A refused input must exit 1 with one
line on stderr that names the file and says what to do, no traceback, and leave the
database (every table, checksummed) and the file store exactly as they were. An input
that is really fine (UTF-16 without BOM, a 5 MB line, a hostile page once cleaned) is
imported as plain text. Every child's peak memory (``wait4`` rusage) stays under
``MAX_RSS_MB``; times are recorded and printed (``-s``), not asserted.

The runs are started together (three at a time) by a module fixture, and each case's
test then checks its own result.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_corpus import load_make_bad_inputs

from workbench.domain import NoteFields, Span, Stance, UserError
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services

MAX_RSS_MB = 400
WORKERS = 3
BAD = load_make_bad_inputs()
STORY: str = BAD.STORY


LAUNCHER = """
import os, sys
fd, argv = int(sys.argv[1]), [sys.executable, *sys.argv[2:]]
pid = os.posix_spawn(sys.executable, argv, os.environ)
_, status, usage = os.wait4(pid, 0)
os.write(fd, str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs the CLI and reports its peak RSS (KB). Linux keeps the parent's high-water mark
in a forked child's ``ru_maxrss`` across exec, so the CLI is started from this bare
interpreter (about 10 MB), not from pytest (hundreds of MB), to measure the CLI itself."""


@dataclass(frozen=True)
class Case:
    name: str
    refused: bool
    says: tuple[str, ...] = ()
    """Words the message must contain (what is wrong, what to do)."""
    command: str = "import"
    text_check: Callable[[str], None] | None = None


def _hostile_text_is_clean(text: str) -> None:
    lowered = text.lower()
    for needle in ("<script", "<iframe", "onerror", "onload", "javascript:", "http://", "alert("):
        assert needle not in lowered, needle
    assert "91 long-range drones" in text


def _utf16_exact(text: str) -> None:
    assert text.split("\n", 1)[1].startswith(STORY)
    assert "Übersetzt: Die Zahl wurde nicht bestätigt." in text


def _invalid_utf8_kept(text: str) -> None:
    body = text.split("\n", 1)[1]
    assert body.count("Der Minister sagte: „Wir haben Beweise“") == 6
    assert "\x00" not in text


def _malformed_read_as_text(text: str) -> None:
    assert "The ministry said 91 drones were launched overnight." in text
    body = text.split("\n", 1)[1]  # the title keeps "<b>" as the literal text it is
    for needle in ("<p", "<div", "<table", "<!--", "</"):
        assert needle not in body, needle


def _story(text: str) -> None:
    assert STORY in text


def _long_line(text: str) -> None:
    assert text.startswith("The ministry repeated that 91 drones")


CASES = (
    Case("empty.txt", True, ("empty", "import it again")),
    Case("png_renamed.txt", True, ("PNG image", "OCR")),
    Case("invalid_utf8.txt", False, text_check=_invalid_utf8_kept),
    Case("utf16_without_bom.txt", False, text_check=_utf16_exact),
    Case("big_50mb.txt", True, ("characters", "new file")),
    Case("long_line_5mb.txt", False, text_check=_long_line),
    Case("hostile.html", False, text_check=_hostile_text_is_clean),
    Case("malformed.html", False, text_check=_malformed_read_as_text),
    Case("truncated.pdf", True, ("incomplete", "again")),
    Case("encrypted.pdf", True, ("password", "Remove the protection")),
    Case("scan_without_text.pdf", True, ("no text layer", "OCR")),
    Case("zip_bomb.docx", True, ("unpack", "Ask the sender")),
    Case("zip_bomb_lying_sizes.docx", True, ("not a valid Word", "save it as .docx")),
    Case("not_a_zip.docx", True, ("not a valid Word", "save it as .docx")),
    Case(BAD.NON_LATIN_NAME, True, ("PNG image", "OCR")),
    Case(BAD.NEWLINE_NAME, True, ("PNG image", "OCR")),
    Case(BAD.NON_LATIN_GOOD_NAME, False, text_check=_story),
    Case("attachment_over_limit.bin", True, ("at most", "smaller copy"), command="attach"),
)


@dataclass(frozen=True)
class Run:
    case: Case
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    seconds: float
    before: dict[str, str]
    after: dict[str, str]
    article_text: str | None


def _snapshot(db_file: Path, home: Path) -> dict[str, str]:
    """A checksum per table (every row) and of the file store listing."""
    conn = sqlite3.connect(db_file)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        sums = {}
        for table in tables:
            digest = hashlib.sha256()
            quoted = table.replace('"', '""')
            # a table name read from sqlite_master, quoted: no outside text in this SQL
            rows = conn.execute(f'SELECT * FROM "{quoted}"').fetchall()
            for row in sorted(repr(r) for r in rows):
                digest.update(row.encode())
            sums[table] = digest.hexdigest()
    finally:
        conn.close()
    files = sorted(str(p.relative_to(home)) for p in (home / "files").rglob("*") if p.is_file())
    sums["(file store)"] = hashlib.sha256("\n".join(files).encode()).hexdigest()
    return sums


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database with an article, a claim and a note, closed (WAL folded in)."""
    root = tmp_path_factory.mktemp("template")
    services = open_services(f"sqlite:///{root / 'db.sqlite'}", data_dir=root / "home")
    try:
        article = services.articles.add(
            ImportedArticle(
                text=STORY, title="Drones", source_format="txt", original=STORY.encode()
            )
        )
        claim = services.claims.tag(
            article.id, Span(0, 52), services.labels.by_name("Allegation").id
        )
        note = services.notes.create(NoteFields(title="Statement"))
        services.notes.link(claim.id, note.id, Stance.SUPPORTS)
    finally:
        services.close()
    return root / "db.sqlite", root / "home"


def _run_one(case: Case, path: Path, template: tuple[Path, Path], work: Path) -> Run:
    work.mkdir(parents=True)
    db_file, home = work / "db.sqlite", work / "home"
    shutil.copyfile(template[0], db_file)
    shutil.copytree(template[1], home)
    before = _snapshot(db_file, home)
    url = f"sqlite:///{db_file}"
    if case.command == "attach":
        args = ["note", "add", "--title", "Too big", "--attach", str(path)]
    else:
        args = ["import", str(path)]
    env = dict(os.environ, WORKBENCH_HOME=str(home), WORKBENCH_USER="tester")
    started = time.monotonic()
    read_rss, write_rss = os.pipe()
    with (work / "out").open("wb") as out, (work / "err").open("wb") as err:
        proc = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(write_rss), "-m", "workbench", "--db", url, *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            pass_fds=(write_rss,),
            check=False,
        )
    os.close(write_rss)
    with os.fdopen(read_rss) as rss:
        peak_kb = int(rss.read() or 0)
    seconds = time.monotonic() - started
    text = None
    if proc.returncode == 0 and case.command == "import":
        conn = sqlite3.connect(db_file)
        text = conn.execute(
            "SELECT title || char(10) || text FROM articles ORDER BY id DESC"
        ).fetchone()[0]
        conn.close()
    return Run(
        case,
        proc.returncode,
        (work / "out").read_text(encoding="utf-8", errors="replace"),
        (work / "err").read_text(encoding="utf-8", errors="replace"),
        peak_kb / 1024,
        seconds,
        before,
        _snapshot(db_file, home),
        text,
    )


@pytest.fixture(scope="module")
def runs(
    bad_corpus: dict[str, Path],
    template: tuple[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Run]]:
    big_dir = tmp_path_factory.mktemp("big")
    corpus = {**bad_corpus, **BAD.make_big(big_dir)}
    root = tmp_path_factory.mktemp("runs")
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            futures = {
                case.name: pool.submit(
                    _run_one, case, corpus[case.name], template, root / f"case{index}"
                )
                for index, case in enumerate(CASES)
            }
            results = {name: future.result() for name, future in futures.items()}
    finally:
        shutil.rmtree(big_dir)  # the 50 MB file does not outlive the test
    print("\nbad inputs through the CLI (peak RSS of the child, wall time):")
    for run in results.values():
        outcome = "refused" if run.returncode == 1 else f"exit {run.returncode}"
        message = run.stderr.strip() or run.stdout.strip()
        figures = f"{run.peak_rss_mb:.0f} MB, {run.seconds:.1f} s"
        print(f"  {run.case.name!r}: {outcome}, {figures}: {message}")
    yield results


@pytest.mark.parametrize("case", CASES, ids=[c.name.replace("\n", "\\n") for c in CASES])
def test_bad_input_through_the_cli(case: Case, runs: dict[str, Run]) -> None:
    run = runs[case.name]
    assert "Traceback" not in run.stderr + run.stdout
    assert run.peak_rss_mb < MAX_RSS_MB
    if case.refused:
        assert run.returncode == 1, run.stdout + run.stderr
        lines = run.stderr.splitlines()
        assert len(lines) == 1, run.stderr
        message = lines[0]
        assert message.startswith("workbench: ")
        assert case.name.replace("\n", "\\n") in message
        for words in case.says:
            assert words in message
        assert "unexpected error" not in message
        assert run.after == run.before, "a refused input changed the database or file store"
    else:
        assert run.returncode == 0, run.stderr
        assert len(run.stdout.splitlines()) == 1
        assert run.stderr == ""
        changed = {t for t in run.before if run.before[t] != run.after[t]}
        assert {"articles", "events", "search_docs", "(file store)"} <= changed
        assert run.article_text is not None and case.text_check is not None
        case.text_check(run.article_text)


def test_one_session_survives_every_bad_input(bad_corpus: dict[str, Path], tmp_path: Path) -> None:
    """A long-running program (the window) gets a UserError for each refused file and
    carries on: afterwards the same services still import and tag."""
    services: Services = open_services(
        f"sqlite:///{tmp_path / 'db.sqlite'}", data_dir=tmp_path / "home"
    )
    try:
        refused = 0
        for case in CASES:
            if case.command != "import" or case.name not in bad_corpus:
                continue
            try:
                services.articles.import_file(bad_corpus[case.name])
            except UserError as err:
                assert case.refused, f"{case.name}: {err}"
                refused += 1
            else:
                assert not case.refused, case.name
        assert refused >= 10
        article = services.articles.add(
            ImportedArticle(text=STORY, title="After", source_format="txt", original=b"x")
        )
        services.claims.tag(article.id, Span(0, 10), services.labels.by_name("Allegation").id)
    finally:
        services.close()
