"""The HTML report: complete, self-contained, and safe to open whatever the user typed.

The browser tests open the report in a real headless Chromium: the highlights in the
DOM match the claims, no script from user text runs, and nothing is fetched (a loopback
server the payloads point at must hear nothing).
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from export_fixtures import ALLEGATION, CONFIRMED, NOW, OPTIONS, Sample, flat, tiny_data

from workbench.domain import ClaimFields, LabelSpec, NoteFields, Span, Stance
from workbench.export.html import CSP, render_html
from workbench.export.model import ReportOptions, build_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (Debian: apt-get install chromium; .ci/run does)"
)


class Marks(HTMLParser):
    """Counts ``mark.claim`` elements and collects every tag and attribute seen."""

    def __init__(self) -> None:
        super().__init__()
        self.claims: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        classes = (dict(attrs).get("class") or "").split()
        if tag == "mark" and "claim" in classes:
            self.claims.append(dict(attrs).get("data-claim") or "")


def parse(html: str) -> Marks:
    marks = Marks()
    marks.feed(html)
    return marks


def test_the_report_holds_every_claim_with_its_label_verdict_and_evidence(
    sample: Sample,
) -> None:
    report = sample.report()
    html = render_html(report)
    text = flat(html)
    for c in report.claims:
        assert flat(c.quote).replace("'", "&#39;") in text
        assert f'id="{c.anchor}"' in html and f'href="#{c.anchor}"' in html
        assert c.marker in html
        if c.claim.verdict:
            assert f'<span class="verdict">{c.claim.verdict}</span>' in html
    assert "Allegation" in html and "Confirmed" in html
    assert "Aurelian embassy statement on the attaché meeting" in html
    assert "accessed 2026-01-14 10:00 UTC" in html
    assert 'href="https://example.org/ceasefire-mission/reports/weekly-2026-01-08"' in html
    assert "<strong>41 drones</strong>" in html  # note bodies are Markdown
    assert "Ana Reviewer" in html and "Northgate Fact Desk" in html
    assert "Generated</dt><dd>2026-01-16 08:30 UTC" in html
    assert "@media print" in html
    assert len(parse(html).claims) == len(report.claims) == 8


def test_self_contained_with_a_strict_policy_and_no_scripts(sample: Sample) -> None:
    html = render_html(sample.report())
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    seen = parse(html)
    assert "script" not in seen.tags and "link" not in seen.tags and "img" not in seen.tags
    assert not [a for a in seen.attributes if a.startswith("on")]
    assert "src=" not in html


def test_overlapping_claims_get_one_highlight_each_and_continuations() -> None:
    text = "The minister said the bridge will open in May and cost nothing."
    data = tiny_data(
        text,
        [
            ("the bridge will open in May", ALLEGATION, ""),
            ("open in May and cost nothing", CONFIRMED, ""),
        ],
    )
    report = build_report(data, ReportOptions(), generated_at=NOW)
    html = render_html(report)
    assert len(parse(html).claims) == 2
    assert 'class="claim-part' in html  # the second claim continues past the first's end
    assert html.count('class="marker') == 2


def test_user_text_is_escaped_everywhere() -> None:
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    text = f"Intro. {payload} was said. End."
    data = tiny_data(text, [("was said", ALLEGATION, payload)])
    html = render_html(
        build_report(data, ReportOptions(title=payload, reviewer=payload), generated_at=NOW)
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- in a real browser ----------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1 that records every request it gets."""
    requests: ClassVar[list[str]] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


def dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def _xss_article(sample: Sample, port: int) -> tuple[int, int]:
    """An article whose text, claimant, comment, note and label carry attacks; returns the
    article id and its claim count."""
    pwn = "document.body.setAttribute('data-pwned','1')"
    script = f"<script>{pwn}</script>"
    img = f'<img src="http://127.0.0.1:{port}/x" onerror="{pwn}">'
    text = (
        f"Officials said {script} the dam is safe. Critics said {img} it leaks badly.\n\n"
        f"A third view: <style>body{{background:url(http://127.0.0.1:{port}/css)}}</style> "
        "nothing is known."
    )
    from workbench.importers.base import ImportedArticle

    article = sample.services.articles.add(
        ImportedArticle(text=text, title=f"XSS {script}", source_format="txt", original=b"x"),
        source_url=f"javascript:{pwn}",
    )
    svc = sample.services
    evil_label = svc.labels.create(LabelSpec(f"Odd {img}", "#3366cc"))
    allegation = svc.labels.by_name("Allegation")
    fields = ClaimFields(claimant=f"Minister {script}", comment=f"Says {img}", verdict=script)

    def span(quote: str) -> Span:
        start = text.index(quote)
        return Span(start, start + len(quote))

    claims = [
        svc.claims.tag(article.id, span(f"said {script} the dam is safe"), allegation.id, fields),
        svc.claims.tag(article.id, span("the dam is safe. Critics"), evil_label.id, fields),
        svc.claims.tag(article.id, span(f"{img} it leaks"), allegation.id, fields),
        svc.claims.tag(article.id, span("nothing is known"), evil_label.id),
    ]
    note = svc.notes.create(
        NoteFields(
            title=f"Note {script}",
            body=f"{script}\n\n{img}\n\n![pic](http://127.0.0.1:{port}/md.png) "
            f"[click](javascript:{pwn})",
            source_url=f"http://127.0.0.1:{port}/source",
            source_title=f"Source {img}",
        )
    )
    svc.notes.link(claims[0].id, note.id, Stance.CONTRADICTS)
    return article.id, len(claims)


@pytest.mark.browser
@needs_chromium
def test_in_chromium_no_script_runs_and_nothing_is_fetched(
    fresh_sample: Sample, loopback: tuple[int, list[str]], tmp_path: Path
) -> None:
    port, requests = loopback
    article_id, claim_count = _xss_article(fresh_sample, port)
    page = fresh_sample.reports.export(article_id, "html", tmp_path / "xss.html", OPTIONS)
    dom = dump_dom(page, tmp_path / "profile")
    seen = parse(dom)
    assert len(seen.claims) == claim_count
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "data-pwned=" not in dom
    assert requests == [], f"the report made requests: {requests}"
    assert "&lt;script&gt;" in dom  # the payload is shown as text


@pytest.mark.browser
@needs_chromium
def test_in_chromium_the_sample_has_one_highlight_per_claim(sample: Sample, tmp_path: Path) -> None:
    page = sample.reports.export(sample.article.id, "html", tmp_path / "sample.html", OPTIONS)
    dom = dump_dom(page, tmp_path / "profile")
    assert len(parse(dom).claims) == len(sample.report().claims) == 8


def test_a_template_compiled_in_steps_is_used_by_get_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workbench.export.templates import environment, precompile

    env = environment()
    env.cache.clear()  # type: ignore[union-attr]
    steps = list(precompile("report_pdf.html.j2"))
    assert len(steps) == 2  # three steps: two pauses between them

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("get_template compiled the template again")

    monkeypatch.setattr(env, "compile", refuse)
    template = env.get_template("report_pdf.html.j2")
    assert template.name == "report_pdf.html.j2"
