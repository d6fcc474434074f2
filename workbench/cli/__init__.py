"""Headless commands (``workbench [--db URL] COMMAND ...``) over the same services as the GUI.

Each area registers its sub-commands in its own module; this one builds the parser,
opens the services and turns user errors into one line on stderr (exit 1; usage
errors exit 2 via argparse).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from workbench import __version__
from workbench.cli import articles, claims, export, maintenance, notes, team
from workbench.domain.errors import UserError
from workbench.services import Services, open_services

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace, Services], int]

MODULES = (articles, claims, notes, export, team, maintenance)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Fact-check Workbench: tag claims in articles, link evidence, export reports. "
        "With no command, the desktop window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: workbench.sqlite in the data dir; or set WORKBENCH_DB)",
    )
    parser.add_argument("--user", metavar="NAME", help="who is acting (default: your login)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in MODULES:
        module.register(commands)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the parsed command; returns the exit status."""
    handler: Handler = args.handler
    services: Services | None = None
    try:
        if getattr(args, "opens_services", True):  # backup/restore/check work without
            services = open_services(args.db, actor=args.user)
        return handler(args, services)
    except UserError as err:
        print(f"workbench: {one_line(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # anything else is our bug, but still no traceback for the user
        log.exception("command %s failed", args.command)
        print(f"workbench: unexpected error: {one_line(str(err))}", file=sys.stderr)
        return 1
    finally:
        if services is not None:
            services.close()


def one_line(message: str) -> str:
    """A message on one line: line breaks in it (a file name may hold one) as ``\\n``."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return run(args)
