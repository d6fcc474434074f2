"""An article's text laid into its own QTextDocument on a worker thread.

``ArticleView.set_article`` sets text with ``setPlainText`` on the GUI thread, which
for a 1 MB article (with the claim highlighter installed) is hundreds of
milliseconds. ``prepare_text`` builds the same document off the GUI thread and moves
it there; ``ArticleView.expect`` then swaps it in (``article_loader`` drives this).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QThread
from PySide6.QtGui import QFont, QTextCursor, QTextDocument

from workbench.text import Utf16Map
from workbench.ui.highlighter import ClaimHighlighter, ClaimMark
from workbench.ui.spaced_layout import SpacedLayout

SLICE_CHARS = 16_000
"""Text inserted per step when a document is built on a worker. PySide6 holds the GIL
through one ``insertText`` (1 MB at once kept the GUI thread's Python waiting ~70-110 ms);
a slice of this size lets the GUI thread in every few milliseconds."""


@dataclass(eq=False)
class PreparedText:
    """An article's text laid into its own document on a worker (see ``prepare_text``)."""

    text: str
    utf16: Utf16Map
    document: QTextDocument
    layout: SpacedLayout
    highlighter: ClaimHighlighter


def prepare_text(
    text: str,
    *,
    marks: list[ClaimMark],
    heading: int,
    font: QFont,
    dark: bool,
    margin: float,
    gui_thread: QThread,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> PreparedText | None:
    """Build what ``ArticleView.set_article`` would build, off the GUI thread: the document
    on a ``SpacedLayout``, a ``ClaimHighlighter`` with ``marks`` (UTF-16) and the headline
    (``heading`` code points) installed before the text, and the text inserted in slices
    cut after a newline. The document is then moved to ``gui_thread``. None if cancelled
    (the half-built document is freed here, on its own thread)."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    layout = SpacedLayout(document)
    document.setDocumentLayout(layout)
    document.setDocumentMargin(margin)
    document.setDefaultFont(font)
    utf16 = Utf16Map(text)
    highlighter = ClaimHighlighter(document, dark=dark)
    highlighter.set_marks(marks, redo=False)
    if heading:
        highlighter.set_heading(
            utf16.to_utf16(min(heading, len(text))), point_size=font.pointSizeF()
        )
    cursor = QTextCursor(document)
    start = 0
    while start < len(text):
        if cancelled():
            return None
        cut = text.find("\n", start + SLICE_CHARS)
        end = len(text) if cut < 0 else cut + 1
        cursor.insertText(text[start:end])
        start = end
        if progress is not None:
            progress(start / len(text))
    document.moveToThread(gui_thread)
    return PreparedText(text, utf16, document, layout, highlighter)
