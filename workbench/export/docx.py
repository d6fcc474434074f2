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


def render_docx(report: Report) -> bytes:
    doc = Document()
    doc.core_properties.title = clean(report.title)[:255]
    doc.core_properties.author = clean(report.options.reviewer or report.options.organisation)
    doc.add_heading(clean(report.title), level=0)
    _metadata(doc, report)
    _summary(doc, report)
    doc.add_heading("Annotated article", level=1)
    _legend(doc, report)
    _article(doc, report)
    doc.add_heading("Claims", level=1)
    _claims_table(doc, report)
    for c in report.claims:
        _claim_details(doc, c, with_evidence=report.options.include_evidence)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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


def _field(doc: DocxDocument, name: str, value: str) -> None:
    if not value:
        return
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(1)
    p.add_run(f"{name}: ").bold = True
    p.add_run(clean(value))


def _metadata(doc: DocxDocument, report: Report) -> None:
    a, o = report.article, report.options
    _field(doc, "Article", a.title)
    _field(doc, "Source", " · ".join(x for x in (a.outlet, a.byline) if x))
    _field(doc, "Published", fmt_date(a.published))
    if a.source_url:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(1)
        p.add_run("URL: ").bold = True
        add_hyperlink(p, a.source_url, a.source_url)
    _field(doc, "Reviewer", o.reviewer)
    _field(doc, "Organisation", o.organisation)
    _field(doc, "Generated", f"{fmt_date(report.generated_at)} by {report.generator}")


def _summary(doc: DocxDocument, report: Report) -> None:
    s = report.summary
    doc.add_heading("Summary", level=1)
    evidence = f", {s.evidence_total} evidence links" if report.options.include_evidence else ""
    doc.add_paragraph(f"{s.total} claims{evidence}.")
    rows = [("Label", s.by_label), ("Verdict", s.by_verdict), ("Status", s.by_status)]
    if report.options.include_evidence:
        rows.append(("Evidence stance", s.by_stance))
    table = doc.add_table(rows=1, cols=3)
    table.style = "Light List Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Counted by", "Value", "Claims"), strict=True):
        cell.text = text
    for group, counts in rows:
        for name, n in counts:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = group, clean(name), str(n)


def _legend(doc: DocxDocument, report: Report) -> None:
    p = doc.add_paragraph()
    p.add_run("Legend: ").bold = True
    for entry in report.legend:
        run = p.add_run(f"\u00a0{entry.label.initial}\u00a0")
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(ink(entry.color)[1:].upper())
        shade(run, entry.color)
        p.add_run(f" {clean(entry.label.name)} ({entry.count})    ")


def _article(doc: DocxDocument, report: Report) -> None:
    text = report.article.text
    by_number = {c.number: c for c in report.claims}
    paragraph = doc.add_paragraph()
    for segment in report.segments:
        colors = [by_number[n].color for n in segment.claims]
        for part in _BREAKS.split(text[segment.start : segment.end]):
            if not part:
                continue
            if "\n" in part:
                if part.count("\n") >= 2:
                    paragraph = doc.add_paragraph()
                else:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            run = paragraph.add_run(clean(part))
            if colors:
                shade(run, blend(colors))
        for n in sorted(segment.ends):
            _marker(paragraph, by_number[n])


def _claims_table(doc: DocxDocument, report: Report) -> None:
    headers = ("#", "Label", "Verdict", "Claimant", "Status", "Evidence", "Quote")
    table = doc.add_table(rows=1, cols=len(headers))
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


def _claim_details(doc: DocxDocument, c: ReportClaim, *, with_evidence: bool) -> None:
    title = f"{c.marker} · {c.label.name}" + (f": {c.claim.verdict}" if c.claim.verdict else "")
    doc.add_heading(clean(title), level=2)
    doc.add_paragraph(clean(c.quote), style="Quote")
    if not c.placed:
        doc.add_paragraph("Not found in this revision of the article.").runs[0].italic = True
    rating = c.rating
    _field(doc, "Verdict", c.claim.verdict or "no verdict yet")
    _field(doc, "Rating", rating.alternate_name if rating else "")
    _field(doc, "Claimant", c.claim.claimant)
    _field(doc, "Claim date", fmt_date(c.claim.claim_date))
    _field(doc, "Status", c.claim.status.value)
    _field(doc, "Comment", c.claim.comment)
    _field(doc, "Tagged by", c.claim.created_by)
    if not with_evidence:
        return
    doc.add_paragraph().add_run("Evidence").bold = True
    if not c.evidence:
        doc.add_paragraph("No evidence linked yet.", style="List Bullet")
    for e in c.evidence:
        n = e.note
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{e.stance.value.upper()}: ").bold = True
        p.add_run(clean(n.title))
        if n.source_url or n.source_title:
            p.add_run(" — ")
            add_hyperlink(p, n.source_url, n.source_title or n.source_url)
        if n.accessed_at:
            p.add_run(f" (accessed {fmt_date(n.accessed_at)})")
        if n.body.strip():
            body = doc.add_paragraph(clean(n.body.strip()), style="List Continue")
            body.paragraph_format.space_after = Pt(4)
