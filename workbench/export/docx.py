"""The Word report (python-docx): for newsrooms that edit the fact-check further.

The article is written paragraph by paragraph with each claim's words shaded in its
label colour (run shading, ``w:shd``: any colour, unlike Word's highlight palette),
overlaps shaded darker, and a bold marker (label initial + number) after each claim.
Then a claims table and, per claim, the quote, its details and an evidence list with
links. Opens in Word and LibreOffice. python-docx makes the document, its styles and
tables; the paragraphs and rows are written as markup (``wordml``), which is far faster
for a long article.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.table import Table

from workbench.domain import EvidenceNote
from workbench.export import wordml
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
_FIELD_SPACE = 20  # twips: 1 pt after each "Name: value" line
_EVIDENCE_BODY_SPACE = 80  # 4 pt


def clean(text: str) -> str:
    """Text Word's XML can hold (control characters dropped)."""
    return _XML_ILLEGAL.sub("", text)


class _Body:
    """The document body: paragraphs are collected as markup and parsed in one batch,
    inserted before the body's closing ``w:sectPr``, whenever python-docx is to add
    something itself (a table) and at the end."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self._body = doc.element.body
        self._pending: list[str] = []
        self._style_ids: dict[str, str | None] = {}

    def paragraph(
        self, *runs: str, style: str | None = None, space_after: int | None = None
    ) -> None:
        style_id = self._style_id(style) if style is not None else None
        self._pending.append(wordml.paragraph(runs, style_id=style_id, space_after=space_after))

    def heading(self, text: str, level: int) -> None:
        runs = (wordml.run(text),) if text else ()
        self.paragraph(*runs, style="Title" if level == 0 else f"Heading {level}")

    def table(self, rows: int, cols: int) -> Table:
        self.flush()
        table: Table = self.doc.add_table(rows=rows, cols=cols)
        return table

    def link(self, url: str, text: str) -> str:
        """A hyperlink to ``url`` if it is http(s), else ``text`` as a plain run."""
        if not is_web_url(url):
            return wordml.run(clean(text))
        r_id = self.doc.part.relate_to(url.strip(), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        return wordml.hyperlink(r_id, clean(text))

    def flush(self) -> None:
        if not self._pending:
            return
        elements = wordml.parse(self._pending)
        self._pending = []
        end = self._body.sectPr
        at = self._body.index(end) if end is not None else len(self._body)
        self._body[at:at] = elements

    def _style_id(self, name: str) -> str | None:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self._style_ids[name]


def render_docx(report: Report) -> bytes:
    doc = Document()
    doc.core_properties.title = clean(report.title)[:255]
    doc.core_properties.author = clean(report.options.reviewer or report.options.organisation)
    out = _Body(doc)
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
    out.flush()
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _rgb(color: str) -> str:
    return safe_color(color)[1:].upper()


def _marker(c: ReportClaim) -> str:
    props = (
        wordml.BOLD
        + wordml.color(_rgb(ink(c.color)))
        + '<w:sz w:val="16"/><w:vertAlign w:val="superscript"/>'
        + wordml.shading(_rgb(c.color))
    )
    return wordml.run(f"\u00a0{c.marker}\u00a0", props)


def _field(out: _Body, name: str, value: str) -> None:
    if value:
        out.paragraph(
            wordml.run(f"{name}: ", wordml.BOLD),
            wordml.run(clean(value)),
            space_after=_FIELD_SPACE,
        )


def _metadata(out: _Body, report: Report) -> None:
    a, o = report.article, report.options
    _field(out, "Article", a.title)
    _field(out, "Source", " · ".join(x for x in (a.outlet, a.byline) if x))
    _field(out, "Published", fmt_date(a.published))
    if a.source_url:
        url = out.link(a.source_url, a.source_url)
        out.paragraph(wordml.run("URL: ", wordml.BOLD), url, space_after=_FIELD_SPACE)
    _field(out, "Reviewer", o.reviewer)
    _field(out, "Organisation", o.organisation)
    _field(out, "Generated", f"{fmt_date(report.generated_at)} by {report.generator}")


def _summary(out: _Body, report: Report) -> None:
    s = report.summary
    out.heading("Summary", level=1)
    evidence = f", {s.evidence_total} evidence links" if report.options.include_evidence else ""
    out.paragraph(wordml.run(f"{s.total} claims{evidence}."))
    rows = [("Label", s.by_label), ("Verdict", s.by_verdict), ("Status", s.by_status)]
    if report.options.include_evidence:
        rows.append(("Evidence stance", s.by_stance))
    table = out.table(rows=1, cols=3)
    table.style = "Light List Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Counted by", "Value", "Claims"), strict=True):
        cell.text = text
    for group, counts in rows:
        for name, n in counts:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = group, clean(name), str(n)


def _legend(out: _Body, report: Report) -> None:
    runs = [wordml.run("Legend: ", wordml.BOLD)]
    for entry in report.legend:
        props = (
            wordml.BOLD + wordml.color(_rgb(ink(entry.color))) + wordml.shading(_rgb(entry.color))
        )
        runs.append(wordml.run(f"\u00a0{entry.label.initial}\u00a0", props))
        runs.append(wordml.run(f" {clean(entry.label.name)} ({entry.count})    "))
    out.paragraph(*runs)


def _article(out: _Body, report: Report) -> None:
    text = report.article.text
    by_number = {c.number: c for c in report.claims}
    runs: list[str] = []
    for segment in report.segments:
        colors = [by_number[n].color for n in segment.claims]
        props = wordml.shading(_rgb(blend(colors))) if colors else ""
        for part in _BREAKS.split(text[segment.start : segment.end]):
            if not part:
                continue
            if "\n" in part:
                if part.count("\n") >= 2:
                    out.paragraph(*runs)
                    runs = []
                else:
                    runs.append(wordml.line_break())
                continue
            runs.append(wordml.run(clean(part), props))
        runs.extend(_marker(by_number[n]) for n in sorted(segment.ends))
    out.paragraph(*runs)


_CLAIM_COLUMNS = ("#", "Label", "Verdict", "Claimant", "Status", "Evidence", "Quote")


def _claims_table(out: _Body, report: Report) -> None:
    table = out.table(rows=1, cols=len(_CLAIM_COLUMNS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, _CLAIM_COLUMNS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    tbl = table._tbl
    widths = [None if col.w is None else col.w.twips for col in tbl.tblGrid.gridCol_lst]
    rows = [_claim_row(c, widths) for c in report.claims]
    tbl.extend(wordml.parse(rows))


def _claim_row(c: ReportClaim, widths: list[int | None]) -> str:
    values = (
        c.label.name,
        c.claim.verdict,
        c.claim.claimant,
        c.claim.status.value,
        str(len(c.evidence)),
        c.quote,
    )
    first = wordml.cell(widths[0], wordml.run(clean(c.marker), wordml.shading(_rgb(c.color))))
    rest = (wordml.cell(w, wordml.run(clean(v))) for w, v in zip(widths[1:], values, strict=True))
    return wordml.row([first, *rest])


def _claim_details(out: _Body, c: ReportClaim, *, with_evidence: bool) -> None:
    title = f"{c.marker} · {c.label.name}" + (f": {c.claim.verdict}" if c.claim.verdict else "")
    out.heading(clean(title), level=2)
    quote = clean(c.quote)
    out.paragraph(*([wordml.run(quote)] if quote else []), style="Quote")
    if not c.placed:
        out.paragraph(wordml.run("Not found in this revision of the article.", wordml.ITALIC))
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
    out.paragraph(wordml.run("Evidence", wordml.BOLD))
    if not c.evidence:
        out.paragraph(wordml.run("No evidence linked yet."), style="List Bullet")
    for e in c.evidence:
        n = e.note
        out.paragraph(*_evidence_runs(out, e.stance.value, n), style="List Bullet")
        if n.body.strip():
            body = clean(n.body.strip())
            out.paragraph(
                *([wordml.run(body)] if body else []),
                style="List Continue",
                space_after=_EVIDENCE_BODY_SPACE,
            )


def _evidence_runs(out: _Body, stance: str, n: EvidenceNote) -> Iterable[str]:
    yield wordml.run(f"{stance.upper()}: ", wordml.BOLD)
    yield wordml.run(clean(n.title))
    if n.source_url or n.source_title:
        yield wordml.run(" — ")
        yield out.link(n.source_url, n.source_title or n.source_url)
    if n.accessed_at:
        yield wordml.run(f" (accessed {fmt_date(n.accessed_at)})")
