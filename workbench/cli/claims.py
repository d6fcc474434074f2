"""Commands on claims: tag a quote, sentence or span; list an article's claims."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date
from typing import Any

from workbench.cli.output import dump_json, excerpt, table
from workbench.domain import Article, ClaimFields, ClaimStatus, Span, UserError
from workbench.services import Services


def register(commands: Any) -> None:
    p = commands.add_parser("tag", help="tag a quote, a sentence or a span as a claim")
    p.add_argument("article", metavar="ARTICLE", help="article id or a unique title fragment")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", help="the exact words to tag")
    where.add_argument("--sentence", type=int, metavar="N", help="sentence number (from 1)")
    where.add_argument("--span", metavar="START:END", help="code-point offsets")
    p.add_argument("--label", required=True, help="label name, e.g. Allegation or Confirmed")
    p.add_argument("--verdict", default="")
    p.add_argument("--claimant", default="")
    p.add_argument("--comment", default="")
    p.add_argument("--date", type=date.fromisoformat, help="when the claim was made (YYYY-MM-DD)")
    p.add_argument("--status", choices=[s.value for s in ClaimStatus], default="open")
    p.set_defaults(handler=tag)

    p = commands.add_parser("claims", help="list an article's claims")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=list_claims)


def locate(article: Article, args: argparse.Namespace) -> Span:
    if args.quote is not None:
        start = article.text.find(args.quote)
        if start < 0 or not args.quote.strip():
            raise UserError(f"The quote {excerpt(args.quote)!r} is not in article {article.id}.")
        if article.text.find(args.quote, start + 1) >= 0:
            raise UserError(
                f"The quote {excerpt(args.quote)!r} occurs more than once; quote more words, "
                "or use --span."
            )
        return Span(start, start + len(args.quote))
    if args.sentence is not None:
        if not 1 <= args.sentence <= len(article.sentences):
            raise UserError(
                f"Article {article.id} has sentences 1 to {len(article.sentences)}; "
                f"there is no sentence {args.sentence}."
            )
        return article.sentences[args.sentence - 1]
    try:
        start_s, end_s = args.span.split(":")
        span = Span(int(start_s), int(end_s))
    except ValueError:
        raise UserError(
            f"--span takes START:END offsets, e.g. 120:180, not {args.span!r}."
        ) from None
    if span.end > len(article.text):
        raise UserError(f"The span ends past the article's {len(article.text)} characters.")
    return span


def tag(args: argparse.Namespace, services: Services) -> int:
    article = services.articles.find(args.article)
    label = services.labels.by_name(args.label)
    fields = ClaimFields(
        verdict=args.verdict,
        claimant=args.claimant,
        comment=args.comment,
        claim_date=args.date,
        status=ClaimStatus(args.status),
    )
    claim = services.claims.tag(article.id, locate(article, args), label.id, fields)
    print(claim.id)
    return 0


def list_claims(args: argparse.Namespace, services: Services) -> int:
    article = services.articles.find(args.article)
    labels = {label.id: label.name for label in services.labels.all()}
    claims = services.claims.for_article(article.id)
    if args.json:
        data = [dataclasses.asdict(c) | {"label": labels.get(c.label_id, "")} for c in claims]
        print(dump_json(data))
        return 0
    rows = [
        [
            c.id,
            f"{c.span.start}:{c.span.end}",
            labels.get(c.label_id, "?"),
            c.verdict,
            c.claimant,
            c.evidence_count,
            c.status.value,
            excerpt(c.quote.exact, 50),
        ]
        for c in claims
    ]
    print(
        table(["id", "span", "label", "verdict", "claimant", "evidence", "status", "quote"], rows)
    )
    return 0
