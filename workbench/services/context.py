"""What every service needs: the database, the file store, who is acting, and the change bus."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.domain import Changes
from workbench.storage.db import Database
from workbench.storage.filestore import FileStore

log = logging.getLogger(__name__)

Listener = Callable[[Changes], None]


@dataclass
class ChangeBus:
    """After each committed change, every listener hears what changed (Anki's OpChanges idea)."""

    listeners: list[Listener] = field(default_factory=list)

    def subscribe(self, listener: Listener) -> None:
        self.listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self.listeners:
            self.listeners.remove(listener)

    def publish(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            try:
                listener(changes)
            except Exception:  # a broken view must not undo a committed change
                log.exception("change listener failed")


@dataclass
class ServiceContext:
    db: Database
    files: FileStore
    actor: str
    bus: ChangeBus = field(default_factory=ChangeBus)
