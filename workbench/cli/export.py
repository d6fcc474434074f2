"""Commands for reports and exchange: export an article, restore a JSON export, place
Web Annotations onto an article."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from workbench.domain import ClaimStatus
from workbench.export import FORMATS
from workbench.export.model import PAGE_SIZES, ReportOptions
from workbench.services import Services
from workbench.services.reports import ReportService


def register(commands: Any) -> None:
    p = commands.add_parser(
        "export",
        help="write an article's report or data: " + ", ".join(FORMATS),
        description="Write an article's annotated report (html, pdf, md, docx), its claims "
        "as CSV, a lossless JSON dump, schema.org ClaimReview or W3C Web Annotation JSON-LD.",
    )
    p.add_argument("article", metavar="ARTICLE", help="article id or a unique title fragment")
    p.add_argument("--format", "-f", required=True, choices=list(FORMATS), dest="fmt")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="PATH")
    p.add_argument("--labels", nargs="+", metavar="LABEL", help="only claims with these labels")
    p.add_argument(
        "--status",
        nargs="+",
        choices=[s.value for s in ClaimStatus],
        metavar="STATUS",
        help="only claims with these statuses: " + ", ".join(s.value for s in ClaimStatus),
    )
    p.add_argument("--no-evidence", action="store_true", help="leave the evidence out")
    p.add_argument("--title", default="", help="report title (default: Fact-check: TITLE)")
    p.add_argument("--reviewer", default="", help="the reviewer's name, printed on the report")
    p.add_argument("--organisation", "--organization", default="", dest="organisation")
    p.add_argument(
        "--review-url",
        default="",
        metavar="URL",
        help="where the fact-check is published (ClaimReview url; default: the article URL)",
    )
    p.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="PDF page size")
    p.set_defaults(handler=export)

    p = commands.add_parser("import-json", help="restore an article from a JSON export")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument(
        "--files",
        type=Path,
        metavar="DIR",
        help="the exporting machine's files folder, to copy the original and attachments from",
    )
    p.set_defaults(handler=import_json)

    p = commands.add_parser(
        "import-annotations",
        help="place W3C Web Annotations (ours or another tool's) onto an article",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--article", required=True, metavar="ARTICLE")
    p.set_defaults(handler=import_annotations)


def export(args: argparse.Namespace, services: Services) -> int:
    article = services.articles.find(args.article)
    options = ReportOptions(
        labels=frozenset(args.labels) if args.labels else None,
        statuses=frozenset(ClaimStatus(s) for s in args.status) if args.status else None,
        include_evidence=not args.no_evidence,
        title=args.title,
        reviewer=args.reviewer,
        organisation=args.organisation,
        review_url=args.review_url,
        page_size=args.page_size,
    )
    started = time.perf_counter()
    path = ReportService(services.ctx).export(article.id, args.fmt, args.output, options)
    elapsed = time.perf_counter() - started
    print(f"{path}\t{args.fmt}\t{path.stat().st_size} bytes\t{elapsed:.2f} s")
    return 0


def import_json(args: argparse.Namespace, services: Services) -> int:
    reports = ReportService(services.ctx)
    article = reports.import_json(args.file, files_from=args.files)
    claims = services.claims.for_article(article.id)
    print(f"{article.id}\t{article.title}\t{len(claims)} claims")
    for sha in reports.missing_files(article):
        print(f"note: file {sha[:12]}… is not in this file store (copy it or use --files)")
    return 0


def import_annotations(args: argparse.Namespace, services: Services) -> int:
    article = services.articles.find(args.article)
    placed, unplaced = ReportService(services.ctx).import_annotations(args.file, article.id)
    print(
        f"placed {len(placed)} of {len(placed) + len(unplaced)} annotations on article {article.id}"
    )
    for line in unplaced:
        print(f"not placed: {line}")
    return 0
