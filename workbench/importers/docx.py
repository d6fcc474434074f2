"""Word documents (.docx): paragraphs and tables in reading order, plus core properties.

Before python-docx sees the file, the ZIP container is checked: it must be a ZIP with a
Word main part, and what it declares it would unpack to (in total, and per part against
its compressed size) must be sane, so a "zip bomb" is refused without unpacking it.
Python's zipfile never inflates a part beyond its declared size, so checking the
declared sizes is enough.

The body is walked in order: paragraphs (including text in content controls, fields,
tracked insertions and text boxes, but not deleted text), and tables as one line per
row with ``" | "`` between cells. Headers, footers, footnotes and comments are left out.
The title is the document's Title property, else its first Title or Heading paragraph,
else its first line; author and creation date come from the core properties.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import docx
from docx.oxml.ns import qn

from workbench.importers.base import ImportedArticle, ImportRefused, Progress, ShouldCancel
from workbench.importers.limits import check_text_size
from workbench.importers.normalize import first_line_title, normalize_text, shorten
from workbench.importers.txt import no_text

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""Largest total size a .docx may declare for its unpacked parts."""
MAX_PART_RATIO = 100
"""Largest compression ratio of one part (Word XML compresses about 5-20 times) ..."""
MAX_RATIO_EXEMPT_BYTES = 4 * 1024 * 1024
"""... checked only for parts that unpack to more than this."""
MAX_PARTS = 10_000
_MAIN_PART = "word/document.xml"

_P = qn("w:p")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_T = qn("w:t")
_TAB = qn("w:tab")
_BR = qn("w:br")
_CR = qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_CUSTOM_XML = qn("w:customXml")
_P_PR = qn("w:pPr")
_P_STYLE = qn("w:pStyle")
_VAL = qn("w:val")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = frozenset({_P_PR, qn("w:rPr"), qn("w:delText"), qn("w:instrText"), _FALLBACK})


def read_docx(
    data: bytes,
    *,
    file_name: str,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """The article in a Word document."""
    check_container(data, file_name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise _not_word(file_name) from exc
    styles = _style_names(document)
    blocks: list[str] = []
    heading = ""
    for kind, element in _body_blocks(document.element.body):
        if kind == "p":
            text = paragraph_text(element)
            if text.strip():
                blocks.append(text)
                style = styles.get(_style_id(element), "")
                if not heading and (style == "Title" or style.startswith("Heading")):
                    heading = " ".join(text.split())
        else:
            blocks.extend(_table_blocks(element))
    raw = "\n\n".join(blocks)
    check_text_size(len(raw), file_name)
    text = normalize_text(raw)
    if not text:
        raise no_text(file_name)
    title, author, created, language = _core_properties(document)
    title = title or heading
    return ImportedArticle(
        text=text,
        title=shorten(title) if title else first_line_title(text),
        source_format="docx",
        original=data,
        file_name=file_name,
        byline=author,
        published=created,
        language=language,
    )


def _core_properties(document: Any) -> tuple[str, str, date | None, str]:
    """Title, author, creation date and language; blanks where missing or malformed."""
    try:
        properties = document.core_properties
        created = properties.created
        return (
            _clean(properties.title),
            _clean(properties.author),
            created.date() if isinstance(created, datetime) else None,
            _clean(properties.language),
        )
    except Exception:
        return "", "", None, ""


def check_container(data: bytes, file_name: str) -> None:
    """Refuse anything but a sane ZIP holding a Word document, without unpacking it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:
        raise _not_word(file_name) from exc
    if len(parts) > MAX_PARTS:
        raise _bomb(file_name)
    names = {part.filename for part in parts}
    if _MAIN_PART not in names:
        raise ImportRefused(
            f"“{file_name}” is a ZIP archive but not a Word document (it may be another "
            "Office format). Open it in the program that made it, save it as a Word "
            ".docx document, and import that."
        )
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_RATIO_EXEMPT_BYTES and ratio > MAX_PART_RATIO:
            raise _bomb(file_name)
    if total > MAX_UNPACKED_BYTES:
        raise _bomb(file_name)


def paragraph_text(paragraph: Any) -> str:
    """Visible text of a ``w:p`` element: runs, tabs and breaks, not deleted text."""
    parts: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == _T:
            parts.append(element.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif tag == _P and parts and parts[-1] != "\n":
            parts.append("\n")  # a paragraph of a text box inside this paragraph
            stack.append(iter(element))
        else:
            stack.append(iter(element))
    return "".join(parts)


def _body_blocks(body: Any) -> list[tuple[str, Any]]:
    """``("p", element)`` and ``("tbl", element)`` in reading order, content controls opened."""
    blocks: list[tuple[str, Any]] = []
    stack = [iter(body)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        if element.tag == _P:
            blocks.append(("p", element))
        elif element.tag == _TBL:
            blocks.append(("tbl", element))
        elif element.tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            stack.append(iter(element))
    return blocks


def _table_blocks(table: Any) -> list[str]:
    """One line per row, ``" | "`` between cells; single-cell rows as paragraphs of their own."""
    rows: list[str] = []
    for row in table.iter(_TR):
        if _enclosing_table(row) is not table:
            continue
        cells = []
        for cell in row.iter(_TC):
            if _enclosing_table(cell) is not table:
                continue
            text = " ".join(" ".join(paragraph_text(p) for p in cell.iter(_P)).split())
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    if rows and all(" | " in row for row in rows):
        return ["\n".join(rows)]
    return rows


def _enclosing_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _style_names(document: Any) -> dict[str, str]:
    try:
        return {style.style_id: style.name or "" for style in document.styles}
    except Exception:
        return {}


def _style_id(paragraph: Any) -> str:
    properties = paragraph.find(_P_PR)
    style = properties.find(_P_STYLE) if properties is not None else None
    return str(style.get(_VAL, "")) if style is not None else ""


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _not_word(file_name: str) -> ImportRefused:
    return ImportRefused(
        f"“{file_name}” is not a valid Word (.docx) document: it is damaged or in another "
        "format. Open it in Word or LibreOffice, save it as .docx, and import it again."
    )


def _bomb(file_name: str) -> ImportRefused:
    return ImportRefused(
        f"“{file_name}” would unpack to far more data than any Word document holds, so it "
        "is damaged or made to crash programs, and was not opened. Ask the sender for the "
        "document again, or open a copy in Word, save it under a new name, and import that."
    )
