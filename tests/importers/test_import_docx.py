"""An editor sends a Word file: the checker gets its paragraphs and tables in order, with
title, author and date; a damaged file or a zip bomb is refused before it can hurt."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date

import pytest

from workbench.importers import docx as docx_importer
from workbench.importers import read_bytes
from workbench.importers.base import ImportRefused

TABLE = [["Claim", "Source", "Status"], ["91 drones launched", "ministry", "unverified"]]


def test_word_story_with_title_table_and_properties(
    make_docx: Callable[..., bytes], wire_story: tuple[str, ...]
) -> None:
    data = make_docx(
        wire_story,
        heading="Ministry claims it handed envoys proof",
        author="Jonas Ekberg",
        table=TABLE,
    )
    article = read_bytes(data, file_name="story.docx")

    assert article.source_format == "docx"
    assert article.title == "Ministry claims it handed envoys proof"
    assert article.byline == "Jonas Ekberg"
    assert article.published == date(2026, 1, 14)
    assert article.original == data
    assert article.text.split("\n\n") == [
        "Ministry claims it handed envoys proof",
        wire_story[0],
        wire_story[1],
        "Claim | Source | Status\n91 drones launched | ministry | unverified",
        *wire_story[2:],
    ]


def test_title_property_wins_over_the_first_heading(make_docx: Callable[..., bytes]) -> None:
    data = make_docx(["The ministry claims."], heading="Heading", title_property="Wire 0114")
    assert read_bytes(data, file_name="t.docx").title == "Wire 0114"


def test_without_title_or_heading_the_first_line_is_the_title(
    make_docx: Callable[..., bytes],
) -> None:
    data = make_docx(["Officials said the meeting took place.", "More."])
    assert read_bytes(data, file_name="t.docx").title == "Officials said the meeting took place."


def test_line_breaks_tabs_and_content_controls(make_docx: Callable[..., bytes]) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(make_docx(["First paragraph."])))
    paragraph = document.add_paragraph("Line one")
    run = paragraph.add_run()
    run.add_break()
    run.add_text("line two\tafter a tab")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Inside a content control"
        "</w:t></w:r><w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del>"
        "</w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, sdt)
    out = io.BytesIO()
    document.save(out)

    text = read_bytes(out.getvalue(), file_name="c.docx").text
    assert text == (
        "First paragraph.\n\nLine one\nline two after a tab\n\nInside a content control"
    )


def test_file_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(ImportRefused, match=r"“memo\.docx” is not a valid Word \(\.docx\)"):
        read_bytes(b"The ministry claims this is a Word file.", file_name="memo.docx")


def test_old_word_document_is_refused_with_what_to_do() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(
        ImportRefused, match=r"“old\.docx” is an old-style Office.*save it as \.docx"
    ):
        read_bytes(ole, file_name="old.docx")


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ImportRefused, match=r"“sheet\.docx” is a ZIP archive but not a Word"):
        read_bytes(out.getvalue(), file_name="sheet.docx")


def test_zip_bomb_is_refused_before_python_docx_opens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (64 * 1024 * 1024))
    assert len(out.getvalue()) < 200_000

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx was asked to open a zip bomb")

    monkeypatch.setattr(docx_importer.docx, "Document", must_not_open)
    with pytest.raises(ImportRefused, match=r"“bomb\.docx” would unpack to far more data"):
        read_bytes(out.getvalue(), file_name="bomb.docx")


def test_declared_total_size_is_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/big.bin", b"\x00" * 4096)
    monkeypatch.setattr(docx_importer, "MAX_UNPACKED_BYTES", 1024)
    with pytest.raises(ImportRefused, match=r"“big\.docx” would unpack"):
        read_bytes(out.getvalue(), file_name="big.docx")


def test_damaged_word_xml_is_refused(make_docx: Callable[..., bytes]) -> None:
    source = zipfile.ZipFile(io.BytesIO(make_docx(["The ministry claims."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            archive.writestr(item, data)
    with pytest.raises(ImportRefused, match=r"“broken\.docx” is not a valid Word"):
        read_bytes(out.getvalue(), file_name="broken.docx")


def test_empty_document_is_refused(make_docx: Callable[..., bytes]) -> None:
    with pytest.raises(ImportRefused, match=r"“blank\.docx” contains no text"):
        read_bytes(make_docx([]), file_name="blank.docx")
