"""The Word report: reopened with python-docx, it holds the shaded article, the claims
table and the evidence lists."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from export_fixtures import ALLEGATION, NOW, Sample, flat, tiny_data

from workbench.export.docx import render_docx
from workbench.export.model import ReportOptions, build_report


def test_quotes_labels_verdicts_and_evidence_are_in_the_document(sample: Sample) -> None:
    report = sample.report()
    doc = Document(io.BytesIO(render_docx(report)))
    paragraphs = [p.text for p in doc.paragraphs]
    body = flat(" ".join(paragraphs))
    for c in report.claims:
        assert flat(c.quote) in paragraphs  # the quote paragraph of its section
        assert f"{c.marker} · {c.label.name}" in body
    assert "A8 · Allegation: Mostly false" in paragraphs
    assert "CONTRADICTS: Ministry of Defence daily bulletin, Jan. 9" in body
    assert "(accessed 2026-01-14 10:00 UTC)" in body
    assert doc.core_properties.title.startswith("Fact-check:")


def test_claims_table_has_a_row_per_claim(sample: Sample) -> None:
    report = sample.report()
    doc = Document(io.BytesIO(render_docx(report)))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "#")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == [c.marker for c in report.claims]
    assert [r[1] for r in rows] == [c.label.name for c in report.claims]
    assert [r[2] for r in rows] == [c.claim.verdict for c in report.claims]
    assert [r[6] for r in rows] == [c.quote for c in report.claims]


def test_claims_are_shaded_in_the_article_text(sample: Sample) -> None:
    report = sample.report()
    doc = Document(io.BytesIO(render_docx(report)))
    shaded: list[tuple[str, str]] = []
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            shd = run._r.find(f"{qn('w:rPr')}/{qn('w:shd')}")
            if shd is not None:
                shaded.append((run.text, shd.get(qn("w:fill"))))
    shaded_text = flat(" ".join(text for text, _ in shaded))
    for c in report.claims:
        assert flat(c.quote) in shaded_text
    fills = {fill for _, fill in shaded}
    assert "F4B400" in fills and "34A853" in fills  # the markers in full label colour
    hyperlinks = doc.element.body.findall(f".//{qn('w:hyperlink')}")
    assert len(hyperlinks) >= 5


def test_control_characters_do_not_break_the_file() -> None:
    text = "He said\x07 the vote\x0b was rigged."
    data = tiny_data(text, [("the vote\x0b was rigged", ALLEGATION, "False\x00")])
    doc = Document(io.BytesIO(render_docx(build_report(data, ReportOptions(), generated_at=NOW))))
    assert any("the vote was rigged" in p.text for p in doc.paragraphs)


def test_paragraphs_come_in_order_with_their_styles_before_the_section(sample: Sample) -> None:
    """Paragraphs are appended without python-docx's per-paragraph search of the body:
    they must still land in order, styled, before the closing section properties."""
    report = sample.report()
    doc = Document(io.BytesIO(render_docx(report)))
    body = doc.element.body
    assert body[-1].tag == qn("w:sectPr")
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[0] == ("Title", report.title)
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == ["Summary", "Annotated article", "Claims"]
    first = report.claims[0]
    details = [i for i, (style, _) in enumerate(styles) if style == "Heading 2"]
    assert len(details) == len(report.claims)
    assert styles[details[0] + 1] == ("Quote", first.quote)
    assert any(style == "List Bullet" for style, _ in styles)
    assert {style for style, text in styles if text.startswith("Verdict: ")} == {"Normal"}
    order = [child.tag for child in body]
    assert order.index(qn("w:tbl")) < len(order) - 1
