"""The Markdown report: plain-text readable, quotes as blockquotes, a claims table, and
user text that cannot turn into markup."""

from __future__ import annotations

from export_fixtures import ALLEGATION, NOW, Sample, tiny_data
from markdown_it import MarkdownIt

from workbench.export.markdown import escape_md, render_markdown
from workbench.export.model import ReportOptions, build_report


def test_claims_table_quotes_labels_verdicts_and_evidence(sample: Sample) -> None:
    report = sample.report()
    md = render_markdown(report)
    assert md.startswith("# Fact-check: Dravenia says it gave Aurelia proof")
    assert "| # | Label | Verdict | Claimant | Status | Evidence | Quote |" in md
    for c in report.claims:
        assert f"| {c.marker} | {c.label.name} |" in md
        assert f"> {escape_md(c.quote)}" in md
        assert f"[{c.marker}]" in md  # the marker in the article text
    assert "### A8. Allegation: Mostly false" in md
    assert "- **contradicts:** Ministry of Defence daily bulletin, Jan. 9" in md
    assert "<https://example.org/dravenia-mod/bulletins/2026-01-09>" in md
    assert "(accessed 2026-01-14 10:00 UTC)" in md
    assert "- **Reviewer:** Ana Reviewer" in md
    assert (
        "- **URL:** <https://news.example.org/world/2026/01/14/dravenia-drone-evidence-aurelia>"
        in md
    )


def test_rendered_markdown_shows_user_text_as_typed() -> None:
    payload = "<script>alert(1)</script> *not bold* [link](javascript:x) | pipe"
    text = f"Intro. He said {payload} today.\n\n# Not a heading\n\n1. not a list"
    data = tiny_data(text, [("He said", ALLEGATION, payload)])
    md = render_markdown(build_report(data, ReportOptions(), generated_at=NOW))
    html = MarkdownIt("commonmark").render(md)
    assert "<script>" not in html
    assert "<em>" not in html
    assert 'href="javascript' not in html
    assert "<h1>Not a heading</h1>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_without_evidence_there_is_no_evidence_section(sample: Sample) -> None:
    md = render_markdown(sample.report(ReportOptions(include_evidence=False)))
    assert "**Evidence:**" not in md
    assert "evidence links" not in md
