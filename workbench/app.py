"""Composition root: read the command line, then run a headless command or open the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from workbench import cli

    parser = cli.build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    if args.command is not None:
        return cli.run(args)
    try:
        from workbench.ui.application import run_gui
    except ImportError:  # the window arrives with the GUI issue; until then, the help
        parser.print_help()
        return 0
    return run_gui(db_url=args.db, actor=args.user)
