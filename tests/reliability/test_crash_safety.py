"""SIGKILL an editor at random moments: the database stays intact and keeps every edit
the editor reported as committed (see ``crash_harness``). ``make soak`` runs 200."""

from __future__ import annotations

from pathlib import Path

from crash_harness import run_kills

from workbench.services import open_services
from workbench.services.maintenance import check

KILLS = 20


def test_random_sigkills_lose_no_committed_edit(tmp_path: Path) -> None:
    report = run_kills(tmp_path / "crash", KILLS, seed=5)
    print(f"\ncrash safety: {report.summary()}")
    assert report.kills == KILLS
    assert report.problems == []
    assert set(report.reported) == {"tag", "edit", "note", "link", "attach"}
    assert sum(report.reported.values()) >= 100
    # and the program opens the database normally afterwards
    services = open_services(
        f"sqlite:///{tmp_path / 'crash' / 'crash.sqlite'}", data_dir=tmp_path / "crash" / "home"
    )
    try:
        assert check(services.db, services.ctx.files).ok
        assert len(services.claims.for_article(1)) >= report.reported["tag"]
    finally:
        services.close()
