"""First run: ask once for the name recorded on every claim, note and change.

``UserNameDialog`` is a small window-modal question prefilled with the OS login.
``ask_user_name(parent, suggested, then)`` shows it without blocking and calls
``then(name)`` with the chosen name, saved for next time, or with ``None`` when the
user closed it (the OS login is used for this session and the question comes back at
the next start). ``--user`` and ``WORKBENCH_USER`` skip the question
(``application.Startup`` decides).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

MAX_NAME = 200
"""As ``workbench.services.identity.MAX_NAME`` (not imported: that loads SQLAlchemy)."""


class UserNameDialog(QDialog):
    def __init__(self, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userNameDialog")
        self.setWindowTitle("Your name")
        intro = QLabel(
            "Your name is recorded on every claim, note and change you make, so colleagues "
            "and editors can see who did what. You are asked only this once."
        )
        intro.setWordWrap(True)
        self.field = QLineEdit(suggested, objectName="userNameField")
        self.field.setAccessibleName("Your name")
        self.field.setPlaceholderText("e.g. Mira Okonkwo-Hale")
        self.field.setMaxLength(MAX_NAME)
        self.field.selectAll()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Continue")
        self.buttons.accepted.connect(self.accept)
        self.field.textChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("&Name:", buddy=self.field))
        layout.addWidget(self.field)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._on_text_changed(suggested)

    def name(self) -> str:
        """The name as it will be stored: one line, spaces collapsed."""
        return " ".join(self.field.text().split())

    def _on_text_changed(self, _text: str) -> None:
        self.ok_button.setEnabled(bool(self.name()))


def ask_user_name(
    parent: QWidget | None, suggested: str, then: Callable[[str | None], None]
) -> UserNameDialog:
    """Ask (window-modal, not blocking); ``then`` gets the saved name or None."""
    dialog = UserNameDialog(suggested, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def on_finished(result: int) -> None:
        name = dialog.name() if result == QDialog.DialogCode.Accepted.value else ""
        then(_save(name) if name else None)

    dialog.finished.connect(on_finished)
    dialog.open()
    return dialog


def _save(name: str) -> str:
    from workbench.domain import UserError
    from workbench.services.identity import save_user_name

    try:
        return save_user_name(name)
    except (OSError, UserError) as err:  # still used for this session
        log.warning("could not save the user name: %s", err)
        return name
