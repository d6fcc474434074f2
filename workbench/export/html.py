"""The HTML report: one self-contained file an editor can open, print or archive.

No scripts and no external requests: CSS is inline, a Content-Security-Policy meta
allows nothing but inline styles and ``data:`` images, and every piece of user text is
escaped (Jinja2 autoescape; the annotated article and note bodies are built here from
escaped pieces). Claims are drawn as ``<mark class="claim">``, one per claim, with
``claim-part`` marks continuing a claim where another one overlaps it, and a marker
(label initial + number) after each claim that links to its entry in the claims list.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from workbench.export.model import Report, ReportClaim
from workbench.export.templates import render

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(report: Report) -> str:
    """The complete report as one HTML document."""
    return render(
        "report.html.j2",
        report=report,
        csp=Markup(CSP),  # our constant; escaping would turn its quotes into entities
        article_html=annotated_text(report),
    )


def annotated_text(report: Report) -> Markup:
    """The article text with a ``mark`` per claim and a marker after each claim's end."""
    text = report.article.text
    by_number = {c.number: c for c in report.claims}
    out: list[str] = []
    for segment in report.segments:
        piece = str(escape(text[segment.start : segment.end]))
        opening = [_mark(by_number[n], first=n in segment.starts) for n in segment.claims]
        out.append("".join(opening) + piece + "</mark>" * len(opening))
        out.extend(_marker(by_number[n]) for n in sorted(segment.ends))
    return Markup("".join(out))


def _mark(claim: ReportClaim, *, first: bool) -> str:
    label = escape(claim.label.name)
    if first:
        return (
            f'<mark class="claim l{claim.label_index}" id="t-{claim.anchor}" '
            f'data-claim="{claim.number}" title="{claim.marker}: {label}">'
        )
    return f'<mark class="claim-part l{claim.label_index}" data-claim="{claim.number}">'


def _marker(claim: ReportClaim) -> str:
    label = escape(claim.label.name)
    return (
        f'<a class="marker l{claim.label_index}" href="#{claim.anchor}" '
        f'aria-label="Claim {claim.number}, {label}">{escape(claim.marker)}</a>'
    )
