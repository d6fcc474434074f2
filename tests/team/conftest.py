"""Real client processes on one database, driven line by line (see ``client.py``)."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CLIENT = Path(__file__).with_name("client.py")


class Client:
    """One workbench client in its own Python process."""

    def __init__(self, url: str, user: str, data_dir: Path) -> None:
        self.user = user
        self.proc = subprocess.Popen(
            [sys.executable, str(CLIENT), url, user, str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.receive(timeout=60) == {"ready": True}

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)

    def send(self, **cmd: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def receive(self, timeout: float = 30) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self._lines.get(timeout=timeout))
        except queue.Empty:
            raise AssertionError(f"client {self.user} did not answer in {timeout} s") from None
        return data

    def pending(self, wait: float) -> bool:
        """Whether an answer arrives within ``wait`` seconds (without consuming it)."""
        try:
            line = self._lines.get(timeout=wait)
        except queue.Empty:
            return False
        self._lines.queue.appendleft(line)
        return True

    def call(self, timeout: float = 30, **cmd: Any) -> dict[str, Any]:
        self.send(**cmd)
        return self.receive(timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send(op="quit")
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def clients(db_url: str, tmp_path: Path) -> Iterator[Any]:
    started: list[Client] = []

    def start(user: str) -> Client:
        client = Client(db_url, user, tmp_path / f"home-{user}")
        started.append(client)
        return client

    yield start
    for client in started:
        client.close()
