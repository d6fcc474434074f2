"""``make soak``: kill a scripted editor with SIGKILL 200 times and count what survived.

The same harness as ``tests/reliability/test_crash_safety.py`` (20 kills in
``make test``): after every kill the database must pass ``integrity_check`` and
``foreign_key_check``, every edit the editor reported as committed must be there, and
no row may point at a missing file. Prints the count and what survived; exits 1 if
anything was lost.

    python -m benchmarks.soak [--kills 200] [--seed N] [--max-delay 0.5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent / "tests" / "reliability"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--max-delay", type=float, default=0.5, help="seconds of editing at most")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HARNESS))
    from crash_harness import run_kills  # the test harness, shared on purpose

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="workbench-soak-"))
    try:
        report = run_kills(
            workdir, args.kills, seed=args.seed, max_delay=args.max_delay, progress=print
        )
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report.summary())
    for kind, count in sorted(report.reported.items()):
        print(f"  {kind:>6}: {count} reported committed, all present")
    for problem in report.problems[:20]:
        print(f"  PROBLEM {problem}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
