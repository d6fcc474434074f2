"""Composition root: read the command line, then run a headless command or open the window.

With no command the window opens without importing the CLI (which pulls in SQLAlchemy,
Alembic and every importer): the window paints first and the database opens after.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def gui_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` names no command (so the window should open)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--db")
    pre.add_argument("--user")
    options, rest = pre.parse_known_args(list(argv))
    return None if rest else options


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    options = gui_options(args)
    if options is not None:
        from workbench.ui.application import run_gui

        return run_gui(db_url=options.db, actor=options.user)
    from workbench import cli

    return cli.main(args)
