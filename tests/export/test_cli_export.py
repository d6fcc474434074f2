"""The export commands as a user types them: export, import-json, import-annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from workbench.cli import main
from workbench.export import FORMATS


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A database holding the drone sample (imported with the CLI's own services)."""
    from workbench.services import open_services
    from workbench.services.samples import load_sample

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    services = open_services(url)
    load_sample(services.articles, services.claims, services.notes, services.labels)
    services.close()
    return url


def test_export_every_format(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, suffix in FORMATS.items():
        out = tmp_path / f"report{suffix}"
        assert main(["--db", db, "export", "Dravenia", "--format", fmt, "-o", str(out)]) == 0
        line = capsys.readouterr().out
        assert line.startswith(f"{out}\t{fmt}\t") and out.stat().st_size > 1000


def test_export_options(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "confirmed.md"
    args = ["--db", db, "export", "1", "-f", "md", "-o", str(out), "--labels", "Confirmed"]
    args += ["--status", "done", "--no-evidence", "--title", "Desk report", "--reviewer", "Ana"]
    assert main([*args, "--organisation", "Fact Desk"]) == 0
    md = out.read_text("utf-8")
    assert md.startswith("# Desk report")
    assert "| C1 | Confirmed |" in md and "| C2 | Confirmed |" in md and "Allegation |" not in md
    assert "**Evidence:**" not in md and "- **Reviewer:** Ana" in md

    letter = tmp_path / "letter.pdf"
    assert (
        main(["--db", db, "export", "1", "-f", "pdf", "-o", str(letter), "--page-size", "Letter"])
        == 0
    )
    assert round(float(PdfReader(letter).pages[0].mediabox.width)) == 612

    review = tmp_path / "cr.jsonld"
    args = ["--db", db, "export", "1", "-f", "claimreview", "-o", str(review)]
    assert main([*args, "--organisation", "Fact Desk", "--review-url", "https://fd.example/r"]) == 0
    graph = json.loads(review.read_text("utf-8"))["@graph"]
    assert (
        graph[0]["author"]["name"] == "Fact Desk"
        and graph[0]["url"] == "https://fd.example/r#claim-1"
    )
    capsys.readouterr()


def test_a_bad_format_is_a_usage_error(db: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "export", "1", "--format", "rtf", "-o", str(tmp_path / "x")])
    assert exit_.value.code == 2


def test_import_json_into_another_database(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.json"
    assert main(["--db", db, "export", "1", "-f", "json", "-o", str(dump)]) == 0
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    capsys.readouterr()
    assert main(["--db", other, "import-json", str(dump)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1\tDravenia says it gave Aurelia proof") and "\t8 claims" in out
    assert main(["--db", other, "import-json", str(tmp_path / "missing.json")]) == 1
    assert "Cannot read" in capsys.readouterr().err


def test_import_annotations_reports_each_one_not_placed(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annotations = tmp_path / "a.jsonld"
    assert main(["--db", db, "export", "1", "-f", "webannotation", "-o", str(annotations)]) == 0
    doc = json.loads(annotations.read_text("utf-8"))
    doc["first"]["items"][1]["target"]["selector"][0]["exact"] = "words that are not there at all"
    annotations.write_text(json.dumps(doc), "utf-8")
    capsys.readouterr()
    assert main(["--db", db, "import-annotations", str(annotations), "--article", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "placed 7 of 8 annotations on article 1"
    assert out[1].startswith("not placed: urn:uuid:")
    assert "'words that are not there at all' (not found in the article's text)" in out[1]
