"""The report service: exports written whole, a JSON export restored into another
database, and Web Annotations placed onto a corrected revision of the article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import NOW, OPTIONS, Sample, open_sqlite

from workbench.domain import LabelSpec, NoteFields, Rating, Stance, UserError
from workbench.export import FORMATS
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.services.reports import ReportService
from workbench.services.samples import load_sample


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Services]:
    services = open_sqlite(tmp_path, "other")
    yield services
    services.close()


def test_every_format_is_written_whole(sample: Sample, tmp_path: Path) -> None:
    for fmt, suffix in FORMATS.items():
        path = sample.reports.export(sample.article.id, fmt, tmp_path / f"r{suffix}.{fmt}", OPTIONS)
        assert path.stat().st_size > 1000, fmt
    assert not list(tmp_path.glob(".*.part"))
    with pytest.raises(UserError, match="Unknown format"):
        sample.reports.export(sample.article.id, "rtf", tmp_path / "r.rtf")


# --- JSON restore ---------------------------------------------------------------------


def normalized(doc: dict[str, Any]) -> dict[str, Any]:
    """A dump with ids replaced by their order of appearance and the export time dropped,
    so two dumps of the same data from different databases compare equal."""
    doc = json.loads(json.dumps(doc))
    doc.pop("exported_at")
    maps: dict[str, dict[int, int]] = {"label": {}, "claim": {}, "note": {}, "article": {}}

    def renumber(kind: str, old: Any) -> Any:
        if not isinstance(old, int):
            return old
        return maps[kind].setdefault(old, len(maps[kind]) + 1)

    article = doc["article"]
    article["id"] = renumber("article", article["id"])
    article["parent_id"] = None
    for label in doc["labels"]:
        label["id"] = renumber("label", label["id"])
    for note in doc["notes"]:
        note["id"] = renumber("note", note["id"])
        for attachment in note["attachments"]:
            attachment.pop("id")
    for claim in doc["claims"]:
        claim["id"] = renumber("claim", claim["id"])
        claim["article_id"] = renumber("article", claim["article_id"])
        claim["label_id"] = renumber("label", claim["label_id"])
    for link in doc["links"]:
        link["claim_id"] = renumber("claim", link["claim_id"])
        link["note_id"] = renumber("note", link["note_id"])
    for event in doc["events"]:
        event.pop("id")
        event["entity_id"] = renumber(event["entity"], event["entity_id"])
        event["article_id"] = renumber("article", event["article_id"])
        for key, kind in (("note_id", "note"), ("label_id", "label")):
            if key in event["payload"]:
                value = event["payload"][key]
                event["payload"][key] = (
                    [renumber(kind, v) for v in value]
                    if isinstance(value, list)
                    else renumber(kind, value)
                )
    return doc


def test_export_import_export_is_identical_apart_from_ids(
    fresh_sample: Sample, other_db: Services, tmp_path: Path
) -> None:
    s = fresh_sample.services
    # make the source database different from a fresh one: ids no longer start at 1,
    # a team label, an attachment and an edited claim
    scratch = s.notes.create(NoteFields(title="scratch"))
    s.notes.delete(scratch.id)
    misleading = s.labels.create(
        LabelSpec("Misleading", "#d93025", "3", rating=Rating("Misleading"))
    )
    claim = s.claims.for_article(fresh_sample.article.id)[2]
    s.claims.retag(claim.id, misleading.id)
    note = s.notes.library()[0].note
    attached = tmp_path / "dossier.txt"
    attached.write_text("the dossier, archived", "utf-8")
    s.notes.attach(note.id, attached)

    first = tmp_path / "first.json"
    fresh_sample.reports.export(fresh_sample.article.id, "json", first, now=NOW)

    other = ReportService(other_db.ctx)
    article = other.import_json(first, files_from=fresh_sample.home / "files")
    assert article.text == fresh_sample.article.text
    assert other.missing_files(article) == []  # the original and the attachment came along
    assert other_db.labels.by_name("Misleading").rating == Rating("Misleading")

    second = tmp_path / "second.json"
    other.export(article.id, "json", second, now=NOW)
    a, b = (json.loads(p.read_text("utf-8")) for p in (first, second))
    assert normalized(a) == normalized(b)
    assert len(b["claims"]) == 8 and len(b["links"]) == 9
    assert len(b["events"]) == len(a["events"]) > 20


def test_labels_are_matched_by_name_and_missing_files_reported(
    sample: Sample, other_db: Services, tmp_path: Path
) -> None:
    path = sample.reports.export(sample.article.id, "json", tmp_path / "a.json")
    before = {label.name for label in other_db.labels.all()}
    article = ReportService(other_db.ctx).import_json(path)
    assert {label.name for label in other_db.labels.all()} == before  # no duplicates
    claims = other_db.claims.for_article(article.id)
    assert len(claims) == 8
    assert sum(c.evidence_count for c in claims) == 9
    assert ReportService(other_db.ctx).missing_files(article) == [sample.article.sha256]
    assert other_db.search.search("Kessaria")  # restored records are searchable


def test_a_file_that_is_not_an_export_is_refused(other_db: Services, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(UserError, match="not a JSON file"):
        ReportService(other_db.ctx).import_json(bad)
    bad.write_text('{"format": "something-else"}', "utf-8")
    with pytest.raises(UserError, match="not a Fact-check Workbench JSON export"):
        ReportService(other_db.ctx).import_json(bad)


# --- Web Annotations onto a corrected revision ------------------------------------------


def revise(services: Services, article_id: int) -> int:
    """A lightly edited revision with one tagged passage removed; returns its id."""
    old = services.articles.get(article_id)
    text = old.text.replace("a charge Kessaria", "an accusation Kessaria")
    text = text.replace("local media they heard", "local reporters they heard")
    text = text.replace("put it on the table,", "put it on the table for everyone to see,").replace(
        "VELGRAD, Jan. 14", "VELGRAD, Jan. 14 (updated)"
    )
    start = text.index("The ministry said the drones were intercepted")
    end = text.index("\n\n", start)
    text = text[:start] + "The ministry gave no details of the interceptions." + text[end:]
    revision = services.articles.add(
        ImportedArticle(text=text, title=old.title, source_format="txt", original=text.encode()),
        parent_id=old.id,
    )
    return revision.id


def test_annotations_are_placed_on_a_revision_and_lost_ones_reported(
    fresh_sample: Sample, tmp_path: Path
) -> None:
    s, reports = fresh_sample.services, fresh_sample.reports
    path = reports.export(fresh_sample.article.id, "webannotation", tmp_path / "w.jsonld")
    revision_id = revise(s, fresh_sample.article.id)
    placed, unplaced = reports.import_annotations(path, revision_id)
    assert len(placed) == 6 and len(unplaced) == 2
    assert "the drones were intercepted by Air Defence Regiment No. 4" in unplaced[0]
    assert "the interceptions cost about 3.5 million crowns" in unplaced[1]
    text = s.articles.get(revision_id).text
    for claim in placed:
        assert text[claim.span.start : claim.span.end] == claim.quote.exact
    labels = {label.id: label.name for label in s.labels.all()}
    assert sorted(labels[c.label_id] for c in placed).count("Confirmed") == 2
    a1 = placed[0]
    assert a1.verdict == "Mixed" and a1.claimant == "Dravenian Ministry of Defence"
    assert a1.evidence_count == 2
    linked = s.notes.for_claim(a1.id)
    assert {ln.stance for ln in linked} == {Stance.CONTEXT}
    # the notes were found again by title and URL, not copied
    assert len(s.notes.library()) == 5

    again, still_unplaced = reports.import_annotations(path, revision_id)
    assert [c.id for c in again] == [c.id for c in placed]  # nothing doubled
    assert still_unplaced == unplaced


def test_another_tools_annotations_are_placed(fresh_sample: Sample, tmp_path: Path) -> None:
    text = fresh_sample.article.text
    quote = "Where is a single crater?"
    start = text.index(quote)
    rows = {
        "rows": [
            {
                "id": "hyp-1",
                "text": "Rhetorical; no crater has been shown.",
                "tags": ["confirmed", "craters"],
                "target": [
                    {
                        "source": "https://news.example.org/x",
                        "selector": [
                            {"type": "TextPositionSelector", "start": start + 3, "end": start + 9},
                            {"type": "TextQuoteSelector", "exact": quote},
                        ],
                    }
                ],
            },
            {"id": "hyp-2", "text": "page note", "target": [{"source": "https://x"}]},
        ]
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(rows), "utf-8")
    placed, unplaced = fresh_sample.reports.import_annotations(path, fresh_sample.article.id)
    (claim,) = placed
    assert (claim.span.start, claim.span.end) == (start, start + len(quote))
    assert fresh_sample.services.labels.by_name("Confirmed").id == claim.label_id
    assert claim.comment == "Rhetorical; no crater has been shown.\n\nTags: craters"
    assert unplaced == ["hyp-2: no TextQuoteSelector, nothing to anchor"]


def test_export_and_restore_on_every_backend(services: Services, tmp_path: Path) -> None:
    """Export, restore into the same database (SQLite, and PostgreSQL when configured) and
    export the copy: the two dumps agree apart from ids."""
    article = load_sample(services.articles, services.claims, services.notes, services.labels)
    reports = ReportService(services.ctx)
    first = reports.export(article.id, "json", tmp_path / "first.json", now=NOW)
    copy = reports.import_json(first)
    assert copy.id != article.id
    second = reports.export(copy.id, "json", tmp_path / "second.json", now=NOW)
    a, b = (json.loads(p.read_text("utf-8")) for p in (first, second))
    assert normalized(a) == normalized(b)
    target = open_services(f"sqlite:///{tmp_path / 'copy.sqlite'}", data_dir=tmp_path / "copy")
    try:
        assert len(target.claims.for_article(ReportService(target.ctx).import_json(first).id)) == 8
    finally:
        target.close()
