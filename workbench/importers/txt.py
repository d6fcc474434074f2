"""Plain text files (.txt): decode, normalize, and take the first line as the title."""

from __future__ import annotations

from workbench.importers.base import ImportedArticle, ImportRefused, Progress, ShouldCancel
from workbench.importers.encoding import decode_text
from workbench.importers.limits import check_text_size
from workbench.importers.normalize import first_line_title, normalize_text


def read_txt(
    data: bytes,
    *,
    file_name: str,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """The article in a plain text file."""
    raw = decode_text(data, file_name=file_name)
    check_text_size(len(raw), file_name)
    text = normalize_text(raw)
    if not text:
        raise no_text(file_name)
    return ImportedArticle(
        text=text,
        title=first_line_title(text),
        source_format="txt",
        original=data,
        file_name=file_name,
    )


def no_text(file_name: str) -> ImportRefused:
    """Refusal for a file that decodes fine but holds nothing but blanks."""
    return ImportRefused(
        f"“{file_name}” contains no text, only blank space. Check that it is the right "
        "file and that it was saved completely, then import it again."
    )
