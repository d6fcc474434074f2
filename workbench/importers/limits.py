"""The size limits every import keeps, read at call time (tests may lower them)."""

from __future__ import annotations

from workbench.importers import base
from workbench.importers.base import ImportRefused

_MB = 1024 * 1024


def check_file_size(size: int, file_name: str) -> None:
    """Refuse an empty file or one larger than ``base.MAX_FILE_BYTES``."""
    if size == 0:
        raise ImportRefused(
            f"“{file_name}” is empty (0 bytes). Check that it was saved or downloaded "
            "completely, then import it again."
        )
    if size > base.MAX_FILE_BYTES:
        raise ImportRefused(
            f"“{file_name}” is {_megabytes(size)}, more than the {_megabytes(base.MAX_FILE_BYTES)} "
            "the workbench imports. Save only the part you need to check in a new file "
            "and import that."
        )


def check_text_size(chars: int, file_name: str) -> None:
    """Refuse text longer than ``base.MAX_TEXT_CHARS`` characters (``file_name`` "" for a paste)."""
    if chars > base.MAX_TEXT_CHARS:
        raise ImportRefused(
            f"{subject(file_name)} holds {chars:,} characters of text, more than the "
            f"{base.MAX_TEXT_CHARS:,} the workbench accepts for one article. Save only the "
            "part you need to check in a new file and import that."
        )


def _megabytes(size: int) -> str:
    if size < _MB:
        return f"{size:,} bytes"
    return f"{size / _MB:,.1f} MB"


def subject(file_name: str) -> str:
    """How messages name the input: the file name in quotes, or "The pasted text"."""
    return f"“{file_name}”" if file_name else "The pasted text"
