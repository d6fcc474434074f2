"""One undo stack per open article, all in one QUndoGroup (ARCHITECTURE.md, "Undo").

The Edit menu's Undo and Redo come from the group, so they always act on the article
on screen and carry the name of the action they would undo ("Undo Tag as Allegation").
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

NO_ARTICLE = 0
"""Key of the stack used while no article is open (e.g. note edits from the library)."""


class UndoStacks:
    def __init__(self, parent: QObject | None = None) -> None:
        self.group = QUndoGroup(parent)
        self._stacks: dict[int, QUndoStack] = {}
        self.activate(None)

    def stack_for(self, article_id: int | None) -> QUndoStack:
        key = article_id if article_id is not None else NO_ARTICLE
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self.group)
            stack.setObjectName(f"undoStack{key}")
            self.group.addStack(stack)
            self._stacks[key] = stack
        return stack

    def activate(self, article_id: int | None) -> QUndoStack:
        stack = self.stack_for(article_id)
        self.group.setActiveStack(stack)
        return stack

    def active(self) -> QUndoStack:
        stack = self.group.activeStack()
        return stack if stack is not None else self.activate(None)

    def forget(self, article_id: int) -> None:
        """Drop an article's history (the article was deleted)."""
        stack = self._stacks.pop(article_id, None)
        if stack is not None:
            self.group.removeStack(stack)
            stack.deleteLater()
