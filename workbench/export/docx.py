"""The Word report (python-docx): for newsrooms that edit the fact-check further.

The article is written paragraph by paragraph with each claim's words shaded in its
label colour (run shading, ``w:shd``: any colour, unlike Word's highlight palette),
overlaps shaded darker, and a bold marker (label initial + number) after each claim.
Then a claims table and, per claim, the quote, its details and an evidence list with
links. Opens in Word and LibreOffice.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from workbench.export.model import (
    Report,
    ReportClaim,
    blend,
    fmt_date,
    ink,
    is_web_url,
    safe_color,
)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"(\s*\n\s*)")


def clean(text: str) -> str:
    """Text Word's XML can hold (control characters dropped)."""
    return _XML_ILLEGAL.sub("", text)


class _Appender:
    """Adds paragraphs at the end of the document body in constant time.

    python-docx's ``add_paragraph`` looks for the body's closing ``w:sectPr`` among all
    of the body's children, and setting a style by name scans every style for the
    default one, each time: a 1 MB article with 1,000 claims (20,000 paragraphs) took
    23 s, nearly all of it there. This finds both once.
    """

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self._body = doc.element.body
        self._end = self._body.sectPr
        self._style_ids: dict[str, str | None] = {}

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body.append(p)
        paragraph = Paragraph(p, self.doc._body)  # type: ignore[arg-type]
        if text:
            add_text(paragraph, text)
        if style is not None:
            p.style = self._style_id(style)  # type: ignore[attr-defined]
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def _style_id(self, name: str) -> str | None:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self._style_ids[name]


def render_docx(report: Report) -> bytes:
    doc = Document()
    doc.core_properties.title = clean(report.title)[:255]
    doc.core_properties.author = clean(report.options.reviewer or report.options.organisation)
    out = _Appender(doc)
    out.heading(clean(report.title), level=0)
    _metadata(out, report)
    _summary(out, report)
    out.heading("Annotated article", level=1)
    _legend(out, report)
    _article(out, report)
    out.heading("Claims", level=1)
    _claims_table(out, report)
    for c in report.claims:
        _claim_details(out, c, with_evidence=report.options.include_evidence)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False) -> Run:
    """``paragraph.add_run(text)`` (bold if asked) without python-docx's character-by-
    character scan for tabs and breaks when there are none: the article's runs hold a
    million characters."""
    if "\t" in text or "\n" in text or "\r" in text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        return run
    r = OxmlElement("w:r")
    if bold:
        props = OxmlElement("w:rPr")
        props.append(OxmlElement("w:b"))
        r.append(props)
    if text:
        t = OxmlElement("w:t")
        t.text = text
        if text != text.strip():
            t.set(qn("xml:space"), "preserve")
        r.append(t)
    paragraph._p.append(r)
    return Run(r, paragraph)  # type: ignore[arg-type]


def shade(run: Run, color: str) -> None:
    """Give a run a background fill (``#rrggbb``)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), safe_color(color)[1:].upper())
    run._r.get_or_add_rPr().append(shd)


def add_hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A clickable link (python-docx has no API for one); plain text unless http(s)."""
    if not is_web_url(url):
        paragraph.add_run(clean(text))
        return
    r_id = paragraph.part.relate_to(url.strip(), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1A57B8")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.extend([style, color, underline])
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.text = clean(text)
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link.append(run)
    paragraph._p.append(link)


def _marker(paragraph: Paragraph, c: ReportClaim) -> None:
    run = paragraph.add_run(f"\u00a0{c.marker}\u00a0")
    run.bold = True
    run.font.superscript = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor.from_string(ink(c.color)[1:].upper())
    shade(run, c.color)


def _field(out: _Appender, name: str, value: str) -> None:
    if not value:
        return
    p = out.paragraph()
    p.paragraph_format.space_after = Pt(1)
    add_text(p, f"{name}: ", bold=True)
    add_text(p, clean(value))


def _metadata(out: _Appender, report: Report) -> None:
    a, o = report.article, report.options
    _field(out, "Article", a.title)
    _field(out, "Source", " · ".join(x for x in (a.outlet, a.byline) if x))
    _field(out, "Published", fmt_date(a.published))
    if a.source_url:
        p = out.paragraph()
        p.paragraph_format.space_after = Pt(1)
        p.add_run("URL: ").bold = True
        add_hyperlink(p, a.source_url, a.source_url)
    _field(out, "Reviewer", o.reviewer)
    _field(out, "Organisation", o.organisation)
    _field(out, "Generated", f"{fmt_date(report.generated_at)} by {report.generator}")


def _summary(out: _Appender, report: Report) -> None:
    s = report.summary
    out.heading("Summary", level=1)
    evidence = f", {s.evidence_total} evidence links" if report.options.include_evidence else ""
    out.paragraph(f"{s.total} claims{evidence}.")
    rows = [("Label", s.by_label), ("Verdict", s.by_verdict), ("Status", s.by_status)]
    if report.options.include_evidence:
        rows.append(("Evidence stance", s.by_stance))
    table = out.doc.add_table(rows=1, cols=3)
    table.style = "Light List Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Counted by", "Value", "Claims"), strict=True):
        cell.text = text
    for group, counts in rows:
        for name, n in counts:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = group, clean(name), str(n)


