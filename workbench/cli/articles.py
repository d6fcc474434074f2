"""Commands on articles: import, list, sentences, search."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.cli.output import excerpt, table
from workbench.services import Services


def register(commands: Any) -> None:
    p = commands.add_parser("import", help="import article files (txt, md, html, pdf, docx)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--title", help="title to use instead of the one found in the file")
    p.add_argument("--url", help="the article's source URL")
    p.set_defaults(handler=import_files)

    p = commands.add_parser(
        "revise", help="import a corrected version of an article; its claims move over"
    )
    p.add_argument("article", metavar="ARTICLE", help="the article that was corrected")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=revise)

    p = commands.add_parser("list", help="list articles with claim counts per label")
    p.add_argument("--filter", default="", help="only titles or outlets containing this")
    p.set_defaults(handler=list_articles)

    p = commands.add_parser("sentences", help="print an article's numbered sentences")
    p.add_argument("article", metavar="ARTICLE", help="article id or a unique title fragment")
    p.set_defaults(handler=sentences)

    p = commands.add_parser("search", help="full-text search over articles, claims and notes")
    p.add_argument("query", nargs="+", metavar="QUERY")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=search)


def import_files(args: argparse.Namespace, services: Services) -> int:
    for path in args.files:
        article = services.articles.import_file(path, title=args.title, source_url=args.url)
        print(f"{article.id}\t{article.title}\t{len(article.sentences)} sentences")
    return 0


def revise(args: argparse.Namespace, services: Services) -> int:
    old = services.articles.find(args.article)
    result = services.revisions.import_revision(old.id, args.file)
    article = result.article
    print(f"{article.id}\t{article.title}\t{len(article.sentences)} sentences")
    print(f"{len(result.placed)} claims placed, {len(result.orphans)} orphaned")
    for orphan in result.orphans:
        print(f"orphan\tclaim {orphan.id}\t{excerpt(orphan.quote.exact, 80)}")
    return 0


def list_articles(args: argparse.Namespace, services: Services) -> int:
    labels = [label.name for label in services.labels.all()]
    rows = [
        [a.id, excerpt(a.title, 50), a.outlet, *[a.claim_counts.get(n, 0) for n in labels]]
        for a in services.articles.summaries(title_filter=args.filter)
    ]
    print(table(["id", "title", "outlet", *labels], rows))
    return 0


def sentences(args: argparse.Namespace, services: Services) -> int:
    article = services.articles.find(args.article)
    for number, span in enumerate(article.sentences, start=1):
        text = " ".join(article.text[span.start : span.end].split())
        print(f"{number}\t{span.start}:{span.end}\t{text}")
    return 0


def search(args: argparse.Namespace, services: Services) -> int:
    hits = services.search.search(" ".join(args.query), limit=args.limit)
    for hit in hits:
        where = f"article {hit.article_id}" if hit.article_id else "notes"
        title, snippet = excerpt(hit.title, 50), excerpt(hit.snippet, 90)
        print(f"{hit.kind} {hit.ref_id}\t{where}\t{title}\t{snippet}")
    if not hits:
        print("no matches")
    return 0
