"""The claim editor dialog, and the choice offered when someone else saved first.

``ClaimEditor`` edits label, verdict (the organisation's scale, or free text), claimant,
claim date, comment and status; ``changed_fields()`` is what the user changed, ready
for an ``EditClaim`` command. ``ConflictDialog`` shows the other person's version next
to the user's and asks: keep theirs, overwrite with mine, or keep theirs and add my
comment (merge).
"""

from __future__ import annotations

import enum
import html
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import VERDICT_SCALE, Claim, ClaimFields, ClaimStatus, Label
from workbench.ui.models.claims_model import excerpt

NO_DATE = QDate(1900, 1, 1)


class ClaimEditor(QDialog):
    def __init__(
        self, claim: Claim, labels: list[Label], *, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("claimEditor")
        self.setWindowTitle(f"Claim {number}")
        self.setAccessibleName(f"Edit claim {number}")
        self.claim = claim
        quote = QLabel(f"“{html.escape(excerpt(claim.quote.exact, 400))}”", wordWrap=True)
        quote.setObjectName("claimQuote")
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label = QComboBox(objectName="claimLabel")
        for label in labels:
            self.label.addItem(label.name, label.id)
        self.label.setCurrentIndex(max(0, self.label.findData(claim.label_id)))
        self.verdict = QComboBox(objectName="claimVerdict", editable=True)
        self.verdict.addItems(["", *VERDICT_SCALE])
        self.verdict.setCurrentText(claim.verdict)
        self.claimant = QLineEdit(claim.claimant, objectName="claimClaimant")
        self.claimant.setPlaceholderText("Who made the claim (person or organisation)")
        self.claim_date = QDateEdit(objectName="claimDate", calendarPopup=True)
        self.claim_date.setMinimumDate(NO_DATE)
        self.claim_date.setSpecialValueText("no date")
        self.claim_date.setDisplayFormat("yyyy-MM-dd")
        self.claim_date.setDate(QDate(claim.claim_date) if claim.claim_date else NO_DATE)
        self.comment = QPlainTextEdit(claim.comment, objectName="claimComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText("One line on why this verdict (shown in the report)")
        self.status = QComboBox(objectName="claimStatus")
        for status in ClaimStatus:
            self.status.addItem(status.value.capitalize(), status.value)
        self.status.setCurrentIndex(self.status.findData(claim.status.value))
        form = QFormLayout()
        for text, widget in (
            ("&Label", self.label),
            ("&Verdict", self.verdict),
            ("Clai&mant", self.claimant),
            ("Claim &date", self.claim_date),
            ("&Comment", self.comment),
            ("&Status", self.status),
        ):
            form.addRow(text, widget)
            widget.setAccessibleName(text.replace("&", ""))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def chosen_date(self) -> date | None:
        value = self.claim_date.date()
        return None if value == NO_DATE else value.toPython()

    def changed_fields(self) -> ClaimFields:
        """Only what the user changed; ``ClaimFields()`` if nothing."""
        c = self.claim
        label_id = self.label.currentData()
        verdict = self.verdict.currentText().strip()
        claimant = self.claimant.text().strip()
        comment = self.comment.toPlainText()
        status = ClaimStatus(self.status.currentData())
        when = self.chosen_date()
        return ClaimFields(
            label_id=label_id if label_id != c.label_id else None,
            verdict=verdict if verdict != c.verdict else None,
            claimant=claimant if claimant != c.claimant else None,
            comment=comment if comment != c.comment else None,
            status=status if status != c.status else None,
            claim_date=when if when != c.claim_date else None,
            clear_claim_date=when is None and c.claim_date is not None,
        )


def is_empty(fields: ClaimFields) -> bool:
    return fields == ClaimFields()


def before_fields(claim: Claim, change: ClaimFields) -> ClaimFields:
    """The values ``change`` replaces in ``claim``: what undo must put back."""
    return ClaimFields(
        label_id=claim.label_id if change.label_id is not None else None,
        verdict=claim.verdict if change.verdict is not None else None,
        claimant=claim.claimant if change.claimant is not None else None,
        comment=claim.comment if change.comment is not None else None,
        status=claim.status if change.status is not None else None,
        claim_date=claim.claim_date
        if (change.claim_date is not None or change.clear_claim_date)
        else None,
        clear_claim_date=(change.claim_date is not None or change.clear_claim_date)
        and claim.claim_date is None,
    )


class Resolution(enum.Enum):
    KEEP_THEIRS = "keep theirs"
    OVERWRITE = "overwrite"
    MERGE_COMMENT = "merge comment"


def merged_comment(theirs: str, mine: str) -> str:
    if not theirs.strip():
        return mine
    if not mine.strip() or mine.strip() in theirs:
        return theirs
    return f"{theirs.rstrip()}\n\n{mine.strip()}"


class ConflictDialog(QDialog):
    """Someone saved the claim first: show both versions and let the user choose."""

    def __init__(
        self,
        theirs: Claim,
        mine: ClaimFields,
        labels: dict[int, Label],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("claimConflict")
        self.setWindowTitle("Someone else changed this claim")
        self.resolution = Resolution.KEEP_THEIRS
        who = html.escape(theirs.updated_by or "Someone else")
        intro = QLabel(
            f"{who} saved this claim while you were editing it. Their version is saved; "
            "choose what to do with your changes.",
            wordWrap=True,
        )
        table = QLabel(_comparison(theirs, mine, labels), objectName="conflictComparison")
        table.setTextFormat(Qt.TextFormat.RichText)
        table.setWordWrap(True)
        buttons = QDialogButtonBox()
        for resolution, text in (
            (Resolution.KEEP_THEIRS, "Keep theirs"),
            (Resolution.MERGE_COMMENT, "Keep theirs, add my comment"),
            (Resolution.OVERWRITE, "Overwrite with mine"),
        ):
            button = QPushButton(text, objectName=f"conflict_{resolution.name.lower()}")
            button.clicked.connect(lambda _=False, r=resolution: self._choose(r))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)

    def _choose(self, resolution: Resolution) -> None:
        self.resolution = resolution
        self.accept()


def _comparison(theirs: Claim, mine: ClaimFields, labels: dict[int, Label]) -> str:
    def label_name(label_id: int | None) -> str:
        label = labels.get(label_id) if label_id is not None else None
        return label.name if label else ""

    rows = [
        (
            "Label",
            label_name(theirs.label_id),
            label_name(mine.label_id) if mine.label_id is not None else None,
        ),
        ("Verdict", theirs.verdict, mine.verdict),
        ("Claimant", theirs.claimant, mine.claimant),
        ("Comment", theirs.comment, mine.comment),
        ("Status", theirs.status.value, mine.status.value if mine.status else None),
    ]
    cells = "".join(
        f"<tr><th align=left>{name}</th><td>{html.escape(t)}</td>"
        f"<td>{html.escape(m) if m is not None else '<i>unchanged</i>'}</td></tr>"
        for name, t, m in rows
        if m is not None or name in ("Verdict", "Comment")
    )
    return (
        "<table cellspacing=6><tr><th></th><th align=left>Theirs (saved)</th>"
        f"<th align=left>Yours</th></tr>{cells}</table>"
    )
