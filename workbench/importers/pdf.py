"""PDF files: the text layer, page by page, rebuilt into paragraphs.

PDFium (pypdfium2, the engine of Chrome's PDF viewer) reads each page's text and where
every line starts (position and font size). Measured on 100-page reports it was 12 to 25
times faster than pypdf (a Qt-printed A4 report: about 1 s against 22-32 s). PDFium is
not thread-safe, so one PDF is read at a time in this process (a lock).

Lines become paragraphs by layout, the way a reader sees them: a new paragraph starts
after a larger vertical gap than the usual line spacing, at a change of font size
(headings), at an indented first line, after a short line that ends a sentence, or where
the text jumps up (next column). Running headers and footers that repeat on most pages,
and bare page numbers, are dropped. A word hyphenated across a line end is joined again
(``evi-`` + ``dence`` -> ``evidence``) unless the document spells it with the hyphen
elsewhere (``long-range``).

Refused, each with what to do: a file that is not a PDF, a truncated one, a damaged one,
a password-protected one, and one with no text layer (a scan: run OCR first). Progress
is reported per page and ``should_cancel`` is checked before each page.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from workbench.importers.base import (
    ImportCancelled,
    ImportedArticle,
    ImportRefused,
    Progress,
    ShouldCancel,
)
from workbench.importers.normalize import first_line_title, normalize_text, shorten
from workbench.importers.sniff import has_pdf_header

_PDFIUM = threading.Lock()
"""PDFium must not be used from two threads at once."""

LINE_END_HYPHEN = "\ufffe"
"""What PDFium puts where it joined a word hyphenated across a line end."""
_LINE_BREAKS = re.compile(r"[^\r\n]+")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_HYPHENATED_END = re.compile(r"([^\W\d_]+)[-\u2010\ufffe]$")
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_JOINED_HYPHEN = re.compile(r"([^\W\d_]+)\ufffe([^\W\d_]+)?")
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite|página|pagina|strona|стр\.?)?\s*[-–—(\[]?\s*#\s*"
    r"(?:[-–—)\]]|(?:of|/|de|von|z|из)\s*#)?\s*$"
)
_JUNK_TITLES = re.compile(
    r"^(?:untitled|unbenannt|sans titre|document\d*|microsoft word - .*"
    r"|.*\.(?:docx?|pdf|odt|rtf))$",
    re.I,
)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_EDGE_LINES = 3


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    x: float | None = None
    y: float | None = None
    size: float | None = None
    y_end: float | None = None
    """Baseline of the line's last letter, lower than ``y`` where PDFium joined lines."""

    @property
    def bottom(self) -> float | None:
        return self.y if self.y_end is None else self.y_end


def read_pdf(
    data: bytes,
    *,
    file_name: str,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """The article in a PDF's text layer."""
    name = f"“{file_name}”"
    if not has_pdf_header(data):
        raise ImportRefused(
            f"{name} is not a PDF file, although its name says so (it may be a web page or "
            "an error message saved under that name). Download or copy the PDF again, then "
            "import it."
        )
    if b"%%EOF" not in data[-2048:]:
        raise ImportRefused(
            f"{name} is incomplete: the PDF stops before its end, so the download or copy "
            "was probably cut off. Download or copy it again, then import it."
        )
    with _PDFIUM:
        document = _open(data, file_name)
        try:
            pages = _read_pages(document, file_name, progress, should_cancel)
            title, author, created = _metadata(document)
        finally:
            document.close()
    text = normalize_text(assemble_paragraphs(pages))
    if not any(ch.isalnum() for ch in text):
        raise ImportRefused(
            f"{name} has no text layer: it looks like a scan or a picture of text. Run text "
            "recognition (OCR) on it first, for example in your PDF reader, then import the "
            "result."
        )
    return ImportedArticle(
        text=text,
        title=shorten(title) if title else first_line_title(text),
        source_format="pdf",
        original=data,
        file_name=file_name,
        byline=author,
        published=created,
    )


def _open(data: bytes, file_name: str) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ImportRefused(
                f"“{file_name}” is password-protected. Remove the protection (open it with "
                "the password and save or print it as a new PDF without one), then import "
                "it again."
            ) from exc
        raise _damaged(file_name) from exc
    except Exception as exc:
        raise _damaged(file_name) from exc


def _damaged(file_name: str) -> ImportRefused:
    return ImportRefused(
        f"“{file_name}” is a damaged PDF that cannot be read. Open it in a PDF viewer and "
        "save or print it as a new PDF, or download it again, then import it."
    )


def _read_pages(
    document: Any,
    file_name: str,
    progress: Progress | None,
    should_cancel: ShouldCancel | None,
) -> list[list[_Line]]:
    try:
        count = len(document)
    except Exception as exc:
        raise _damaged(file_name) from exc
    if count == 0:
        raise ImportRefused(f"“{file_name}” has no pages. Check that it is the right file.")
    pages: list[list[_Line]] = []
    for index in range(count):
        if should_cancel is not None and should_cancel():
            raise ImportCancelled()
        try:
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_visible(_page_lines(textpage), page))
                finally:
                    textpage.close()
            finally:
                page.close()
        except Exception as exc:
            raise ImportRefused(
                f"Page {index + 1} of “{file_name}” is damaged and cannot be read. Open the "
                "PDF in a PDF viewer, save or print it as a new PDF, and import that."
            ) from exc
        if progress is not None:
            progress((index + 1) / count)
    return pages


