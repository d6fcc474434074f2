"""The change watcher in one process: what it reports, what it skips, and the
PostgreSQL case of a transaction that commits after a later one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from workbench.domain import Changes, LabelSpec, NoteFields, Span, Stance
from workbench.importers.base import ImportedArticle
from workbench.services import Services, open_services
from workbench.services.sync import ChangeWatcher, RemoteChange
from workbench.storage import repos

TEXT = "The ministry claims 91 drones were launched. The embassy confirmed it."


@pytest.fixture
def colleague(db_url: str, tmp_path: Path) -> Iterator[Services]:
    """A second client on the same database (same process, its own engine)."""
    other = open_services(db_url, data_dir=tmp_path / "colleague", actor="colleague")
    yield other
    other.close()


def test_others_changes_are_reported_once_and_own_changes_never(
    services: Services, colleague: Services
) -> None:
    watcher = ChangeWatcher(services.db)
    article = colleague.articles.add(
        ImportedArticle(text=TEXT, title="T", source_format="txt", original=TEXT.encode())
    )
    allegation = colleague.labels.by_name("Allegation").id
    claim = colleague.claims.tag(article.id, Span(0, 44), allegation)
    note = colleague.notes.create(NoteFields(title="Transcript"))
    colleague.notes.link(claim.id, note.id, Stance.SUPPORTS)
    found = watcher.wait(3)
    assert found is not None
    assert found.articles == {article.id}
    assert found.claims == {claim.id}
    assert found.notes == {note.id}
    assert found.links and not found.labels
    assert found.source == RemoteChange(frozenset({"colleague"}), found.source.last_event_id)
    assert watcher.poll() is None
    services.notes.create(NoteFields(title="Mine"))
    services.claims.retag(claim.id, services.labels.by_name("Confirmed").id)
    assert watcher.wait(0.3) is None
    watcher.close()


def test_label_changes_reach_other_windows(services: Services, colleague: Services) -> None:
    watcher = ChangeWatcher(services.db)
    label = colleague.labels.create(LabelSpec("Disputed", "#c0392b"))
    found = watcher.wait(3)
    assert found is not None and found.labels
    colleague.labels.delete(label.id)
    assert watcher.wait(3) is not None
    watcher.close()


def test_published_on_the_bus_like_own_changes(services: Services, colleague: Services) -> None:
    watcher = ChangeWatcher(services.db)
    heard: list[Changes] = []
    services.bus.subscribe(heard.append)
    note = colleague.notes.create(NoteFields(title="Theirs"))
    for _ in range(50):
        if watcher.pump(services.bus) is not None:
            break
        time.sleep(0.1)
    assert [c.notes for c in heard] == [frozenset({note.id})]
    watcher.close()


def test_a_late_commit_with_a_lower_id_is_not_missed(
    services: Services, colleague: Services
) -> None:
    if services.db.is_sqlite:
        pytest.skip("SQLite writers are serialized: ids commit in order")
    watcher = ChangeWatcher(services.db)
    with colleague.db.write() as slow:  # takes event id N, commits last
        repos.log_event(slow, actor="slow", action="note.edit", entity="note", entity_id=1)
        slow.flush()
        with colleague.db.write() as fast:  # takes id N+1, commits first
            repos.log_event(fast, actor="fast", action="note.edit", entity="note", entity_id=2)
        first = watcher.wait(2)
        assert first is not None and first.notes == {2}
    second = watcher.wait(2)
    assert second is not None and second.notes == {1}
    assert watcher.poll() is None
    watcher.close()


def test_the_listener_reconnects_after_the_server_dropped_it(
    services: Services, colleague: Services
) -> None:
    if services.db.is_sqlite:
        pytest.skip("SQLite is polled; there is no connection to lose")
    watcher = ChangeWatcher(services.db)
    assert watcher.listening
    with colleague.db.engine.connect() as conn:  # e.g. the server restarted
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    assert watcher.poll() is None
    note = colleague.notes.create(NoteFields(title="After the restart"))
    found = watcher.wait(3)
    assert found is not None and found.notes == {note.id}
    watcher.close()
