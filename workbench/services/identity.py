"""Who is acting: the name recorded on every claim, note, link and event.

``--user`` wins, then ``WORKBENCH_USER``, then the name saved on first run (the GUI
asks for it: ``saved_user_name() is None`` means it has not), then the OS login.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

from workbench import paths
from workbench.domain import UserError

MAX_NAME = 200
"""The author columns are VARCHAR(200); PostgreSQL refuses longer values."""
SETTINGS_FILE = "user.json"


def clean_user_name(name: str) -> str:
    """A user name as stored: one line, trimmed; refused if empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError("A user name cannot be empty.")
    if len(cleaned) > MAX_NAME:
        raise UserError(f"A user name may be at most {MAX_NAME} characters long.")
    return cleaned


def saved_user_name(data_dir: Path | None = None) -> str | None:
    path = (data_dir or paths.data_dir()) / SETTINGS_FILE
    try:
        name = json.loads(path.read_text("utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name.strip() else None


def save_user_name(name: str, data_dir: Path | None = None) -> str:
    """Remember the name this person chose (first run of the window); returns it cleaned."""
    cleaned = clean_user_name(name)
    path = (data_dir or paths.data_dir()) / SETTINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"name": cleaned}, ensure_ascii=False), "utf-8")
    tmp.replace(path)
    return cleaned


def os_login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def default_actor(data_dir: Path | None = None) -> str:
    """``WORKBENCH_USER``, else the saved name, else the OS login."""
    return clean_user_name(
        os.environ.get("WORKBENCH_USER") or saved_user_name(data_dir) or os_login()
    )