def _visible(lines: list[_Line], page: Any) -> list[_Line]:
    """Lines without those drawn mostly off the page (some printers repeat a line cut in
    half at a page break on both pages; the reader sees only the visible half)."""
    try:
        if page.get_rotation() != 0:
            return lines
        _left, bottom, _right, top = page.get_cropbox()
    except Exception:
        return lines
    return [
        line
        for line in lines
        if line.y is None or not line.size or bottom <= line.y + 0.5 * line.size <= top
    ]


def _page_lines(textpage: Any) -> list[_Line]:
    """The page's text lines, each with where its first letter sits (None if unknown)."""
    text: str = textpage.get_text_range()
    handle = textpage.raw
    wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    lines: list[_Line] = []
    for match in _LINE_BREAKS.finditer(text):
        segment = match.group()
        content = " ".join(segment.split())
        if not content:
            continue
        first = match.start() + len(segment) - len(segment.lstrip())
        where = _where(handle, first + sum(1 for i in wide if i < first))
        if where is None:
            lines.append(_Line(content))
            continue
        y_end = None
        if LINE_END_HYPHEN in segment:
            last = match.start() + len(segment.rstrip()) - 1
            end = _where(handle, last + sum(1 for i in wide if i < last))
            y_end = end[1] if end is not None else None
        lines.append(_Line(content, *where, y_end=y_end))
    return lines


def _where(handle: Any, text_index: int) -> tuple[float, float, float] | None:
    """Origin (x, y on the baseline) and font size of the char at a text index."""
    char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(handle, text_index)
    if char_index < 0:
        return None
    x, y = ctypes.c_double(), ctypes.c_double()
    if not pdfium_c.FPDFText_GetCharOrigin(handle, char_index, x, y):
        return None
    size = float(pdfium_c.FPDFText_GetFontSize(handle, char_index))
    return float(x.value), float(y.value), size


def assemble_paragraphs(pages: list[list[_Line]]) -> str:
    """Paragraphs (blank-line separated) from every page's lines."""
    pages = _drop_running_heads(pages)
    leading = _typical_leading(pages)
    vocabulary = _vocabulary(pages)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    last: _Line | None = None
    last_typical = 0
    for lines in pages:
        typical = _typical_length(lines)
        margin = _left_margin(lines)
        previous: _Line | None = None
        for line in lines:
            if not line.text:
                if current:
                    paragraphs.append(current)
                    current = []
                previous = None
                continue
            if current:
                if previous is None:
                    starts_new = _page_break_ends_paragraph(last, line, last_typical)
                else:
                    starts_new = _starts_paragraph(previous, line, leading, typical, margin)
                if starts_new:
                    paragraphs.append(current)
                    current = []
            current.append(line.text)
            previous = last = line
        last_typical = typical
    if current:
        paragraphs.append(current)
    return "\n\n".join(_join_paragraph(lines, vocabulary) for lines in paragraphs)


def _starts_paragraph(
    previous: _Line, line: _Line, leading: float | None, typical: int, margin: float | None
) -> bool:
    if previous.bottom is not None and line.y is not None and leading:
        gap = previous.bottom - line.y
        if gap < -0.5 * leading or gap > 1.3 * leading:
            return True
    if (
        previous.size
        and line.size
        and abs(previous.size - line.size) > 0.15 * max(previous.size, line.size)
    ):
        return True
    if (
        margin is not None
        and previous.x is not None
        and line.x is not None
        and line.size
        and abs(previous.x - margin) < 0.5 * line.size
        and line.x - margin > 0.8 * line.size
    ):
        return True
    if typical and _SENTENCE_END.search(previous.text) and len(previous.text) < 0.75 * typical:
        return True
    starts_upper = line.text[:1].isupper() or line.text[:1].isdigit()
    return bool(typical and len(previous.text) < 0.5 * typical and starts_upper)


def _page_break_ends_paragraph(last: _Line | None, first: _Line, typical: int) -> bool:
    """Across a page break a paragraph goes on mid-sentence, in the same font size, into a
    lower-case word or after a full-width line."""
    if last is None or _SENTENCE_END.search(last.text):
        return True
    if last.size and first.size and abs(last.size - first.size) > 0.15 * last.size:
        return True
    full = bool(typical) and len(last.text) >= 0.75 * typical
    return not (first.text[:1].islower() or full)