def _legend(out: _Appender, report: Report) -> None:
    p = out.paragraph()
    p.add_run("Legend: ").bold = True
    for entry in report.legend:
        run = p.add_run(f"\u00a0{entry.label.initial}\u00a0")
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(ink(entry.color)[1:].upper())
        shade(run, entry.color)
        p.add_run(f" {clean(entry.label.name)} ({entry.count})    ")


def _article(out: _Appender, report: Report) -> None:
    text = report.article.text
    by_number = {c.number: c for c in report.claims}
    paragraph = out.paragraph()
    for segment in report.segments:
        colors = [by_number[n].color for n in segment.claims]
        for part in _BREAKS.split(text[segment.start : segment.end]):
            if not part:
                continue
            if "\n" in part:
                if part.count("\n") >= 2:
                    paragraph = out.paragraph()
                else:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            run = add_text(paragraph, clean(part))
            if colors:
                shade(run, blend(colors))
        for n in sorted(segment.ends):
            _marker(paragraph, by_number[n])


def _claims_table(out: _Appender, report: Report) -> None:
    headers = ("#", "Label", "Verdict", "Claimant", "Status", "Evidence", "Quote")
    table = out.doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for c in report.claims:
        cells = table.add_row().cells
        values = (
            c.marker,
            c.label.name,
            c.claim.verdict,
            c.claim.claimant,
            c.claim.status.value,
            str(len(c.evidence)),
            c.quote,
        )
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean(value)
        shade(cells[0].paragraphs[0].runs[0], c.color)


def _claim_details(out: _Appender, c: ReportClaim, *, with_evidence: bool) -> None:
    title = f"{c.marker} · {c.label.name}" + (f": {c.claim.verdict}" if c.claim.verdict else "")
    out.heading(clean(title), level=2)
    out.paragraph(clean(c.quote), style="Quote")
    if not c.placed:
        out.paragraph("Not found in this revision of the article.").runs[0].italic = True
    rating = c.rating
    _field(out, "Verdict", c.claim.verdict or "no verdict yet")
    _field(out, "Rating", rating.alternate_name if rating else "")
    _field(out, "Claimant", c.claim.claimant)
    _field(out, "Claim date", fmt_date(c.claim.claim_date))
    _field(out, "Status", c.claim.status.value)
    _field(out, "Comment", c.claim.comment)
    _field(out, "Tagged by", c.claim.created_by)
    if not with_evidence:
        return
    out.paragraph().add_run("Evidence").bold = True
    if not c.evidence:
        out.paragraph("No evidence linked yet.", style="List Bullet")
    for e in c.evidence:
        n = e.note
        p = out.paragraph(style="List Bullet")
        add_text(p, f"{e.stance.value.upper()}: ", bold=True)
        add_text(p, clean(n.title))
        if n.source_url or n.source_title:
            p.add_run(" — ")
            add_hyperlink(p, n.source_url, n.source_title or n.source_url)
        if n.accessed_at:
            p.add_run(f" (accessed {fmt_date(n.accessed_at)})")
        if n.body.strip():
            body = out.paragraph(clean(n.body.strip()), style="List Continue")
            body.paragraph_format.space_after = Pt(4)
