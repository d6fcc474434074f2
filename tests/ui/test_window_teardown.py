"""A closed window runs nothing later: no timer under it may query services that are
closed by then (on PostgreSQL the test database is dropped right after a test, and a
library refresh left pending made the next test fail at setup)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from workbench.domain import Changes
from workbench.ui.main_window import MainWindow


def test_detach_cancels_a_library_refresh_a_late_change_scheduled(window: MainWindow) -> None:
    services = window.services
    assert services is not None
    article_id = window.document.article_id
    assert article_id is not None
    services.bus.publish(Changes(articles=frozenset({article_id})))  # e.g. a colleague's tag
    assert any(t.isActive() for t in window.library.findChildren(QTimer))
    window.close()
    window.detach()
    assert not [t for t in window.findChildren(QTimer) if t.isActive()]
    assert window.library._on_changes not in services.bus.listeners