def _join_paragraph(lines: list[str], vocabulary: set[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = _join(text, line)
    if LINE_END_HYPHEN not in text:
        return text
    return _JOINED_HYPHEN.sub(
        lambda match: _rejoin(match.group(1), match.group(2) or "", vocabulary), text
    )


def _join(left: str, right: str) -> str:
    """Two lines of one paragraph; a line-end hyphen before a lower-case word is marked
    with ``LINE_END_HYPHEN`` for ``_rejoin``, as PDFium does itself."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if _HYPHENATED_END.search(left) and right[:1].islower():
        return left[:-1] + LINE_END_HYPHEN + right
    return f"{left} {right}"


def _rejoin(head: str, tail: str, vocabulary: set[str]) -> str:
    """A word split by a line-end hyphen: without the hyphen, unless the document spells it
    with one elsewhere, the second part is capitalised (``Anglo-American``), or no
    letter follows."""
    if not tail or tail[0].isupper():
        return f"{head}-{tail}"
    hyphenated, solid = f"{head}-{tail}".lower(), f"{head}{tail}".lower()
    if hyphenated in vocabulary and solid not in vocabulary:
        return f"{head}-{tail}"
    return head + tail


def _vocabulary(pages: list[list[_Line]]) -> set[str]:
    """Lower-case words (hyphenated ones whole) as the document spells them mid-line."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(word.replace("\u2010", "-") for word in _WORDS.findall(line.text.lower()))
    return words


def _drop_running_heads(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Pages without the lines at their top or bottom that are page numbers, or that repeat
    (same text but for numbers, same height on the page) on at least half of 3+ pages.
    A page's last remaining line is never dropped."""
    if len(pages) < 2:
        return pages
    counts: Counter[tuple[str, int | None]] = Counter()
    for lines in pages:
        counts.update({_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    threshold = max(3, math.ceil(len(pages) / 2))

    def running(line: _Line) -> bool:
        key = _key(line)
        return bool(key[0]) and (
            _PAGE_NUMBER.match(key[0]) is not None or (len(pages) >= 3 and counts[key] >= threshold)
        )

    cleaned: list[list[_Line]] = []
    for lines in pages:
        lines = [line for line in lines]
        for _ in range(_EDGE_LINES):
            for edge in (0, -1):
                while lines and not lines[edge].text:
                    lines.pop(edge)
                if sum(1 for line in lines if line.text) > 1 and running(lines[edge]):
                    lines.pop(edge)
        while lines and not lines[0].text:
            lines.pop(0)
        cleaned.append(lines)
    return cleaned


def _key(line: _Line) -> tuple[str, int | None]:
    """A line's text with numbers masked, and its height on the page to 4 points."""
    text = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
    return text, None if line.y is None else round(line.y / 4)


def _typical_leading(pages: list[list[_Line]]) -> float | None:
    gaps = []
    for lines in pages:
        for previous, line in itertools.pairwise(lines):
            if previous.bottom is None or line.y is None or not previous.text or not line.text:
                continue
            gap = previous.bottom - line.y
            size = line.size or 0
            if gap > 0 and (not size or gap < 4 * size):
                gaps.append(round(gap, 1))
    if not gaps:
        return None
    leading = float(statistics.median_low(gaps))
    if len(gaps) < 5:
        # too few lines to tell the line spacing from paragraph gaps: assume 1.25 x size
        sizes = [line.size for lines in pages for line in lines if line.size]
        if sizes:
            leading = min(leading, 1.25 * statistics.median_low(sizes))
    return leading


def _typical_length(lines: list[_Line]) -> int:
    lengths = sorted(
        len(line.text) for line in lines if line.text and LINE_END_HYPHEN not in line.text
    )
    if len(lengths) < 3:
        return 0
    return lengths[int(len(lengths) * 0.8)]


def _left_margin(lines: list[_Line]) -> float | None:
    xs = Counter(round(line.x) for line in lines if line.x is not None and line.text)
    if not xs:
        return None
    return float(xs.most_common(1)[0][0])


def _metadata(document: Any) -> tuple[str, str, date | None]:
    """Title, author and creation date from the document information, where usable."""
    try:
        info = document.get_metadata_dict(skip_empty=True)
    except Exception:
        return "", "", None
    title = " ".join(str(info.get("Title", "")).split())
    if _JUNK_TITLES.match(title):
        title = ""
    author = " ".join(str(info.get("Author", "")).split())
    return title, author, _pdf_date(str(info.get("CreationDate", "")))


def _pdf_date(value: str) -> date | None:
    """``D:YYYYMMDDHHmmSS...`` (PDF date string) to a date, None if unusable."""
    match = _PDF_DATE.match(value.strip())
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
