"""Fixtures for the importer tests: a fictional wire story, and builders for PDF and DOCX
files made at test time (no binary fixtures in the repository)."""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "importers"

WIRE_STORY: tuple[str, ...] = (
    "Arvenia's defence ministry claims it has handed foreign envoys evidence of a drone "
    "attack on a government residence outside the capital, and says the strike was "
    "launched from across the northern border.",
    "According to the ministry, 91 long-range drones were allegedly launched overnight "
    "on Monday and all of them were shot down before they reached the residence. The "
    "figure could not be independently verified.",
    "\u201cWe have concrete proof, and we have shared it with our partners,\u201d Deputy "
    "Defence Minister Ilias Brandt told reporters on Wednesday. He did not say what the "
    "proof consisted of.",
    "A meeting between ministry officials and a foreign military attach\u00e9 took place "
    "on Tuesday afternoon, the attach\u00e9's embassy confirmed in a brief note.",
    "Analysts at the Centre for Border Studies said the ministry had made similar claims "
    "twice last year without publishing the underlying data. \u201cUntil the material is "
    "public, it is impossible to assess,\u201d said senior analyst Dana Whitcombe.",
    "The foreign minister of neighbouring Ostravia, Helena Marsh, said her government had "
    "\u201cseen nothing that supports the ministry's version\u201d and called for an "
    "independent investigation.",
)


@pytest.fixture
def wire_story() -> tuple[str, ...]:
    """The paragraphs of a fictional wire story (no real article is copied)."""
    return WIRE_STORY


@pytest.fixture
def news_page_path() -> Path:
    return DATA_DIR / "news_page.html"


PdfLine = str | tuple[str, float]
"""A line of text, or (text, font size)."""


def build_pdf(
    pages: Sequence[Sequence[PdfLine]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = "D:20260114093200Z",
    running_header: str | None = None,
    page_numbers: bool = False,
    drawing_only: bool = False,
    kerned: bool = False,
    user_password: str | None = None,
    owner_password: str = "owner-secret",
) -> bytes:
    """A small, valid PDF built by hand: Helvetica text lines, 14 pt apart, top down.

    An empty string leaves a blank line (a paragraph gap); ``drawing_only`` draws
    rectangles and no text at all (what a scan without OCR looks like to a text
    extractor); ``kerned`` writes words as TJ arrays with kerning like word processors;
    ``user_password`` (``""`` for "restricted but opens without one") encrypts the file
    with the PDF standard security handler (revision 3, RC4 128-bit).
    """
    objects: list[bytes] = []
    file_id = hashlib.md5(repr((pages, title, author)).encode()).digest()
    crypt = None if user_password is None else _Rc4Security(user_password, owner_password, file_id)

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def add_stream(data: bytes) -> int:
        data = zlib.compress(data)
        if crypt is not None:
            data = crypt.encrypt(len(objects) + 1, data)
        return add(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )

    def string(raw: bytes) -> bytes:
        """A string object for the object about to be added (strings are encrypted too)."""
        if crypt is not None:
            return b"<" + crypt.encrypt(len(objects) + 1, raw).hex().encode() + b">"
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_ref = add(b"")
    kids = []
    for number, lines in enumerate(pages, start=1):
        if drawing_only:
            content = b"0.2 0.2 0.2 RG 2 w 72 600 300 120 re S 0.8 g 100 400 200 100 re f"
        else:
            ops = []
            if running_header:
                ops.append(b"BT /F1 9 Tf 72 780 Td (" + _pdf_string(running_header) + b") Tj ET")
            y = 750.0
            for line in lines:
                text, size = (line, 11.0) if isinstance(line, str) else line
                if text:
                    shown = _kerned(text) if kerned else b"(" + _pdf_string(text) + b") Tj"
                    ops.append(b"BT /F1 %.1f Tf 72 %.1f Td " % (size, y) + shown + b" ET")
                y -= max(14.0, size * 1.3)
            if page_numbers:
                ops.append(b"BT /F1 9 Tf 300 40 Td (" + _pdf_string(f"- {number} -") + b") Tj ET")
            content = b"\n".join(ops)
        contents = add_stream(content)
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_ref, font, contents)
            )
        )
    objects[pages_ref - 1] = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % kid for kid in kids)
        + b"] /Count %d >>" % len(kids)
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    info_entries = []
    if title:
        info_entries.append(b"/Title " + string(title.encode("cp1252")))
    if author:
        info_entries.append(b"/Author " + string(author.encode("cp1252")))
    if created:
        info_entries.append(b"/CreationDate " + string(created.encode()))
    info = add(b"<< " + b" ".join(info_entries) + b" >>")
    trailer_extra = b""
    if crypt is not None:
        encrypt = add(crypt.dictionary())
        trailer_extra = b" /Encrypt %d 0 R" % encrypt
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]%s >>\n" % (
        len(objects) + 1,
        catalog,
        info,
        file_id.hex().encode(),
        file_id.hex().encode(),
        trailer_extra,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


