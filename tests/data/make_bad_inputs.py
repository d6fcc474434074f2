"""Write the binary and large files of the bad-input corpus (``tests/data/bad/``).

The text inputs (an empty file, a hostile and a malformed web page) are committed in
``tests/data/bad/``; everything binary, large or with a name a repository should not
hold is made here, the same bytes every time:

    python tests/data/make_bad_inputs.py OUT_DIR [--big]

``--big`` adds the 50 MB text file and a sparse file one byte over the attachment
limit (no disk blocks are used for it). The tests call :func:`make_all` into a
temporary directory and delete the big files afterwards; nothing large is committed.

PDFs come from the importer tests' hand-made PDF builder (``tests/importers/conftest.py``),
so the encrypted one is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
COMMITTED = HERE / "bad"
IMPORTER_FIXTURES = HERE.parent / "importers" / "conftest.py"

STORY = (
    "The ministry said 91 drones were launched overnight. None of them reached the "
    "residence, according to the statement. The figure could not be verified."
)
BIG_TEXT_BYTES = 50 * 1024 * 1024
LONG_LINE_BYTES = 5 * 1024 * 1024
ZIP_BOMB_UNPACKED = 300 * 1024 * 1024
"""What the bomb's main part unpacks to: over the DOCX reader's ratio limit, and far
more than a real document, yet cheap to compress (zeros)."""

NON_LATIN_NAME = "Статья 新闻 خبر.png"
NEWLINE_NAME = "two\nlines.png"
NON_LATIN_GOOD_NAME = "новости\n第二行 ✓.txt"


def _importer_fixtures() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_importer_fixtures", IMPORTER_FIXTURES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png() -> bytes:
    """A real 1x1 PNG (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _invalid_utf8() -> bytes:
    """UTF-8 prose broken every way a decoder can meet: lone continuation bytes, an
    overlong slash, an encoded surrogate, 0xFE/0xFF, and a sequence cut at the end."""
    good = "Der Minister sagte: „Wir haben Beweise“ – die Zahl 91 ist unbestätigt. ".encode()
    broken = [b"\x80\xbf", b"\xc0\xaf", b"\xed\xa0\x80", b"\xfe\xff", b"\xe2\x82"]
    return b"".join(good + bad for bad in broken) + good + b"\xf0\x9f\x98"


def _utf16_without_bom() -> bytes:
    return (STORY + "\n\nÜbersetzt: Die Zahl wurde nicht bestätigt.\n").encode("utf-16-le")


def _long_line() -> bytes:
    sentence = b"The ministry repeated that 91 drones were launched and none got through. "
    return (sentence * (LONG_LINE_BYTES // len(sentence) + 1))[:LONG_LINE_BYTES]


def _pdfs() -> dict[str, bytes]:
    fixtures = _importer_fixtures()
    build_pdf: Callable[..., bytes] = fixtures.build_pdf
    lines = [STORY[:80], STORY[80:]]
    whole = build_pdf([lines, lines], title="Drone claims")
    return {
        "truncated.pdf": whole[: len(whole) // 2],
        "encrypted.pdf": build_pdf([lines], user_password="secret"),
        "scan_without_text.pdf": build_pdf([[], []], drawing_only=True),
    }


def _docx_bomb() -> bytes:
    """A .docx whose main part declares 300 MB of zeros (about 300 KB compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        types = zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 1, 1, 0, 0, 0))
        archive.writestr(types, '<?xml version="1.0"?><Types/>')
        info = zipfile.ZipInfo("word/document.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            block = bytes(1 << 20)
            for _ in range(ZIP_BOMB_UNPACKED // len(block)):
                part.write(block)
    return out.getvalue()


def _docx_bomb_lying() -> bytes:
    """A .docx whose directory declares a 2 KB main part that really inflates to 64 MB
    (the sizes in both headers are patched down after writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/document.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"<w:document>" + bytes(64 * 1024 * 1024))
    data = bytearray(out.getvalue())
    real = struct.pack("<I", 64 * 1024 * 1024 + 12)
    lie = struct.pack("<I", 2048)
    count = data.count(real)
    assert count == 2, count  # local header and central directory
    return bytes(data.replace(real, lie))


def make_all(out: Path, *, big: bool = False) -> dict[str, Path]:
    """Write the corpus into ``out`` (committed text files are copied in); returns
    name -> path. With ``big``, also the 50 MB text and the oversized attachment."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "png_renamed.txt": _png(),
        "invalid_utf8.txt": _invalid_utf8(),
        "utf16_without_bom.txt": _utf16_without_bom(),
        "long_line_5mb.txt": _long_line(),
        **_pdfs(),
        "zip_bomb.docx": _docx_bomb(),
        "zip_bomb_lying_sizes.docx": _docx_bomb_lying(),
        "not_a_zip.docx": (STORY + "\n").encode(),
        NON_LATIN_NAME: _png(),
        NEWLINE_NAME: _png(),
        NON_LATIN_GOOD_NAME: (STORY + "\n").encode(),
    }
    written: dict[str, Path] = {}
    for source in sorted(COMMITTED.iterdir()):
        if source.is_file() and source.name != "README.md":
            written[source.name] = Path(shutil.copyfile(source, out / source.name))
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        written[name] = path
    if big:
        written.update(make_big(out))
    return written


def make_big(out: Path) -> dict[str, Path]:
    """The 50 MB text file and a sparse attachment one byte over the limit."""
    from workbench.services.notes import MAX_ATTACHMENT_BYTES

    text = out / "big_50mb.txt"
    paragraph = (STORY + "\n\n").encode()
    with text.open("wb") as f:
        block = paragraph * (1024 * 1024 // len(paragraph))
        while f.tell() + len(block) <= BIG_TEXT_BYTES:
            f.write(block)
        f.write(paragraph * ((BIG_TEXT_BYTES - f.tell()) // len(paragraph)))
    attachment = out / "attachment_over_limit.bin"
    with attachment.open("wb") as f:
        f.truncate(MAX_ATTACHMENT_BYTES + 1)
    return {text.name: text, attachment.name: attachment}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--big", action="store_true", help="also the 50 MB and over-limit files")
    args = parser.parse_args(argv)
    for name, path in make_all(args.out, big=args.big).items():
        print(f"{path.stat().st_size:>12}  {name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
