"""What the window remembers between runs (QSettings): layout, last article, recent files.

Everything lives under organisation "FactCheckWorkbench", application "Workbench".
Tests hand the window their own ``QSettings`` on a temporary INI file, so they never
touch the user's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "FactCheckWorkbench"
APPLICATION = "Workbench"
MAX_RECENT = 10


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


@dataclass(frozen=True, slots=True)
class RecentFile:
    path: str
    article_id: int


class WindowSettings:
    """Typed access to the keys the window uses."""

    def __init__(self, settings: QSettings) -> None:
        self.qsettings = settings

    def bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(key, value)

    def int(self, key: str, default: int | None = None) -> int | None:
        value = self.qsettings.value(key)
        try:
            return int(value) if value is not None and value != "" else default
        except (TypeError, ValueError):
            return default

    def set_int(self, key: str, value: int | None) -> None:
        if value is None:
            self.qsettings.remove(key)
        else:
            self.qsettings.setValue(key, value)

    def recent_files(self) -> list[RecentFile]:
        raw = self.qsettings.value("recentFiles", "[]")
        try:
            entries = json.loads(raw if isinstance(raw, str) else "[]")
            return [RecentFile(str(e["path"]), int(e["article_id"])) for e in entries]
        except (ValueError, KeyError, TypeError):
            return []

    def add_recent_file(self, path: str, article_id: int) -> list[RecentFile]:
        entries = [RecentFile(path, article_id)]
        entries += [e for e in self.recent_files() if e.path != path][: MAX_RECENT - 1]
        self.qsettings.setValue(
            "recentFiles",
            json.dumps([{"path": e.path, "article_id": e.article_id} for e in entries]),
        )
        return entries

    def sync(self) -> None:
        self.qsettings.sync()
