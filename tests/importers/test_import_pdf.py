"""A checker imports a ministry statement or a long report as PDF: paragraphs come back
whole, running headers and page numbers go, progress moves page by page and Cancel
works; a PDF that cannot give text says why and what to do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from workbench.importers import read_bytes
from workbench.importers.base import ImportCancelled, ImportRefused


@pytest.fixture
def statement_pdf(
    make_pdf: Callable[..., bytes],
    pdf_lines: Callable[..., list[str]],
    wire_story: tuple[str, ...],
) -> bytes:
    lines = pdf_lines(wire_story, 80)
    half = len(lines) // 2
    while lines[half] == "":
        half += 1
    pages = [[("Ministry statement on the drone attack", 16.0), "", *lines[:half]], lines[half:]]
    return make_pdf(pages, title="Ministry statement on the drone attack", author="Press Office")


def test_statement_pdf_gives_whole_paragraphs_and_metadata(
    statement_pdf: bytes, wire_story: tuple[str, ...]
) -> None:
    article = read_bytes(statement_pdf, file_name="statement.pdf")

    assert article.source_format == "pdf"
    assert article.title == "Ministry statement on the drone attack"
    assert article.byline == "Press Office"
    assert article.published == date(2026, 1, 14)
    assert article.original == statement_pdf
    assert article.text.split("\n\n") == ["Ministry statement on the drone attack", *wire_story]


def test_words_hyphenated_at_line_ends_are_joined(make_pdf: Callable[..., bytes]) -> None:
    lines = [
        "The ministry claims that it handed foreign envoys its evi-",
        "dence of the long-range drone attack on the residence, and that the long-",
        "range drones were launched from across the northern border on Monday.",
    ]
    text = read_bytes(make_pdf([lines]), file_name="h.pdf").text
    assert "its evidence of the long-range drone attack" in text
    assert "that the long-range drones were launched" in text  # spelled so elsewhere


def test_paragraph_running_over_a_page_break_is_one_paragraph(
    make_pdf: Callable[..., bytes],
) -> None:
    first = ["The ministry claims that 91 long-range drones were launched overnight and"]
    second = ["that all of them were shot down before they reached the residence."]
    text = read_bytes(make_pdf([first, second]), file_name="p.pdf").text
    assert text == (
        "The ministry claims that 91 long-range drones were launched overnight and that "
        "all of them were shot down before they reached the residence."
    )


def test_running_headers_and_page_numbers_are_dropped(make_pdf: Callable[..., bytes]) -> None:
    pages = [
        [f"Section {n}: the ministry claims item {n} of the report is verified."] for n in range(5)
    ]
    pdf = make_pdf(pages, running_header="Annual Border Report 2026 - DRAFT", page_numbers=True)
    text = read_bytes(pdf, file_name="report.pdf").text
    assert "Annual Border Report" not in text
    assert "- 3 -" not in text
    assert text.split("\n\n") == [
        f"Section {n}: the ministry claims item {n} of the report is verified." for n in range(5)
    ]


def test_kerned_text_keeps_its_word_spaces(make_pdf: Callable[..., bytes]) -> None:
    pdf = make_pdf([["The ministry claims it handed over concrete proof."]], kerned=True)
    assert read_bytes(pdf, file_name="k.pdf").text == (
        "The ministry claims it handed over concrete proof."
    )


def test_progress_is_reported_per_page(make_pdf: Callable[..., bytes]) -> None:
    pdf = make_pdf([[f"Page {n} says the ministry claims something."] for n in range(4)])
    seen: list[float] = []
    read_bytes(pdf, file_name="r.pdf", progress=seen.append)
    assert seen == [0.0, 0.25, 0.5, 0.75, 1.0, 1.0]


def test_cancel_stops_the_import_between_pages(make_pdf: Callable[..., bytes]) -> None:
    pdf = make_pdf([[f"Page {n} of the report."] for n in range(10)])
    pages_done: list[float] = []

    def cancel_after_three() -> bool:
        return len(pages_done) >= 4  # 0.0 at the start, then three pages

    with pytest.raises(ImportCancelled):
        read_bytes(
            pdf, file_name="r.pdf", progress=pages_done.append, should_cancel=cancel_after_three
        )
    assert pages_done == [0.0, 0.1, 0.2, 0.3]


def test_truncated_pdf_is_refused(statement_pdf: bytes) -> None:
    with pytest.raises(ImportRefused, match=r"“cut\.pdf” is incomplete.*again"):
        read_bytes(statement_pdf[: len(statement_pdf) // 2], file_name="cut.pdf")


def test_corrupt_pdf_is_refused() -> None:
    junk = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nstream\n\x00\xff\x13" * 20
    with pytest.raises(ImportRefused, match=r"“bad\.pdf”.*(damaged|no pages)"):
        read_bytes(junk + b"\n%%EOF\n", file_name="bad.pdf")


def test_password_protected_pdf_is_refused(
    make_pdf: Callable[..., bytes], wire_story: tuple[str, ...]
) -> None:
    # encrypted for real (RC4-128, standard security handler): a reader with the password
    # gets the text back, the workbench without it says what to do
    locked = make_pdf([wire_story[:1]], user_password="s3cret")
    with pytest.raises(ImportRefused, match=r"“locked\.pdf” is password-protected.*Remove"):
        read_bytes(locked, file_name="locked.pdf")


def test_pdf_restricted_only_by_an_owner_password_opens(
    make_pdf: Callable[..., bytes], wire_story: tuple[str, ...]
) -> None:
    restricted = make_pdf([wire_story[:1]], title="Statement", user_password="")
    article = read_bytes(restricted, file_name="restricted.pdf")
    assert article.text == wire_story[0]
    assert article.title == "Statement"


def test_scan_without_text_layer_is_refused(make_pdf: Callable[..., bytes]) -> None:
    scan = make_pdf([[], []], drawing_only=True)
    with pytest.raises(ImportRefused, match=r"“scan\.pdf” has no text layer.*OCR"):
        read_bytes(scan, file_name="scan.pdf")


def test_web_page_saved_as_pdf_is_refused() -> None:
    page = b"<html><body>404 Not Found</body></html>"
    with pytest.raises(ImportRefused, match=r"“report\.pdf” is not a PDF file.*again"):
        read_bytes(page, file_name="report.pdf")


def test_pdf_under_a_wrong_name_is_read_as_pdf(
    statement_pdf: bytes, wire_story: tuple[str, ...]
) -> None:
    article = read_bytes(statement_pdf, file_name="statement.txt")
    assert article.source_format == "pdf"
    assert wire_story[-1] in article.text


def test_junk_metadata_title_gives_way_to_the_first_line(make_pdf: Callable[..., bytes]) -> None:
    pdf = make_pdf([["Ministry statement", "", "The ministry claims."]], title="Microsoft Word - x")
    assert read_bytes(pdf, file_name="j.pdf").title == "Ministry statement"


def test_pdfs_imported_from_several_threads_at_once(make_pdf: Callable[..., bytes]) -> None:
    # PDFium is not thread-safe; the importer serialises it, so worker threads may overlap
    from concurrent.futures import ThreadPoolExecutor

    pdfs = [make_pdf([[f"Report {n}: the ministry claims {n} drones."]] * 3) for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda data: read_bytes(data, file_name="t.pdf").text, pdfs))
    assert [text.split("\n\n")[0] for text in texts] == [
        f"Report {n}: the ministry claims {n} drones." for n in range(8)
    ]
