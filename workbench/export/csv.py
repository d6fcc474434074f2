"""The CSV export: one row per claim-evidence pair, for spreadsheets and scripts.

A claim without evidence (or a report made without evidence) still gets one row, its
evidence columns empty. Column names are a stable interface: add new columns at the
end, never rename. Cells that a spreadsheet would run as a formula (starting with
``= + - @`` or a tab) get a leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io

from workbench.export.model import Report, ReportClaim, ReportEvidence

COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "article_url",
    "claim_number",
    "claim_marker",
    "claim_id",
    "label",
    "rating",
    "verdict",
    "status",
    "claimant",
    "claim_date",
    "quote",
    "start",
    "end",
    "comment",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
    "evidence_stance",
    "evidence_note_id",
    "evidence_title",
    "evidence_source_title",
    "evidence_source_url",
    "evidence_accessed_at",
    "evidence_reliability",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    """Keep a spreadsheet from evaluating user text as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(report: Report) -> str:
    """The CSV text (UTF-8 with a BOM when written, so Excel reads the accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for claim in report.claims:
        for evidence in claim.evidence or (None,):
            writer.writerow([defuse(v) for v in _row(report, claim, evidence)])
    return buffer.getvalue()


def _row(report: Report, c: ReportClaim, e: ReportEvidence | None) -> list[str]:
    a, claim = report.article, c.claim
    rating = c.rating
    row = [
        str(a.id),
        a.title,
        a.source_url,
        str(c.number),
        c.marker,
        str(claim.id),
        c.label.name,
        rating.alternate_name if rating else "",
        claim.verdict,
        claim.status.value,
        claim.claimant,
        claim.claim_date.isoformat() if claim.claim_date else "",
        claim.quote.exact,
        str(claim.span.start),
        str(claim.span.end),
        claim.comment,
        claim.created_by,
        claim.created_at.isoformat() if claim.created_at else "",
        claim.updated_by,
        claim.updated_at.isoformat() if claim.updated_at else "",
    ]
    if e is None:
        return row + [""] * 7
    n = e.note
    return [
        *row,
        e.stance.value,
        str(n.id),
        n.title,
        n.source_title,
        n.source_url,
        n.accessed_at.isoformat() if n.accessed_at else "",
        str(n.reliability) if n.reliability is not None else "",
    ]
