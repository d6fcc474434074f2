"""The label manager: add, rename, recolour labels, give them a 1-9 shortcut and a
ClaimReview rating, and delete those no claim uses.

Every change applies at once through ``services.labels`` (which publishes
``Changes(labels=True)``, so the article view and claims panel repaint). With an undo
group each change is also an undo step; labels that undo re-creates get a new id, which
later steps follow through ``_IdMap``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap, QUndoCommand, QUndoGroup
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.domain import Changes, Label, LabelSpec, Rating, UserError
from workbench.ui.evidence_commands import active_stack, report_error

NEW_COLOURS = ("#e8710a", "#a142f4", "#12b5cb", "#e52592", "#1a73e8", "#9aa0a6")
_ID_MAPS: dict[int, _IdMap] = {}


class _IdMap:
    """Label id -> the id it got when undo or redo created it again, per database."""

    def __init__(self) -> None:
        self.moved: dict[int, int] = {}

    @staticmethod
    def of(services: Any) -> _IdMap:
        key = id(services)
        if key not in _ID_MAPS:
            _ID_MAPS[key] = _IdMap()
            weakref.finalize(services, _ID_MAPS.pop, key, None)
        return _ID_MAPS[key]

    def current(self, label_id: int) -> int:
        while label_id in self.moved:
            label_id = self.moved[label_id]
        return label_id


class _LabelCommand(QUndoCommand):
    """One label change: ``do`` and ``undo`` get the label's current id."""

    def __init__(
        self,
        ids: _IdMap,
        text: str,
        label_id: int | None,
        do: Callable[..., Any],
        undo: Callable[..., Any],
    ) -> None:
        super().__init__(text)
        self._ids = ids
        self.label_id = label_id
        self._do, self._undo = do, undo
        self.error: list[UserError] = []
        self._ran = False

    def redo(self) -> None:
        self._run(self._do, "Redo" if self._ran else "")
        self._ran = True

    def undo(self) -> None:
        self._run(self._undo, "Undo")

    def _run(self, step: Callable[..., Any], doing: str) -> None:
        try:
            result = step(None if self.label_id is None else self._ids.current(self.label_id))
        except UserError as err:
            self.setObsolete(True)
            if doing:
                report_error(err, doing=f"{doing} {self.text()!r}")
            else:
                self.error.append(err)
            return
        if isinstance(result, Label):
            if self.label_id is not None and result.id != self._ids.current(self.label_id):
                self._ids.moved[self._ids.current(self.label_id)] = result.id
            self.label_id = self.label_id or result.id


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _spin(name: str, accessible: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setRange(-1, 100)
    spin.setSpecialValueText("—")
    return spin


class LabelManagerDialog(QDialog):
    def __init__(
        self,
        services: Any,
        undo_group: QUndoGroup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_group = undo_group
        self._labels: list[Label] = []
        self._build()
        self._connect()
        self.refresh()
        handler = self._on_changes
        services.bus.subscribe(handler)
        self.destroyed.connect(lambda: services.bus.unsubscribe(handler))

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("labelManager")
        self.setAccessibleName("Label manager")
        self.setWindowTitle("Labels")
        self.resize(620, 420)
        self.labels = QListWidget()
        self.labels.setObjectName("labelList")
        self.labels.setAccessibleName("Labels")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("labelNewName")
        self.new_name.setAccessibleName("New label name")
        self.new_name.setPlaceholderText("New label, e.g. Disputed")
        self.add_button = QPushButton("&Add")
        self.add_button.setObjectName("labelAdd")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("labelDelete")
        self.name = QLineEdit()
        self.name.setObjectName("labelName")
        self.name.setAccessibleName("Label name")
        self.colour = QPushButton("Choose &colour…")
        self.colour.setObjectName("labelColor")
        self.colour.setAccessibleName("Label colour")
        self.shortcut = QComboBox()
        self.shortcut.setObjectName("labelShortcut")
        self.shortcut.setAccessibleName("Shortcut key")
        self.shortcut.addItem("None", "")
        for digit in "123456789":
            self.shortcut.addItem(digit, digit)
        self.rating_name = QLineEdit()
        self.rating_name.setObjectName("ratingName")
        self.rating_name.setAccessibleName("ClaimReview rating name")
        self.rating_name.setPlaceholderText("alternateName, e.g. False")
        self.rating_value = _spin("ratingValue", "Rating value")
        self.rating_best = _spin("ratingBest", "Best rating")
        self.rating_worst = _spin("ratingWorst", "Worst rating")

        adder = QHBoxLayout()
        adder.addWidget(self.new_name, 1)
        adder.addWidget(self.add_button)
        left = QVBoxLayout()
        left.addWidget(self.labels, 1)
        left.addLayout(adder)
        left.addWidget(self.delete_button)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("Colour:", self.colour)
        form.addRow("&Shortcut:", self.shortcut)
        rating = QGroupBox("ClaimReview rating")
        rating_form = QFormLayout(rating)
        rating_form.addRow("&Rating name:", self.rating_name)
        rating_form.addRow("&Value:", self.rating_value)
        rating_form.addRow("&Best:", self.rating_best)
        rating_form.addRow("&Worst:", self.rating_worst)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(rating)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in (self.add_button, self.delete_button, self.colour, *buttons.buttons()):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter finishes a field; it presses no button
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

    def _connect(self) -> None:
        self.labels.currentRowChanged.connect(lambda _row: self._show_current())
        self.new_name.returnPressed.connect(self._on_add)
        self.add_button.clicked.connect(self._on_add)
        self.delete_button.clicked.connect(self._on_delete)
        self.name.editingFinished.connect(self._on_rename)
        self.colour.clicked.connect(self._on_colour)
        self.shortcut.activated.connect(lambda _index: self._on_shortcut())
        self.rating_name.editingFinished.connect(self._on_rating)
        for spin in (self.rating_value, self.rating_best, self.rating_worst):
            spin.editingFinished.connect(self._on_rating)

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_label()
        self._labels = self._services.labels.all()
        self.labels.blockSignals(True)
        self.labels.clear()
        for label in self._labels:
            text = label.name
            if label.shortcut:
                text += f"   [{label.shortcut}]"
            if label.builtin:
                text += "   (built-in)"
            item = QListWidgetItem(_swatch(label.color), text)
            item.setData(Qt.ItemDataRole.UserRole, label.id)
            self.labels.addItem(item)
            if current is not None and label.id == current.id:
                self.labels.setCurrentItem(item)
        if self.labels.currentRow() < 0 and self._labels:
            self.labels.setCurrentRow(0)
        self.labels.blockSignals(False)
        self._show_current()

    def current_label(self) -> Label | None:
        row = self.labels.currentRow()
        return self._labels[row] if 0 <= row < len(self._labels) else None

    def select_label(self, name: str) -> None:
        for row, label in enumerate(self._labels):
            if label.name == name:
                self.labels.setCurrentRow(row)

    def _show_current(self) -> None:
        label = self.current_label()
        for w in (self.name, self.colour, self.shortcut, self.rating_name, self.delete_button):
            w.setEnabled(label is not None)
        if label is None:
            return
        if not self.name.isModified():
            self.name.setText(label.name)
        self.colour.setIcon(_swatch(label.color))
        self.colour.setToolTip(label.color)
        self.shortcut.setCurrentIndex(max(0, self.shortcut.findData(label.shortcut)))
        rating = label.rating
        self.rating_name.setText(rating.alternate_name if rating else "")
        for spin, value in (
            (self.rating_value, rating.value if rating else None),
            (self.rating_best, rating.best if rating else None),
            (self.rating_worst, rating.worst if rating else None),
        ):
            spin.setValue(-1 if value is None else value)

    # --- handlers ----------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if isValid(self) and changes.labels:
            self.refresh()

    def _on_add(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.new_name.setFocus()
            return
        used = {x.shortcut for x in self._labels}
        free = next((d for d in "123456789" if d not in used), "")
        colour = NEW_COLOURS[len(self._labels) % len(NEW_COLOURS)]
        spec = LabelSpec(name=name, color=colour, shortcut=free)
        holder: list[int] = []

        def create(_id: int | None) -> Label:
            label: Label = self._services.labels.create(spec)
            holder.append(label.id)
            return label

        def delete(label_id: int | None) -> None:
            assert label_id is not None
            self._services.labels.delete(label_id)

        if self._apply(f"Add label {name!r}", None, create, delete):
            self.new_name.clear()
            self.select_label(name)
            self.name.setFocus()

    def _on_delete(self) -> None:
        label = self.current_label()
        if label is None:
            return
        spec = LabelSpec(label.name, label.color, label.shortcut, label.builtin, label.rating)

        def delete(label_id: int | None) -> None:
            assert label_id is not None
            self._services.labels.delete(label_id)

        def recreate(_id: int | None) -> Label:
            created: Label = self._services.labels.create(spec)
            return created

        self._apply(f"Delete label {label.name!r}", label.id, delete, recreate)

    def _on_rename(self) -> None:
        label = self.current_label()
        name = self.name.text().strip()
        self.name.setModified(False)
        if label is None or name == label.name:
            return
        if not self._update(label, f"Rename label to {name!r}", name=(label.name, name)):
            self.name.setText(label.name)

    def _on_colour(self) -> None:
        label = self.current_label()
        if label is None:
            return
        colour = QColorDialog.getColor(QColor(label.color), self, f"Colour of {label.name}")
        if colour.isValid() and colour.name() != label.color:
            self._update(
                label, f"Recolour label {label.name!r}", color=(label.color, colour.name())
            )

    def _on_shortcut(self) -> None:
        label = self.current_label()
        key = self.shortcut.currentData()
        if label is None or key == label.shortcut:
            return
        owner = next((x for x in self._labels if key and x.shortcut == key and x != label), None)
        if owner is not None:
            QMessageBox.warning(
                self,
                "Shortcut in use",
                f"The key {key} already tags {owner.name!r}. Free it there first.",
            )
            self._show_current()
            return
        self._update(label, f"Set shortcut of {label.name!r}", shortcut=(label.shortcut, key))

    def _on_rating(self) -> None:
        label = self.current_label()
        if label is None:
            return
        rating = self.form_rating()
        if rating != label.rating:
            self._update(label, f"Set rating of {label.name!r}", rating=(label.rating, rating))

    def form_rating(self) -> Rating | None:
        name = self.rating_name.text().strip()
        if not name:
            return None

        def value(spin: QSpinBox) -> int | None:
            return None if spin.value() < 0 else spin.value()

        return Rating(
            name, value(self.rating_value), value(self.rating_best), value(self.rating_worst)
        )

    # --- applying ----------------------------------------------------------------------

    def _update(self, label: Label, text: str, **changes: tuple[Any, Any]) -> bool:
        before = {k: v[0] for k, v in changes.items()}
        after = {k: v[1] for k, v in changes.items()}

        def forward(label_id: int | None) -> Label:
            updated: Label = self._services.labels.update(label_id, **after)
            return updated

        def back(label_id: int | None) -> Label:
            updated: Label = self._services.labels.update(label_id, **before)
            return updated

        return self._apply(text, label.id, forward, back)

    def _apply(
        self, text: str, label_id: int | None, do: Callable[..., Any], undo: Callable[..., Any]
    ) -> bool:
        """Run ``do`` now (as an undo step when there is an undo group); say why if refused."""
        command = _LabelCommand(_IdMap.of(self._services), text, label_id, do, undo)
        errors = command.error
        if self._undo_group is not None:
            active_stack(self._undo_group).push(command)
        else:
            command.redo()
        if errors:
            QMessageBox.warning(self, "Labels", str(errors[0]))
            self.refresh()
            return False
        return True
