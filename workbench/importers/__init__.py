"""Turn a file or a paste into an ``ImportedArticle``: clean text plus metadata.

Public API: ``read_file``, ``read_bytes``, ``read_pasted``, ``SUPPORTED_SUFFIXES``, and
from ``base``: ``ImportedArticle``, ``ImportRefused``, ``ImportCancelled``.

The format comes from the file's extension, unless the content plainly says otherwise:
a PDF or Word document saved under another name is read as what it is, an HTML page
named ``.txt`` as a page, and images, archives, old ``.doc``/RTF files are refused with
what to do. A file with an unknown extension is read as a page or text if it is one.

Every problem a fact-checker can meet ends as ``ImportRefused`` with a message that
names the file and says what to do; ``ImportCancelled`` passes through untouched. Any
other exception from a parsing library on a damaged file is turned into ``ImportRefused``
at this boundary.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path, PurePath

from workbench.importers import base
from workbench.importers.base import (
    ImportCancelled,
    ImportedArticle,
    ImportRefused,
    Progress,
    ShouldCancel,
)
from workbench.importers.encoding import could_be_text
from workbench.importers.limits import check_file_size, check_text_size
from workbench.importers.sniff import (
    binary_kind,
    has_pdf_header,
    looks_like_html,
    refusal_for_kind,
    unsupported,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ImportCancelled",
    "ImportRefused",
    "ImportedArticle",
    "Progress",
    "ShouldCancel",
    "read_bytes",
    "read_file",
    "read_pasted",
]

_Reader = Callable[..., ImportedArticle]
_READERS: dict[str, str] = {
    "txt": "txt:read_txt",
    "md": "markdown:read_markdown",
    "html": "html:read_html",
    "pdf": "pdf:read_pdf",
    "docx": "docx:read_docx",
}
"""Each format's reader, imported on first use: trafilatura, PDFium and python-docx
cost ~0.3 s to import, which a program start should not pay before it needs them."""


def _reader(fmt: str) -> _Reader:
    module, function = _READERS[fmt].split(":")
    reader: _Reader = getattr(importlib.import_module(f"workbench.importers.{module}"), function)
    return reader


def read_pasted(*, text: str | None = None, html: str | None = None) -> ImportedArticle:
    """Import text or HTML pasted from the clipboard (see ``importers.paste``)."""
    from workbench.importers.paste import read_pasted as read

    return read(text=text, html=html)


_FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMAT_BY_SUFFIX)
"""File extensions the workbench imports (lower case, with the dot)."""


def read_file(
    path: Path,
    *,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """Import the article in the file at ``path``; its size is checked before reading."""
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ImportRefused(
                f"“{name}” is a folder, not a file. Open the folder and import the article "
                "file inside it."
            )
        check_file_size(path.stat().st_size, name)
        with path.open("rb") as stream:
            data = stream.read(base.MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ImportRefused(
            f"“{name}” could not be opened ({reason}). Check that the file still exists and "
            "that you are allowed to read it, then try again."
        ) from exc
    return read_bytes(data, file_name=name, progress=progress, should_cancel=should_cancel)


def read_bytes(
    data: bytes,
    *,
    file_name: str,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """Import the article in ``data``, received as a file called ``file_name``."""
    name = PurePath(file_name).name or file_name or "untitled"
    check_file_size(len(data), name)
    if should_cancel is not None and should_cancel():
        raise ImportCancelled()
    if progress is not None:
        progress(0.0)
    try:
        reader = _reader(choose_format(data, name))
        article = reader(data, file_name=name, progress=progress, should_cancel=should_cancel)
    except (ImportRefused, ImportCancelled):
        raise
    except Exception as exc:
        raise ImportRefused(
            f"“{name}” could not be read: the file seems damaged ({type(exc).__name__}). "
            "Open it in the program that made it, save a new copy, and import that."
        ) from exc
    check_text_size(len(article.text), name)
    if progress is not None:
        progress(1.0)
    return dataclasses.replace(article, file_name=name)


def choose_format(data: bytes, file_name: str) -> str:
    """``txt``, ``md``, ``html``, ``pdf`` or ``docx`` for these bytes, or ``ImportRefused``."""
    claimed = _FORMAT_BY_SUFFIX.get(PurePath(file_name).suffix.lower())
    kind = binary_kind(data)
    if kind in ("pdf", "docx"):
        return kind
    if claimed == "pdf" and has_pdf_header(data):
        return "pdf"
    if kind == "zip" and claimed == "docx":
        return "docx"  # the Word reader explains "a ZIP, but not a Word document"
    if kind is not None:
        raise refusal_for_kind(kind, file_name)
    if claimed in ("pdf", "docx"):
        return claimed  # their readers refuse it with a message for that format
    if claimed in ("txt", "md", None) and looks_like_html(data):
        return "html"
    if claimed is not None:
        return claimed
    if not could_be_text(data):
        raise unsupported(file_name)
    return "txt"
