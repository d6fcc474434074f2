"""Two real clients (separate processes) on one database, SQLite and PostgreSQL.

No lost updates: the second of two edits made on the same version is refused with the
other person's version, even when both reach the database at the same moment. And a
claim one client adds is seen by the other's change watcher within the interval.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbench.domain import Span
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.services.sync import POLL_INTERVAL, ChangeWatcher, RemoteChange

TEXT = "The ministry claims 91 drones were launched. The embassy confirmed the meeting."


@pytest.fixture
def setup(db_url: str, tmp_path: Path) -> Iterator[tuple[Services, int, int]]:
    """The database with one article and one claim, made by a third person."""
    services = open_services(db_url, data_dir=tmp_path / "home-setup", actor="setup")
    article = services.articles.add(
        ImportedArticle(text=TEXT, title="Drones", source_format="txt", original=TEXT.encode())
    )
    allegation = services.labels.by_name("Allegation").id
    claim = services.claims.tag(article.id, Span(0, 44), allegation)
    yield services, article.id, claim.id
    services.close()


def test_the_second_edit_on_the_same_version_gets_the_conflict(
    setup: tuple[Services, int, int], clients: Any
) -> None:
    services, _, claim_id = setup
    anna, ben = clients("anna"), clients("ben")
    seen_by_anna = anna.call(op="get", claim=claim_id)["ok"]
    seen_by_ben = ben.call(op="get", claim=claim_id)["ok"]
    assert seen_by_anna["version"] == seen_by_ben["version"] == 1

    first = anna.call(op="edit", claim=claim_id, comment="Anna: no wreckage", expected_version=1)
    assert first["ok"]["version"] == 2
    second = ben.call(op="edit", claim=claim_id, comment="Ben: photos", expected_version=1)
    assert "ok" not in second
    assert second["conflict"]["comment"] == "Anna: no wreckage"
    assert second["conflict"]["updated_by"] == "anna"
    assert "anna" in second["message"]
    assert services.claims.get(claim_id).comment == "Anna: no wreckage"

    # Ben saw Anna's version and chose to merge the comments: an edit on version 2.
    merged = ben.call(
        op="edit", claim=claim_id, comment="Anna: no wreckage\nBen: photos", expected_version=2
    )
    assert merged["ok"]["version"] == 3
    history = services.claims.history(claim_id)
    assert [(e.actor, e.action) for e in history] == [
        ("setup", "claim.create"),
        ("anna", "claim.edit"),
        ("ben", "claim.edit"),
    ]


def test_edits_reaching_the_database_at_the_same_moment_do_not_overwrite(
    setup: tuple[Services, int, int], clients: Any
) -> None:
    services, _, claim_id = setup
    anna, ben = clients("anna"), clients("ben")
    # Anna's edit is inside its transaction: row updated, not committed yet.
    assert anna.call(op="hold_edit", claim=claim_id, comment="Anna was first") == {"holding": True}
    # Ben still reads version 1 and edits on it; his write has to wait for Anna's...
    ben.send(op="edit", claim=claim_id, comment="Ben overwrites?", expected_version=1)
    assert not ben.pending(wait=0.5), "Ben's write should wait for Anna's transaction"
    anna.send(op="release")
    assert anna.receive() == {"ok": 2}
    # ...and then is refused, with Anna's version to look at.
    answer = ben.receive()
    assert answer.get("conflict", {}).get("comment") == "Anna was first", answer
    claim = services.claims.get(claim_id)
    assert (claim.comment, claim.version, claim.updated_by) == ("Anna was first", 2, "anna")


def test_a_claim_added_by_one_client_is_seen_by_the_others_watcher(
    setup: tuple[Services, int, int], clients: Any
) -> None:
    services, article_id, _ = setup
    anna = clients("anna")
    watcher = ChangeWatcher(services.db)
    try:
        assert watcher.poll() is None
        tagged = anna.call(op="tag", article=article_id, start=45, end=len(TEXT), label="Confirmed")
        claim_id = tagged["ok"]
        found = watcher.wait(POLL_INTERVAL + 1)
        assert found is not None, "the watcher did not see Anna's claim"
        assert (found.claims, found.articles) == ({claim_id}, {article_id})
        assert isinstance(found.source, RemoteChange) and found.source.actors == {"anna"}
        assert watcher.poll() is None  # reported once
        # Its own changes are not news to a client: they were published on its bus.
        services.claims.delete(claim_id)
        assert watcher.wait(0.5) is None
    finally:
        watcher.close()


def test_the_other_client_hears_of_a_change_within_the_refresh_interval(
    setup: tuple[Services, int, int], clients: Any
) -> None:
    services, _, claim_id = setup
    confirmed = services.labels.by_name("Confirmed").id
    ben = clients("ben")
    ben.send(op="watch", timeout=POLL_INTERVAL + 3)
    time.sleep(0.5)  # Ben is waiting now
    started = time.monotonic()
    services.claims.retag(claim_id, confirmed)  # the setup client is the colleague here
    answer = ben.receive()
    latency = time.monotonic() - started
    assert answer["ok"] is not None, "Ben's watcher saw nothing"
    assert answer["ok"]["claims"] == [claim_id]
    assert answer["ok"]["actors"] == ["setup"]
    # SQLite: within one poll interval; PostgreSQL: woken by NOTIFY, well under it.
    assert latency < (POLL_INTERVAL if services.db.is_sqlite else 1.0), latency