class _Rc4Security:
    """PDF standard security handler, revision 3 (RC4, 128-bit key): algorithms 1-5 of
    ISO 32000-1, section 7.6.3, just enough to write an encrypted test file."""

    PERMISSIONS = -3904  # print, copy, ... all denied except what revision 3 requires

    def __init__(self, user: str, owner: str, file_id: bytes) -> None:
        def pad(password: str) -> bytes:
            return (password.encode("latin-1") + _PASSWORD_PAD)[:32]

        digest = hashlib.md5(pad(owner or user)).digest()
        for _ in range(50):
            digest = hashlib.md5(digest).digest()
        self.owner_entry = _rc4(digest, pad(user))
        for step in range(1, 20):
            self.owner_entry = _rc4(bytes(b ^ step for b in digest), self.owner_entry)
        permissions = self.PERMISSIONS.to_bytes(4, "little", signed=True)
        key = hashlib.md5(pad(user) + self.owner_entry + permissions + file_id).digest()
        for _ in range(50):
            key = hashlib.md5(key).digest()
        self.key = key
        user_entry = _rc4(key, hashlib.md5(_PASSWORD_PAD + file_id).digest())
        for step in range(1, 20):
            user_entry = _rc4(bytes(b ^ step for b in key), user_entry)
        self.user_entry = user_entry + bytes(16)

    def encrypt(self, number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(
            self.key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")
        ).digest()
        return _rc4(object_key, data)

    def dictionary(self) -> bytes:
        return b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s> >>" % (
            self.PERMISSIONS,
            self.owner_entry.hex().encode(),
            self.user_entry.hex().encode(),
        )


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _kerned(text: str) -> bytes:
    """Words as a TJ array: letters kerned slightly, word gaps as a -250 shift, no spaces."""
    items = []
    for word in text.split(" "):
        pieces = [word[i : i + 3] for i in range(0, len(word), 3)] or [""]
        items.append(b" 12 ".join(b"(" + _pdf_string(piece) + b")" for piece in pieces))
    return b"[" + b" -250 ".join(items) + b"] TJ"


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return build_pdf


def wrap_for_pdf(paragraphs: Sequence[str], width: int = 80) -> list[str]:
    """Paragraphs as PDF lines: hard-wrapped at ``width`` with hyphenation of long words,
    a blank line between paragraphs."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= width:
                line = candidate
                continue
            room = width - len(line) - 2
            if len(word) >= 9 and room >= 4 and word.isalpha():
                lines.append(f"{line} {word[:room]}-")
                line = word[room:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
        lines.append("")
    return lines[:-1]


@pytest.fixture
def pdf_lines() -> Callable[..., list[str]]:
    return wrap_for_pdf


def build_docx(
    paragraphs: Sequence[str],
    *,
    heading: str | None = None,
    title_property: str | None = None,
    author: str | None = None,
    table: Sequence[Sequence[str]] | None = None,
) -> bytes:
    """A Word document made with python-docx: optional Title paragraph, the paragraphs,
    then an optional table after the second paragraph."""
    import datetime as dt

    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=0)
    for index, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if table and index == 1:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    properties = document.core_properties
    properties.title = title_property or ""
    properties.author = author or ""
    properties.created = dt.datetime(2026, 1, 14, 9, 32)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return build_docx
