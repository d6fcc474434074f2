"""Deliver every ``Changes`` record on the GUI thread, whoever published it.

Services publish on ``services.bus`` right after they commit, on the thread that called
them. An import runs on a worker thread, so its ``Changes`` would reach the panels'
listeners there, where touching a widget is not allowed. ``use_gui_thread_bus`` swaps
in a bus that passes records from other threads to the GUI thread through a queued
signal; on the GUI thread it calls the listeners at once, as before.

``coalesced()`` holds back what is published on the GUI thread until the block ends and
then publishes it as one record: a command that deletes five claims makes the panels
refresh once, not five times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from workbench.domain import Changes
from workbench.services import Services
from workbench.services.context import ChangeBus


class _Courier(QObject):
    """Lives on the GUI thread; its queued slot hands records to the bus there."""

    arrived = Signal(object)

    def __init__(self, deliver: Callable[[Changes], None]) -> None:
        super().__init__()
        self._deliver = deliver
        self.arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_arrived(self, changes: object) -> None:
        assert isinstance(changes, Changes)
        self._deliver(changes)


class GuiThreadBus(ChangeBus):
    """A ChangeBus whose listeners always run on the thread that created it."""

    def __init__(self) -> None:
        super().__init__()
        self._courier = _Courier(super().publish)
        self._depth = 0
        self._held: list[Changes] = []

    def publish(self, changes: Changes) -> None:
        if QThread.currentThread() != self._courier.thread():
            self._courier.arrived.emit(changes)
        elif self._depth:
            self._held.append(changes)
        else:
            super().publish(changes)

    @contextmanager
    def coalesced(self) -> Iterator[None]:
        """Publish everything from this block (GUI thread) as one record at its end."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._held:
                held, self._held = self._held, []
                super().publish(merged(held))


def merged(records: list[Changes]) -> Changes:
    """One record that says everything the given records say."""
    if len(records) == 1:
        return records[0]
    return Changes(
        articles=frozenset().union(*(r.articles for r in records)),
        claims=frozenset().union(*(r.claims for r in records)),
        notes=frozenset().union(*(r.notes for r in records)),
        labels=any(r.labels for r in records),
        links=any(r.links for r in records),
        source=records[0].source,
    )


def use_gui_thread_bus(services: Services) -> GuiThreadBus:
    """Give ``services`` a GuiThreadBus (keeping any listeners already subscribed)."""
    app = QCoreApplication.instance()
    assert app is not None and QThread.currentThread() == app.thread(), "call on GUI thread"
    current = services.ctx.bus
    if isinstance(current, GuiThreadBus):
        return current
    bus = GuiThreadBus()
    bus.listeners.extend(current.listeners)
    services.ctx.bus = bus
    return bus
