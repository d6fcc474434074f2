"""Recognise what a file really is from its first bytes, whatever its name says.

Only unambiguous signatures are used: a text that merely mentions ``%PDF-`` somewhere is
still a text. ``binary_kind`` names what we found; ``refusal_for_kind`` says what the
fact-checker should do with a kind we cannot import.
"""

from __future__ import annotations

import io
import re
import zipfile

from workbench.importers.base import ImportRefused

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"\x7fELF", "program"),
    (b"%!PS", "postscript"),
)
_IMAGES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "tiff": "TIFF", "bmp": "BMP", "webp": "WebP"}
_ARCHIVES = {"zip": "ZIP", "gzip": "gzip", "7z": "7-Zip", "rar": "RAR"}
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_DOCX_MAIN_PART = "word/document.xml"


def binary_kind(data: bytes) -> str | None:
    """``"pdf"``, ``"docx"``, ``"zip"``, ``"png"``, ``"ole"`` (old .doc), ... or None."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            if kind == "zip" and is_docx_zip(data):
                return "docx"
            if kind == "bmp" and not _plausible_bmp(data):
                continue
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def is_docx_zip(data: bytes) -> bool:
    """True if ``data`` is a ZIP archive with a Word main document part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCX_MAIN_PART in archive.namelist()
    except Exception:  # any damage means "not a Word document we could open"
        return False


def has_pdf_header(data: bytes) -> bool:
    """PDF readers accept a ``%PDF-`` header anywhere in the first kilobyte."""
    return b"%PDF-" in data[:1024]


def looks_like_html(data: bytes) -> bool:
    """True if the bytes start (after a BOM, blanks and comments) like an HTML page."""
    head = data[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be"
        head = head[2:].decode(encoding, errors="ignore").encode("ascii", errors="ignore")
    return _HTML_START.match(head) is not None


def _plausible_bmp(data: bytes) -> bool:
    """``BM`` also starts ordinary text ("BMW said ..."): check the header's declared size."""
    return len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data)


def refusal_for_kind(kind: str, file_name: str) -> ImportRefused:
    """The message for a file whose content is a kind of file we do not import."""
    name = f"“{file_name}”"
    if kind in _IMAGES:
        return ImportRefused(
            f"{name} is a {_IMAGES[kind]} image, not a text. Run text recognition (OCR) on it, "
            "or copy the article's text and paste it into the workbench."
        )
    if kind in _ARCHIVES:
        return ImportRefused(
            f"{name} is a compressed {_ARCHIVES[kind]} archive, not an article. Unpack it "
            "and import the article file inside."
        )
    if kind == "ole":
        return ImportRefused(
            f"{name} is an old-style Office document (Word 97-2003 .doc or similar). Open it "
            "in Word or LibreOffice, save it as .docx, and import that file."
        )
    if kind == "rtf":
        return ImportRefused(
            f"{name} is a Rich Text Format (RTF) file. Open it in Word or LibreOffice, save "
            "it as .docx, and import that file."
        )
    if kind == "postscript":
        return ImportRefused(
            f"{name} is a PostScript file. Convert it to PDF (for example by printing it to "
            "PDF) and import the PDF."
        )
    return unsupported(file_name)


def unsupported(file_name: str) -> ImportRefused:
    """The message for content the workbench cannot read at all."""
    return ImportRefused(
        f"“{file_name}” is not in a format the workbench can import. Save the article as "
        "text (.txt), Markdown (.md), a web page (.html), PDF or Word (.docx) and import "
        "that file."
    )
