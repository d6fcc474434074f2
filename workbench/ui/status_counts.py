"""Status bar pieces: claims per label in the open article, and where the data lives."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from workbench.ui import style
from workbench.ui.open_article import OpenArticle


class LabelCounts(QLabel):
    """ "● Allegation 7   ● Confirmed 3" for the open article, refreshed on every change."""

    def __init__(self, document: OpenArticle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelCounts")
        self._document = document
        document.articleChanged.connect(self._on_changed)
        document.claimsChanged.connect(self._on_changed)
        document.labelsChanged.connect(self._on_changed)
        self._on_changed()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # dots in the theme's marker colours
            self._on_changed()

    def counts(self) -> dict[str, int]:
        by_id = self._document.counts_by_label()
        return {label.name: by_id.get(label.id, 0) for label in self._document.labels}

    def _on_changed(self) -> None:
        if self._document.article is None:
            self.setText("")
            self.setAccessibleName("No article open")
            return
        dark = style.is_dark(self.palette())
        parts = []
        for label in self._document.labels:
            n = self._document.counts_by_label().get(label.id, 0)
            color = style.marker_color(label.color, dark=dark).name()
            parts.append(
                f'<span style="color:{color}">●</span> {html.escape(label.name)} <b>{n}</b>'
            )
        self.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self.setAccessibleName(", ".join(f"{k} {v}" for k, v in self.counts().items()))


class DatabaseLocation(QLabel):
    def __init__(self, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseLocation")
        self.setText(f"Database: {location}")
        self.setToolTip(f"Everything is saved at once to {location}")
        self.setAccessibleName(f"Database location {location}")
