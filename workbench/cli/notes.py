"""Commands on evidence notes: add a note, link it to a claim."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.domain import NoteFields, Stance
from workbench.services import Services


def register(commands: Any) -> None:
    p = commands.add_parser("note", help="evidence notes")
    sub = p.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="create an evidence note")
    add.add_argument("--title", required=True)
    add.add_argument("--body", default="", help="Markdown text")
    add.add_argument("--url", default="", help="the source's URL")
    add.add_argument("--source-title", default="")
    add.add_argument("--reliability", type=int, choices=range(1, 6), metavar="1-5")
    add.add_argument("--attach", type=Path, action="append", default=[], metavar="FILE")
    add.set_defaults(handler=add_note)

    p = commands.add_parser("link", help="link an evidence note to a claim")
    p.add_argument("claim", type=int, metavar="CLAIM")
    p.add_argument("note", type=int, metavar="NOTE")
    p.add_argument("--stance", required=True, choices=[s.value for s in Stance])
    p.set_defaults(handler=link)


def add_note(args: argparse.Namespace, services: Services) -> int:
    for path in args.attach:  # refuse a missing or too-big file before the note exists
        services.notes.check_attachment(path)
    note = services.notes.create(
        NoteFields(
            title=args.title,
            body=args.body,
            source_url=args.url,
            source_title=args.source_title,
            reliability=args.reliability,
        )
    )
    for path in args.attach:
        services.notes.attach(note.id, path)
    print(note.id)
    return 0


def link(args: argparse.Namespace, services: Services) -> int:
    services.notes.link(args.claim, args.note, Stance(args.stance))
    print(f"claim {args.claim} <- note {args.note} ({args.stance})")
    return 0
