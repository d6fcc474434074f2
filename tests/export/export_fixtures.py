"""Helpers for the export tests: the bundled drone sample in a real SQLite database.

The sample (``resources/samples/drone_evidence``) has claims of both built-in labels,
verdicts, claimants, comments and notes linked with every stance. The module-scoped
``sample`` is shared read-only by the format tests; a test that changes data builds its
own with ``make_sample``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench.domain import (
    Article,
    Claim,
    ClaimStatus,
    EvidenceNote,
    Label,
    Link,
    Rating,
    Span,
    Stance,
    TextQuote,
)
from workbench.export.model import ArticleData, Report, ReportOptions
from workbench.services import Services, open_services
from workbench.services.reports import ReportService
from workbench.services.samples import load_sample

NOW = datetime(2026, 1, 16, 8, 30, tzinfo=UTC)
OPTIONS = ReportOptions(reviewer="Ana Reviewer", organisation="Northgate Fact Desk")


@dataclass
class Sample:
    services: Services
    article: Article
    reports: ReportService
    home: Path

    def report(self, options: ReportOptions = OPTIONS) -> Report:
        return self.reports.build(self.article.id, options, now=NOW)


def open_sqlite(root: Path, name: str = "export") -> Services:
    url = f"sqlite:///{root / f'{name}.sqlite'}"
    return open_services(url, data_dir=root / name, actor="tester")


def make_sample(root: Path) -> Sample:
    services = open_sqlite(root)
    article = load_sample(services.articles, services.claims, services.notes, services.labels)
    return Sample(services, article, ReportService(services.ctx), root / "export")


def flat(text: str) -> str:
    """Whitespace collapsed, for comparing text that was wrapped or re-flowed."""
    return " ".join(text.split())


ALLEGATION = Label(1, "Allegation", "#f4b400", "1", True, Rating("Unproven"), 0)
CONFIRMED = Label(2, "Confirmed", "#34a853", "2", True, Rating("True"), 1)


def tiny_data(
    text: str,
    claims: list[tuple[str, Label, str]],
    *,
    labels: tuple[Label, ...] = (ALLEGATION, CONFIRMED),
    notes: tuple[tuple[str, Stance, int], ...] = (),
    status: ClaimStatus = ClaimStatus.OPEN,
) -> ArticleData:
    """An ArticleData without a database: each claim is (quote, label, verdict), found in
    ``text`` (the first occurrence); each note is (title, stance, index of its claim in
    reading order)."""
    made = []
    for i, (quote, label, verdict) in enumerate(claims, start=1):
        start = text.index(quote)
        span = Span(start, start + len(quote))
        made.append(
            Claim(
                i,
                1,
                span,
                TextQuote(quote, text[max(0, start - 32) : start], text[span.end : span.end + 32]),
                label.id,
                verdict,
                f"Claimant {i}",
                None,
                f"Comment {i}",
                status,
                NOW,
                "tester",
                NOW,
                "tester",
            )
        )
    made.sort(key=lambda c: (c.span.start, c.span.end, c.id))
    note_rows = tuple(
        EvidenceNote(
            n, title, f"Body of {title}", f"https://example.org/{n}", f"Source {n}", NOW, 3
        )
        for n, (title, _stance, _claim) in enumerate(notes, start=1)
    )
    links = tuple(
        Link(made[index].id, n, stance, "tester", NOW)
        for n, (_title, stance, index) in enumerate(notes, start=1)
    )
    article = Article(
        1,
        "Tiny article",
        text,
        (),
        "By Someone",
        "Outlet",
        "https://example.org/a",
        None,
        NOW,
        "txt",
        "a" * 64,
        "en",
    )
    return ArticleData(article, labels, tuple(made), note_rows, links)
