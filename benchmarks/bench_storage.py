"""Storage and reports: full-text search over 1,000 articles, exporting 1,000 claims."""

from __future__ import annotations

import re
import time
from typing import Any

from benchmarks import fixtures, generate
from benchmarks.runner import Context
from benchmarks.table import Row, Target
from benchmarks.timing import repeat_ms, time_ms

SEARCH_ARTICLES = 1_000
SEARCH_SIZE = "5KB"
QUERIES = (
    "ceasefire",  # in many articles
    "electricity prices",  # two words
    "Haddad",  # a name
    "port authority contract",  # three words
    "vacc",  # a prefix, as typed
    "Tromsø",  # accented
    "Valparaíso Okonkwo",  # two rarer words
)
SNIPPET_WORDS = 16


def fill_corpus(ctx: Context) -> Any:
    def fill(services: Any) -> dict[str, Any]:
        count = 200 if ctx.quick else SEARCH_ARTICLES
        chars = 0
        for generated in generate.corpus(count, SEARCH_SIZE, ctx.seed):
            fixtures.store_article(services, generated)
            chars += len(generated.text)
        return {"articles": count, "chars": chars}

    return fill


def like_search(session: Any, query: str, limit: int = 50) -> list[tuple[Any, ...]]:
    """The baseline: every word as ``LIKE '%word%'`` (so the last one is a prefix too),
    the top ``limit`` by how often the first word occurs (a scan of every document, as
    any ranking needs), and a snippet around its first occurrence cut in Python."""
    from sqlalchemy import text

    words = re.findall(r"\w+", query)
    where = " AND ".join(f"(title LIKE :w{i} OR body LIKE :w{i})" for i in range(len(words)))
    params: dict[str, Any] = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    needle = words[0].casefold()
    rows = session.execute(
        text(
            "SELECT kind, ref_id, article_id, title, body, "
            "length(body) - length(replace(lower(body), :needle, '')) AS occurrences "
            f"FROM search_docs WHERE {where} ORDER BY occurrences DESC, id LIMIT :limit"
        ),
        {**params, "needle": needle, "limit": limit},
    ).all()
    hits = []
    for kind, ref_id, article_id, title, body, _ in rows:
        at = body.casefold().find(needle)
        before = body[max(0, at - 200) : at].split()[-SNIPPET_WORDS // 2 :]
        after = body[at : at + 200].split()[: SNIPPET_WORDS // 2]
        hits.append((kind, ref_id, article_id, title, " ".join(before + after)))
    return hits


def search(ctx: Context) -> list[Row]:
    path, info = ctx.store.database("corpus", fill_corpus(ctx))
    services = fixtures.open_db(path)
    try:
        fts: list[float] = []
        like: list[float] = []
        found: dict[str, int] = {}
        for query in QUERIES:  # warm both up (page cache, statement cache)
            services.search.search(query)
            with services.db.read() as s:
                like_search(s, query)
        for _ in range(ctx.runs):
            for query in QUERIES:
                started = time.perf_counter()
                hits = services.search.search(query)
                fts.append((time.perf_counter() - started) * 1000)
                found[query] = len(hits)
                with services.db.read() as s:
                    like.append(time_ms(lambda q=query, s=s: like_search(s, q)))
    finally:
        services.close()
    counts = ", ".join(f"{q!r} {n}" for q, n in found.items())
    return [
        Row(
            f"full-text search, {info['articles']:,} articles ({info['chars'] / 1e6:.1f} MB), "
            "top 50 + snippets",
            "ms",
            fts,
            targets=[Target(10.0)],
            baseline_name="LIKE scan, ranked",
            baseline_samples=like,
            note=f"{len(QUERIES)} queries x {ctx.runs} runs, FTS5 bm25 + snippet(); hits: {counts}",
        )
    ]


EXPORT_TARGETS_S = {"html": 1.0, "pdf": 3.0, "docx": 3.0}


def export(ctx: Context) -> list[Row]:
    ctx.qapp()  # the PDF is laid out by Qt
    from workbench.services.reports import ReportService

    path, info = ctx.main_db()
    services = fixtures.open_db(path)
    out = ctx.tmp / "export"
    rows = []
    try:
        reports = ReportService(services.ctx)
        claims = len(services.claims.for_article(info["mid"]))
        chars = len(services.articles.get(info["mid"]).text)
        for fmt, target in EXPORT_TARGETS_S.items():
            file = out / f"report.{fmt}"
            samples = repeat_ms(lambda f=fmt, p=file: reports.export(info["mid"], f, p), ctx.runs)
            size = file.stat().st_size
            rows.append(
                Row(
                    f"export {claims:,} claims: {fmt.upper()}",
                    "s",
                    [ms / 1000 for ms in samples],
                    targets=[Target(target)],
                    note=f"article of {chars / 1e6:.1f} MB with its text; file {size / 1e6:.1f} MB",
                )
            )
    finally:
        services.close()
    return rows
