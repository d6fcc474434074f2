"""The CSV export: stable columns, one row per claim-evidence pair, safe in spreadsheets."""

from __future__ import annotations

import csv
import io

from export_fixtures import ALLEGATION, NOW, Sample, tiny_data

from workbench.export.csv import COLUMNS, render_csv
from workbench.export.model import ReportOptions, build_report


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_columns_are_a_stable_interface() -> None:
    assert COLUMNS[:13] == (
        "article_id",
        "article_title",
        "article_url",
        "claim_number",
        "claim_marker",
        "claim_id",
        "label",
        "rating",
        "verdict",
        "status",
        "claimant",
        "claim_date",
        "quote",
    )
    assert COLUMNS[-7:] == (
        "evidence_stance",
        "evidence_note_id",
        "evidence_title",
        "evidence_source_title",
        "evidence_source_url",
        "evidence_accessed_at",
        "evidence_reliability",
    )


def test_one_row_per_claim_and_evidence_pair(sample: Sample) -> None:
    report = sample.report()
    text = render_csv(report)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    table = rows(text)
    assert len(table) == sum(max(1, len(c.evidence)) for c in report.claims) == 9
    first = [r for r in table if r["claim_marker"] == "A1"]
    assert {r["evidence_title"] for r in first} == {
        "Aurelian embassy statement on the attaché meeting",
        "Ceasefire monitoring mission, weekly report of Jan. 8",
    }
    assert {r["evidence_stance"] for r in first} == {"context"}
    assert first[0]["label"] == "Allegation" and first[0]["verdict"] == "Mixed"
    a8 = next(r for r in table if r["claim_marker"] == "A8")
    assert a8["quote"].startswith("Kessaria says it has not launched")
    assert a8["evidence_stance"] == "contradicts"
    assert a8["evidence_accessed_at"] == "2026-01-15T10:00:00+00:00"


def test_without_evidence_a_row_per_claim(sample: Sample) -> None:
    table = rows(render_csv(sample.report(ReportOptions(include_evidence=False))))
    assert len(table) == 8
    assert {r["evidence_title"] for r in table} == {""}


def test_formulas_are_defused() -> None:
    text = "He said =HYPERLINK(1) twice."
    data = tiny_data(text, [("=HYPERLINK(1)", ALLEGATION, "@SUM(A1)")])
    row = rows(render_csv(build_report(data, ReportOptions(), generated_at=NOW)))[0]
    assert row["quote"] == "'=HYPERLINK(1)"
    assert row["verdict"] == "'@SUM(A1)"
