"""The PDF report: selectable text with every quote and label, page numbers, A4 or
Letter, and pages that a PDF renderer (poppler) draws."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from export_fixtures import OPTIONS, Sample, flat
from pypdf import PdfReader

from workbench.export.model import ReportOptions

MM_PER_POINT = 25.4 / 72


def pdf_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def a4_pdf(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    return sample.reports.export(sample.article.id, "pdf", path, OPTIONS)


def test_the_text_holds_every_quote_label_verdict_and_evidence(
    sample: Sample, a4_pdf: Path
) -> None:
    text = pdf_text(a4_pdf)
    report = sample.report()
    for c in report.claims:
        assert flat(c.quote) in text
        assert f"{c.marker} {c.label.name}" in text
    assert "Allegation" in text and "Confirmed" in text
    assert "Verdict Mostly false" in text
    assert "CONTRADICTS Ministry of Defence daily bulletin, Jan. 9" in text
    assert "accessed 2026-01-14 10:00 UTC" in text
    assert "Reviewer Ana Reviewer" in text
    assert "ﬁ" not in text  # ligatures off: "Confirmed" is searchable


def test_every_page_is_numbered_and_a4(a4_pdf: Path) -> None:
    reader = PdfReader(a4_pdf)
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in flat(page.extract_text())
        width, height = (float(v) * MM_PER_POINT for v in page.mediabox.upper_right)
        assert (round(width), round(height)) == (210, 297)
    assert reader.metadata is not None and reader.metadata.title.startswith("Fact-check:")


def test_letter_paper_on_request(sample: Sample, tmp_path: Path) -> None:
    options = ReportOptions(page_size="Letter", include_evidence=False)
    path = sample.reports.export(sample.article.id, "pdf", tmp_path / "letter.pdf", options)
    page = PdfReader(path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert "CONTRADICTS" not in pdf_text(path)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_poppler_renders_every_page(a4_pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(a4_pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(PdfReader(a4_pdf).pages)
    assert all(p.stat().st_size > 2000 for p in pngs)


def test_each_article_paragraph_is_its_own_block() -> None:
    """One block per paragraph: as one block with line breaks, Qt drew the whole article
    again for every page (a 1 MB article took 15 s). A claim across a paragraph break is
    shaded on both sides of it."""
    from export_fixtures import ALLEGATION, NOW, tiny_data
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    from workbench.export.model import build_report
    from workbench.export.pdf import ensure_gui_app, qt_html

    text = "First paragraph, line one\nline two.\n\nSecond one. It ends\n\n\nThird paragraph."
    data = tiny_data(text, [("It ends\n\n\nThird", ALLEGATION, "")])
    html = qt_html(build_report(data, ReportOptions(), generated_at=NOW))
    assert html.count('<p class="text">') == 3
    assert "line one<br>line two." in html
    ensure_gui_app()
    doc = QTextDocument()
    doc.setHtml(html)
    blocks = []
    block = doc.begin()
    while block.isValid():
        blocks.append(block.text())
        block = block.next()
    assert "First paragraph, line one\u2028line two." in blocks
    assert any(b.startswith("Second one. It ends") for b in blocks)
    assert any(b.startswith("Third\u00a0A1\u00a0 paragraph.") for b in blocks)
    shaded = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                shaded.append(fragment.text())
            it += 1
        block = block.next()
    assert "It ends" in shaded and "Third" in shaded


_FIELD_LABELS = {"Verdict", "Rating", "Claimant", "Claim", "Status", "Comment", "Tagged"}


def _lines(path: Path) -> list[list[tuple[float, str]]]:
    """Each text line of the PDF as (left x, word) pairs, from poppler's word boxes."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines: list[list[tuple[float, str]]] = []
    for page in html.split("<page ")[1:]:
        rows: dict[float, list[tuple[float, str]]] = {}
        for x, y, word in re.findall(_WORD, page):
            rows.setdefault(round(float(y), 1), []).append((float(x), word))
        lines += [sorted(row) for _, row in sorted(rows.items())]
    return lines


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_claim_details_read_as_two_columns(a4_pdf: Path) -> None:
    """Label on the left, value in a column after it; a long comment wraps under its
    value, not under the label."""
    lines = _lines(a4_pdf)
    body_left = min(line[0][0] for line in lines if line[0][1] == "Evidence")
    wrapped = 0
    for line, following in itertools.pairwise(lines):
        label_x, label = line[0]
        if label not in _FIELD_LABELS or len(line) < 2:
            continue
        value_x = line[2][0] if label == "Claim" else line[1][0]
        assert body_left <= label_x < body_left + 3
        assert value_x - label_x > 30  # a column apart, not a space apart
        if label == "Comment" and following[0][1] not in _FIELD_LABELS:
            assert abs(following[0][0] - value_x) < 1
            wrapped += 1
    assert wrapped >= 1
