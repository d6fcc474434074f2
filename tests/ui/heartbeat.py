"""Measure GUI-thread stalls: a 5 ms QTimer runs during an action; the longest gap wins.

``with heartbeat("tag a sentence"):`` around a user action records the longest time
the event loop could not run a timer (the action's own synchronous work included).
``STALLS`` keeps the worst gap per action name for the whole test session; the UI
conftest prints them at the end (``pytest -s`` also prints each as it happens).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QTimer

STALLS: dict[str, float] = {}
"""Action name -> worst gap in milliseconds."""


class Heartbeat:
    def __init__(self, interval_ms: int = 5) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        self.worst_ms = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._on_tick()
        self._timer.stop()
        return self.worst_ms

    def _on_tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self._last = now


@contextmanager
def heartbeat(name: str, *, settle_ms: int = 30) -> Iterator[Heartbeat]:
    """Run the block under a heartbeat, let the event loop settle, record the worst gap."""
    beat = Heartbeat()
    beat.start()
    try:
        yield beat
        deadline = time.perf_counter() + settle_ms / 1000
        while time.perf_counter() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.001)
    finally:
        worst = beat.stop()
        STALLS[name] = max(STALLS.get(name, 0.0), worst)
        print(f"[heartbeat] {name}: worst GUI-thread stall {worst:.1f} ms")


def report() -> list[str]:
    if not STALLS:
        return []
    lines = ["GUI-thread stalls (worst gap of a 5 ms heartbeat, per user action):"]
    for name, worst in sorted(STALLS.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {worst:7.1f} ms  {name}")
    return lines
