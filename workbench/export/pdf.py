"""The PDF report, made with Qt (QTextDocument + QPdfWriter): no extra system dependency.

The only module outside ``ui`` that imports PySide6 (ARCHITECTURE.md). The report is
laid out by QTextDocument from ``report_pdf.html.j2`` (the rich-text subset Qt knows),
paginated to the page's body area, and painted page by page so that each page gets a
footer with the report title and "Page n of N". Text stays selectable (fonts are
embedded); highlights are span backgrounds, overlaps drawn darker, each claim followed
by its marker (label initial + number) so colour is never the only cue.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from workbench.export.model import Report, blend, ink
from workbench.export.templates import render

Progress = Callable[[float], None]
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "LETTER": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
_CELL_PADDING = 2  # px: what the claims' detail tables had (td padding)
_app: QCoreApplication | None = None


def ensure_gui_app() -> None:
    """QTextDocument needs an application object (fonts); make an offscreen one if none
    runs. A QApplication rather than a QGuiApplication: once a QGuiApplication exists, any
    QWidget made later in the same process (a test run, an embedding tool) aborts it."""
    global _app
    if QCoreApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([])


def qt_html(report: Report) -> str:
    return render("report_pdf.html.j2", report=report, article_html=_annotated_text(report))


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NEXT_PARAGRAPH = '</p><p class="text">'


def _annotated_text(report: Report) -> Markup:
    """Segments as spans with a background (blended where claims overlap) plus markers.

    Each paragraph of the article is its own ``<p>`` (the template opens the first and
    closes the last): as one paragraph with line breaks, a long article was one text
    block that Qt drew in full for every page (1 MB: 28 ms a page, 15 s a report).
    """
    text = report.article.text
    by_number = {c.number: c for c in report.claims}
    out: list[str] = []
    for segment in report.segments:
        opening = closing = ""
        if segment.claims:
            color = blend([by_number[n].color for n in segment.claims])
            opening, closing = f'<span style="background-color: {color};">', "</span>"
        pieces = []
        for paragraph in _PARAGRAPH_BREAK.split(text[segment.start : segment.end]):
            # Explicit breaks: Qt drops a newline that directly follows an inline element.
            piece = str(escape(paragraph)).replace("\n", "<br>")
            pieces.append(f"{opening}{piece}{closing}" if piece else "")
        out.append(_NEXT_PARAGRAPH.join(pieces))
        for n in sorted(segment.ends):
            c = by_number[n]
            out.append(
                f'<span style="background-color: {c.color}; color: {ink(c.color)}; '
                f'font-family: sans-serif; font-size: 7.5pt; font-weight: 700;">'
                f"&nbsp;{escape(c.marker)}&nbsp;</span>"
            )
    return Markup("".join(out))


def render_pdf(report: Report, path: Path, *, progress: Progress | None = None) -> int:
    """Write the report to ``path``; returns the number of pages."""
    ensure_gui_app()
    size = PAGE_SIZES.get(report.options.page_size.upper(), QPageSize.PageSizeId.A4)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(size))
    writer.setPageMargins(QMarginsF(18, 16, 18, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(report.title)
    writer.setCreator(report.generator)

    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(_font(9))
    doc.setUndoRedoEnabled(False)
    doc.setHtml(qt_html(report))
    _prepare_blocks(doc, writer)
    # The layout is made only now: edits before it exists cost nothing to lay out (made
    # first, it laid out most of the report once more at unbounded width for them).
    doc.documentLayout().setPaintDevice(writer)
    if progress:
        progress(0.3)

    paint = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = RESOLUTION * 0.35  # inches -> device pixels, about 9 mm
    body = QSizeF(paint.width(), paint.height() - footer)
    doc.setPageSize(body)
    pages = doc.pageCount()

    painter = QPainter(writer)
    try:
        small = _font(7)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body.height())
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            painter.setClipRect(clip)  # draw() paints whole blocks that cross the page edge
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            doc.documentLayout().draw(painter, context)
            painter.restore()
            _footer(
                painter, small, QRectF(0, body.height(), body.width(), footer), report, page, pages
            )
            if progress:
                progress(0.3 + 0.7 * (page + 1) / pages)
    finally:
        painter.end()
    return pages


def _prepare_blocks(doc: QTextDocument, device: QPdfWriter) -> None:
    """Keep each block's shaped text from layout to drawing, and line up the claims'
    field lines (label, tab, value) as the two-column table they replace.

    QTextLayout drops its glyphs after layout unless its cache is on, so every line was
    shaped twice (about a third of the drawing time); the cache costs ~50 MB while a
    1 MB report is written.
    """
    cursor = QTextCursor(doc)
    metrics = QFontMetricsF(doc.defaultFont(), device)
    label_width = functools.cache(metrics.horizontalAdvance)
    cursor.beginEditBlock()  # one change for the document to process, not 5,000
    block = doc.begin()
    fields: list[QTextBlock] = []
    while block.isValid():
        block.layout().setCacheEnabled(True)
        if block.blockFormat().textIndent() < 0:  # class "field" in the template
            fields.append(block)
        elif fields:
            _line_up(cursor, fields, device, label_width)
            fields = []
        block = block.next()
    if fields:
        _line_up(cursor, fields, device, label_width)
    cursor.endEditBlock()


def _line_up(
    cursor: QTextCursor,
    fields: list[QTextBlock],
    device: QPdfWriter,
    label_width: Callable[[str], float],
) -> None:
    """One claim's field lines: labels padded as table cells were, values in a column
    after the widest label, wrapped lines under the values. Block margins are in device
    pixels here."""
    per_px = device.logicalDpiX() / 96
    pad = _CELL_PADDING * per_px
    widest = max(label_width(b.text().partition("\t")[0]) for b in fields)
    column = widest + 3 * pad
    # The tab stop counts from where the first line starts (pad), in 1/96 inch.
    tabs = [QTextOption.Tab((column - pad) / per_px, QTextOption.TabType.LeftTab)]
    for block in fields:
        fmt = block.blockFormat()
        fmt.setLeftMargin(column)
        fmt.setTextIndent(pad - column)
        fmt.setTabPositions(tabs)
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)


def _font(points: float) -> QFont:
    """The report font, without ligatures: extracted or copied text reads "fi", not "ﬁ"."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _footer(
    painter: QPainter, font: QFont, rect: QRectF, report: Report, page: int, pages: int
) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawLine(rect.topLeft(), rect.topRight())
    align = Qt.AlignmentFlag.AlignVCenter
    title = report.title if len(report.title) <= 90 else report.title[:89] + "…"
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignLeft, title)
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight, f"Page {page + 1} of {pages}")
    painter.restore()
