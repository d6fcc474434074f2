"""Errors a user can cause; their message is shown as is, in plain words."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; ``str(err)`` is a complete, plain sentence."""


class NotFoundError(UserError):
    pass


class ConflictError(UserError):
    """An edit was made on a stale version: someone else changed the record first."""

    def __init__(self, message: str, *, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current
