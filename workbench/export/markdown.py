"""The Markdown report: readable as plain text, tidy when rendered.

Claims are a table and then one section each, the quote as a blockquote; the article
text follows with a ``[A1]`` marker after each claim. User text is escaped so that it
shows as typed when rendered: no raw HTML, no links or emphasis it did not ask for.
"""

from __future__ import annotations

import re

from workbench.export.model import Report, ReportClaim, fmt_date, is_web_url

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])", re.MULTILINE)


def escape_md(text: str) -> str:
    """Backslash-escape what Markdown would turn into markup (and ``|`` for tables)."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _SPECIAL.sub(r"\\\1", text))


def _cell(text: str) -> str:
    return escape_md(" ".join(text.split())) or " "


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in escape_md(text).splitlines() or [""])


def render_markdown(report: Report) -> str:
    a, o, s = report.article, report.options, report.summary
    out = [f"# {escape_md(report.title)}", ""]
    url = a.source_url.strip()
    meta = [
        ("Article", escape_md(a.title)),
        ("Source", escape_md(" · ".join(x for x in (a.outlet, a.byline) if x))),
        ("Published", fmt_date(a.published)),
        ("URL", f"<{url}>" if is_web_url(url) else escape_md(url)),
        ("Reviewer", escape_md(o.reviewer)),
        ("Organisation", escape_md(o.organisation)),
        ("Generated", f"{fmt_date(report.generated_at)} by {report.generator}"),
    ]
    out += [f"- **{name}:** {value}" for name, value in meta if value]
    out += ["", "## Summary", ""]
    evidence = f", {s.evidence_total} evidence links" if o.include_evidence else ""
    out += [f"{s.total} claims{evidence}.", ""]
    for title, rows in (
        ("Label", s.by_label),
        ("Verdict", s.by_verdict),
        ("Status", s.by_status),
        *((("Evidence stance", s.by_stance),) if o.include_evidence else ()),
    ):
        out += [f"| {title} | Claims |", "| --- | ---: |"]
        out += [f"| {_cell(name)} | {n} |" for name, n in rows]
        out.append("")
    out += ["## Claims", "", "| # | Label | Verdict | Claimant | Status | Evidence | Quote |"]
    out.append("| --- | --- | --- | --- | --- | ---: | --- |")
    for c in report.claims:
        quote = c.quote if len(c.quote) <= 80 else c.quote[:79] + "…"
        out.append(
            f"| {c.marker} | {_cell(c.label.name)} | {_cell(c.claim.verdict)} | "
            f"{_cell(c.claim.claimant)} | {c.claim.status.value} | {len(c.evidence)} | "
            f"{_cell(quote)} |"
        )
    out.append("")
    for c in report.claims:
        out += _claim_section(c, with_evidence=o.include_evidence)
    out += ["## Article text", "", "Markers like [A1] follow each claim (see Claims).", ""]
    out += [_annotated_text(report), ""]
    return "\n".join(out)


def _claim_section(c: ReportClaim, *, with_evidence: bool) -> list[str]:
    title = f"### {c.marker}. {escape_md(c.label.name)}"
    if c.claim.verdict:
        title += f": {escape_md(c.claim.verdict)}"
    out = [title, "", _blockquote(c.quote), ""]
    if not c.placed:
        out += ["*Not found in this revision of the article.*", ""]
    rating = c.rating
    fields = [
        ("Verdict", c.claim.verdict or "no verdict yet"),
        ("Rating", rating.alternate_name if rating else ""),
        ("Claimant", c.claim.claimant),
        ("Claim date", fmt_date(c.claim.claim_date)),
        ("Status", c.claim.status.value),
        ("Comment", c.claim.comment),
        ("Tagged by", c.claim.created_by),
        ("Last edit by", c.claim.updated_by),
    ]
    out += [f"- **{k}:** {escape_md(' '.join(v.split()))}" for k, v in fields if v]
    out.append("")
    if with_evidence:
        out += ["**Evidence:**", ""]
        if not c.evidence:
            out += ["- none linked yet", ""]
        for e in c.evidence:
            n = e.note
            line = f"- **{e.stance.value}:** {escape_md(n.title)}"
            if n.source_title:
                line += f", {escape_md(n.source_title)}"
            if n.source_url:
                url = n.source_url.strip()
                line += f" <{url}>" if is_web_url(url) else f" {escape_md(url)}"
            if n.accessed_at:
                line += f" (accessed {fmt_date(n.accessed_at)})"
            out.append(line)
            if n.body.strip():
                out += [f"  {line}".rstrip() for line in _blockquote(n.body).splitlines()]
        out.append("")
    return out


def _annotated_text(report: Report) -> str:
    """The text escaped as a whole (so line starts stay right) with markers put in after."""
    text = report.article.text
    ends: dict[int, list[str]] = {}
    for c in report.placed_claims:
        ends.setdefault(c.span.end, []).append(f"[{c.marker}]")
    pieces: list[str] = []
    last = 0
    for i, offset in enumerate(sorted(ends)):
        pieces += [text[last:offset], f"\ue000{i}\ue001"]
        last = offset
    pieces.append(text[last:])
    escaped = escape_md("".join(pieces))
    markers = [" " + " ".join(ends[offset]) for offset in sorted(ends)]
    return _PLACEHOLDER.sub(lambda m: markers[int(m.group(1))], escaped).strip()
