"""Where the workbench keeps its data and finds its bundled resources; no Qt here."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "fact-check-workbench"
DB_FILE_NAME = "workbench.sqlite"


def data_dir() -> Path:
    """The user data dir; ``WORKBENCH_HOME`` moves all of it (database, files, backups, logs)."""
    home = os.environ.get("WORKBENCH_HOME")
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(explicit: str | None = None) -> str:
    """``--db`` wins, then ``WORKBENCH_DB``, then ``workbench.sqlite`` in the data dir."""
    if explicit:
        return explicit
    env = os.environ.get("WORKBENCH_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / DB_FILE_NAME}"


def files_dir() -> Path:
    return data_dir() / "files"


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"


def resources_dir() -> Path:
    """``resources/`` beside the package (a source checkout or an editable install)."""
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
