"""One action per label: in the Tag menu, on the toolbar, and on its key in the article.

Labels are data (a team adds its own), so these actions are rebuilt whenever the labels
change. Each carries the label's shortcut (1..9 by default), shown in the menu and in
the toolbar tooltip, and an icon with the label's colour and initial, so colour is
never the only cue. The shortcut works where the tagging happens: the article view and
the claims table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from workbench.domain import Label
from workbench.ui import style


def label_icon(label: Label, *, size: int = 18, dark: bool = False) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = style.marker_color(label.color, dark=dark)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(QRect(1, 1, size - 2, size - 2), 4, 4)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    painter.setFont(font)
    painter.setPen(style.text_on(fill))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, label.initial)
    painter.end()
    return QIcon(pixmap)


class LabelActions(QObject):
    def __init__(
        self,
        *,
        menu: QMenu,
        before: QAction | None,
        toolbar: QToolBar,
        toolbar_before: QAction | None = None,
        shortcut_widgets: list[QWidget],
        on_trigger: Callable[[int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._menu = menu
        self._before = before
        self._toolbar = toolbar
        self._toolbar_before = toolbar_before
        self._widgets = shortcut_widgets
        self._on_trigger = on_trigger
        self.actions: dict[int, QAction] = {}

    def rebuild(self, labels: list[Label], *, dark: bool = False) -> None:
        for action in self.actions.values():
            self._menu.removeAction(action)
            self._toolbar.removeAction(action)
            for widget in self._widgets:
                widget.removeAction(action)
            action.deleteLater()
        self.actions = {}
        for label in labels:
            action = self._make(label, dark=dark)
            self.actions[label.id] = action
            self._menu.insertAction(self._before, action)
            self._toolbar.insertAction(self._toolbar_before, action)
            for widget in self._widgets:
                widget.addAction(action)

    def _make(self, label: Label, *, dark: bool) -> QAction:
        action = QAction(label_icon(label, dark=dark), f"Tag as {label.name}", self)
        action.setObjectName(f"actionTag{label.id}")
        action.setIconText(label.name)
        key = label.shortcut
        hint = f" ({key})" if key else ""
        action.setToolTip(
            f"Tag the selection as {label.name}{hint}; on a claim, retag it as {label.name}"
        )
        action.setStatusTip(action.toolTip())
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False, lid=label.id: self._on_trigger(lid))
        return action
