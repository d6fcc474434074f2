"""Small timing helpers shared by the benchmark modules."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def time_ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def repeat_ms(
    fn: Callable[[], Any],
    runs: int,
    *,
    setup: Callable[[], Any] | None = None,
    warmup: int = 1,
) -> list[float]:
    """``runs`` timings of ``fn`` in ms after ``warmup`` untimed ones; ``setup`` runs
    (untimed) before each, and the garbage collector before each timing."""
    samples = []
    for index in range(warmup + runs):
        if setup is not None:
            setup()
        gc.collect()
        elapsed = time_ms(fn)
        if index >= warmup:
            samples.append(elapsed)
    return samples


class QueryCounter:
    """Counts SQL statements an engine executes while ``counting()`` is active."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.count = 0
        self._on = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        if self._on:
            self.count += 1

    @contextmanager
    def counting(self) -> Iterator[QueryCounter]:
        self.count, self._on = 0, True
        try:
            yield self
        finally:
            self._on = False
