"""Measure GUI-thread stalls: a 5 ms QTimer runs during an action; the longest gap wins.

``with heartbeat("tag a sentence"):`` around a user action records the longest time
the event loop could not run a timer (the action's own synchronous work included),
and how much of that gap the GUI thread spent on the CPU: on a busy machine the wall
time grows while the CPU time shows what the action itself costs.
``STALLS`` keeps the worst gap per action name for the whole test session; the UI
conftest prints them at the end (``pytest -s`` also prints each as it happens).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QTimer

STALLS: dict[str, tuple[float, float]] = {}
"""Action name -> (worst gap, GUI-thread CPU time in that gap), in milliseconds."""


class Heartbeat:
    def __init__(self, interval_ms: int = 5) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        self._last_cpu = 0.0
        self.worst_ms = 0.0
        self.worst_cpu_ms = 0.0

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> float:
        self._on_tick()
        self._timer.stop()
        return self.worst_ms

    def _on_tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self._last) * 1000
        if gap > self.worst_ms:
            self.worst_ms, self.worst_cpu_ms = gap, (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu


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
        if worst >= STALLS.get(name, (0.0, 0.0))[0]:
            STALLS[name] = (worst, beat.worst_cpu_ms)
        print(f"[heartbeat] {name}: worst stall {worst:.1f} ms ({beat.worst_cpu_ms:.1f} ms CPU)")


def report() -> list[str]:
    if not STALLS:
        return []
    lines = [
        "GUI-thread stalls (worst gap of a 5 ms heartbeat per user action; in brackets the",
        "GUI thread's CPU time in that gap, which excludes waiting for a busy machine):",
    ]
    for name, (worst, cpu) in sorted(STALLS.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"  {worst:7.1f} ms  ({cpu:5.1f} ms CPU)  {name}")
    return lines
