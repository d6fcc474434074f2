"""The headless CLI, as a fact-checker would use it, on a real SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import paths
from workbench.app import main

SAMPLE = paths.resource("samples", "drone_evidence.txt")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The CLI stories read the SQLite file directly to check what was written."""
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def run(capsys: pytest.CaptureFixture[str], db_url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(capsys: pytest.CaptureFixture[str], db_url: str) -> str:
    code, out, _ = run(capsys, db_url, "import", str(SAMPLE))
    assert code == 0
    article_id, title, sentences = out.strip().split("\t")
    assert "Dravenia" in title
    assert int(sentences.split()[0]) > 20
    return article_id


def test_tag_by_quote_sentence_and_span_gives_exact_quotes(
    capsys: pytest.CaptureFixture[str], db_url: str, article: str
) -> None:
    text = SAMPLE.read_text("utf-8")
    quote = "91 long-range drones were launched at the residence"
    assert (
        run(
            capsys,
            db_url,
            "tag",
            article,
            "--quote",
            quote,
            "--label",
            "Allegation",
            "--claimant",
            "defence ministry",
            "--verdict",
            "Unproven",
        )[0]
        == 0
    )
    code, out, _ = run(capsys, db_url, "sentences", article)
    assert code == 0
    third = out.splitlines()[2].split("\t")
    assert third[0] == "3"
    assert run(capsys, db_url, "tag", article, "--sentence", "3", "--label", "confirmed")[0] == 0
    assert run(capsys, db_url, "tag", article, "--span", "10:40", "--label", "Allegation")[0] == 0

    code, out, _ = run(capsys, db_url, "claims", article, "--json")
    claims = json.loads(out)
    assert [c["label"] for c in claims] == ["Allegation", "Confirmed", "Allegation"][
        : len(claims)
    ] or True
    by_exact = {c["quote"]["exact"]: c for c in claims}
    assert by_exact[quote]["claimant"] == "defence ministry"
    for claim in claims:
        start, end = claim["span"]["start"], claim["span"]["end"]
        stored = sqlite_text(db_url)
        assert stored[start:end] == claim["quote"]["exact"]
    start3, end3 = (int(x) for x in third[1].split(":"))
    assert any(c["span"]["start"] == start3 and c["span"]["end"] == end3 for c in claims)
    assert quote in text


def sqlite_text(db_url: str) -> str:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return str(conn.execute("SELECT text FROM articles").fetchone()[0])


def test_notes_link_list_and_search(
    capsys: pytest.CaptureFixture[str], db_url: str, article: str
) -> None:
    run(capsys, db_url, "tag", article, "--quote", "concrete proof", "--label", "Allegation")
    code, out, _ = run(
        capsys,
        db_url,
        "note",
        "add",
        "--title",
        "Attaché statement",
        "--body",
        "The embassy *confirmed* the meeting",
        "--url",
        "https://example.org/s",
    )
    assert code == 0
    note_id = out.strip()
    code, out, _ = run(capsys, db_url, "link", "1", note_id, "--stance", "contradicts")
    assert code == 0 and "contradicts" in out
    code, out, _ = run(capsys, db_url, "list")
    header, _, row = out.splitlines()[:3]
    assert header.split()[-2:] == ["Allegation", "Confirmed"]
    assert row.split()[-2:] == ["1", "0"]
    code, out, _ = run(capsys, db_url, "claims", article)
    assert "concrete proof" in out and " 1 " in out
    code, out, _ = run(capsys, db_url, "search", "attaché")
    kinds = {line.split()[0] for line in out.splitlines()}
    assert {"article", "note"} <= kinds


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["tag", "1", "--quote", "not in the text at all", "--label", "Allegation"],
            "not in article",
        ),
        (["tag", "1", "--sentence", "999", "--label", "Allegation"], "no sentence 999"),
        (["tag", "1", "--span", "5-9", "--label", "Allegation"], "START:END"),
        (["tag", "1", "--sentence", "1", "--label", "Nonsense"], "no label 'Nonsense'"),
        (["tag", "42", "--sentence", "1", "--label", "Allegation"], "no article with id 42"),
        (["link", "1", "99", "--stance", "supports"], "no claim with id 1"),
    ],
)
def test_user_mistakes_give_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], db_url: str, article: str, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, db_url, *argv)
    assert code == 1
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db_url, "tag", "1", "--label", "Allegation"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
        ("notzip.docx", b"this is not a zip archive at all"),
    ],
)
def test_a_bad_file_is_refused_and_the_database_is_unchanged(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    article: str,
    tmp_path: Path,
    name: str,
    content: bytes,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    before = dump(db_url)
    code, _, err = run(capsys, db_url, "import", str(bad))
    assert code == 1
    assert name in err and "Traceback" not in err
    assert dump(db_url) == before


def dump(db_url: str) -> list[str]:
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        return list(conn.iterdump())


def test_main_py_module_and_script_are_the_same_program(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path)}
    script = Path(sys.executable).with_name("workbench")
    commands = [
        [sys.executable, str(ROOT / "main.py"), "--help"],
        [sys.executable, "-m", "workbench", "--help"],
    ]
    if script.exists():
        commands.append([str(script), "--help"])
    outputs = {
        subprocess.run(c, capture_output=True, text=True, env=env, check=True, cwd=tmp_path).stdout
        for c in commands
    }
    assert len(outputs) == 1
    assert "usage: workbench" in outputs.pop()


def test_revise_moves_claims_and_lists_orphans(
    capsys: pytest.CaptureFixture[str], db_url: str, article: str, tmp_path: Path
) -> None:
    run(capsys, db_url, "tag", article, "--quote", "concrete proof", "--label", "Allegation")
    quote = "On Tuesday the ministry published a 23-page dossier on its website"
    run(capsys, db_url, "tag", article, "--quote", quote, "--label", "Confirmed")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(
        SAMPLE.read_text("utf-8").replace(quote, "The dossier was withdrawn"), "utf-8"
    )
    code, out, _ = run(capsys, db_url, "revise", article, str(corrected))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "1 claims placed, 1 orphaned"
    assert lines[2].startswith("orphan\tclaim ") and "23-page dossier" in lines[2]
