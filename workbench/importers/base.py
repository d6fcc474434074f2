"""What every importer returns, the errors it may raise, and the limits it keeps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from workbench.domain.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest file we open at all (a long PDF report with images stays well under this)."""
MAX_TEXT_CHARS = 20 * 1024 * 1024
"""Largest extracted article text, in characters: far beyond any real article."""

Progress = Callable[[float], None]
"""Called with a fraction in [0, 1] as an import goes on."""
ShouldCancel = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class ImportedArticle:
    """Clean article text plus what the source said about itself."""

    text: str
    """Normalized plain text (see ``normalize.normalize_text``); paragraphs split by blank lines."""
    title: str
    source_format: str
    """``txt``, ``md``, ``html``, ``pdf``, ``docx`` or ``paste``."""
    original: bytes
    """The bytes as received, kept so the article can be re-read or proven later."""
    file_name: str = ""
    byline: str = ""
    outlet: str = ""
    source_url: str = ""
    published: date | None = None
    language: str = ""


class ImportRefused(UserError):
    """The input cannot become an article; the message names the file and what to do."""


class ImportCancelled(Exception):
    """The user pressed Cancel during a long import."""
