"""Decode the bytes of a text file (or web page) into a string, or refuse clearly.

The order is fixed, so the same bytes always give the same text:

1. A byte order mark decides: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE.
2. A known binary signature (PNG, ZIP, PDF, ...) or NUL bytes that are not the pattern of
   UTF-16/32 text: refused as "not a text".
3. UTF-16/32 without BOM, recognised by where the NUL bytes fall (ASCII-range text).
4. Strict UTF-8. A file that is UTF-8 except for a few stray bytes (a Windows curly quote
   pasted into a UTF-8 file: at least as many valid multi-byte characters as bad bytes)
   keeps its UTF-8 and reads the stray bytes as Windows-1252.
5. Otherwise charset-normalizer chooses among the legacy encodings in ``LEGACY_ENCODINGS``
   (Windows-1252 first, then Latin-1/9, Central European, Cyrillic, Greek, Turkish,
   Baltic, Mac Roman and the common East Asian encodings). Bytes that make sense in none
   of them are refused: "save it as UTF-8 and try again".

Whatever decoder was used, a result that still holds control characters beyond a trace
is refused as binary.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from workbench.importers.base import ImportRefused
from workbench.importers.sniff import binary_kind, refusal_for_kind

LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1257",
    "mac_roman",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_STRAY_ERRORS = "workbench-stray-cp1252"


def _stray_bytes_as_cp1252(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error(_STRAY_ERRORS, _stray_bytes_as_cp1252)


def decode_text(data: bytes, *, file_name: str) -> str:
    """The text in ``data``; ``ImportRefused`` naming ``file_name`` if it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_with_bom(data[len(bom) :], encoding, file_name), file_name)
    kind = binary_kind(data)
    if kind is not None:
        raise not_text(file_name, kind)
    if b"\x00" in data:
        wide = _utf16_or_32_without_bom(data)
        if wide is None:
            raise not_text(file_name)
        try:
            return _checked(data.decode(wide), file_name)
        except UnicodeDecodeError:
            raise not_text(file_name) from None
    return _checked(_decode_8bit(data, file_name), file_name)


def decode_declared(data: bytes, declared: str | None, *, file_name: str) -> str:
    """Like ``decode_text`` but trusting a declared charset (an HTML ``<meta charset>``)
    when the bytes are not plainly UTF-8 and decode cleanly with it."""
    if declared and not any(data.startswith(bom) for bom, _ in _BOMS) and b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8"), file_name)
        except UnicodeDecodeError:
            pass
        encoding = _whatwg_alias(declared)
        if encoding is not None:
            try:
                return _checked(data.decode(encoding), file_name)
            except (UnicodeDecodeError, LookupError):
                pass
    return decode_text(data, file_name=file_name)


def could_be_text(data: bytes) -> bool:
    """A cheap first look: False for bytes that are certainly not a text file."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return True
    if binary_kind(data) is not None:
        return False
    return b"\x00" not in data or _utf16_or_32_without_bom(data) is not None


def not_text(file_name: str, kind: str | None = None) -> ImportRefused:
    """Refusal for bytes that are not a text at all."""
    if kind is not None and kind not in ("pdf", "docx"):
        return refusal_for_kind(kind, file_name)
    if kind == "pdf":
        what = "a PDF document"
    elif kind == "docx":
        what = "a Word document"
    else:
        what = "binary data"
    return ImportRefused(
        f"“{file_name}” holds {what}, not text. If it is a PDF or Word file, give it the "
        "right extension (.pdf or .docx) and import it again; otherwise save the article "
        "as UTF-8 text and try again."
    )


def _decode_with_bom(body: bytes, encoding: str, file_name: str) -> str:
    if encoding == "utf-8":
        return body.decode("utf-8", errors=_STRAY_ERRORS)
    try:
        return body.decode(encoding)
    except UnicodeDecodeError:
        label = encoding.upper().replace("-LE", "").replace("-BE", "")
        raise ImportRefused(
            f"“{file_name}” is marked as {label} text, but part of it is damaged or cut "
            "off. Open it in a text editor, save it as UTF-8 text, and try again."
        ) from None


def _decode_8bit(data: bytes, file_name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _decode_utf8_lenient(data, require_mostly_valid=True)
    if mostly_utf8 is not None:
        return mostly_utf8
    match = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if match is None:
        raise ImportRefused(
            f"“{file_name}” is not readable text in any encoding the workbench knows. "
            "Open it in a text editor, save it as UTF-8 text, and try again."
        )
    return str(match)


def _decode_utf8_lenient(data: bytes, *, require_mostly_valid: bool = False) -> str | None:
    """UTF-8 with stray invalid bytes read as Windows-1252.

    With ``require_mostly_valid``, only when there are at least as many valid multi-byte
    UTF-8 characters as invalid bytes (a legacy 8-bit file has almost none: "é" followed
    by two bytes from 0x80-0xBF is needed to look like one).
    """
    if require_mostly_valid:
        replaced = data.decode("utf-8", errors="replace")
        bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
        good = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
        if good < bad or good == 0:
            return None
    return data.decode("utf-8", errors=_STRAY_ERRORS)


def _utf16_or_32_without_bom(data: bytes) -> str | None:
    """The UTF-16/32 codec whose NUL-byte pattern ``data`` shows (ASCII-range text), or None."""
    sample = data[:_SAMPLE]
    if len(data) % 4 == 0 and len(sample) >= 4:
        quads = len(sample) // 4
        columns = [sample[i::4].count(0) / quads for i in range(4)]
        if columns[0] < 0.1 and min(columns[1:]) > 0.9:
            return "utf-32-le"
        if columns[3] < 0.1 and min(columns[:3]) > 0.9:
            return "utf-32-be"
    if len(data) % 2 == 0 and len(sample) >= 2:
        pairs = len(sample) // 2
        even = sample[0::2].count(0) / pairs
        odd = sample[1::2].count(0) / pairs
        if odd >= 0.3 and even <= 0.02:
            return "utf-16-le"
        if even >= 0.3 and odd <= 0.02:
            return "utf-16-be"
    return None


def _checked(text: str, file_name: str) -> str:
    """``text`` unless control characters show it was binary data after all."""
    if "\x00" in text:
        raise not_text(file_name)
    sample = text[: _SAMPLE * 4]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise not_text(file_name)
    return text


_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


def _whatwg_alias(declared: str) -> str | None:
    """The codec a browser would use for a declared charset label (WHATWG aliases)."""
    label = declared.strip().lower()
    if label in ("utf-16", "utf-16le", "utf-16be", "utf-32"):
        return None  # a meta tag cannot really declare these (it would be unreadable)
    label = _WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
