"""Safe display of evidence: Markdown rendered without raw HTML or remote loads, and the
one place that hands links and attachments to the system (QDesktopServices).

A note's body is written by people pasting from the web; it must never run, fetch or
open anything by itself. Raw HTML shows as text, images become links, the preview
loads no remote resource, and links open only when the user asks.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidgetItem,
    QWidget,
)

from workbench.domain import Attachment, LinkedNote, Stance

WEB_SCHEMES = ("http", "https", "mailto")
STANCE_BADGES: dict[Stance, tuple[str, str]] = {
    Stance.SUPPORTS: ("✔ Supports", "#2e7d32"),
    Stance.CONTRADICTS: ("✘ Contradicts", "#c62828"),
    Stance.CONTEXT: ("ℹ Context", "#546e7a"),
}
"""Badge text (the cue that does not rely on colour) and badge colour, white text on it."""


class RoomyRows(QStyledItemDelegate):
    """Rows as tall as the claims table's, so the two lists read alike."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 10)


def reliability_text(value: int | None) -> str:
    return "unknown" if value is None else f"{'●' * value}{'○' * (5 - value)} {value}/5"


def _image_as_link(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    """Images become links: the preview never fetches anything a note points at."""
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    src = escapeHtml(str(token.attrGet("src") or ""))
    return f'<a href="{src}">[image: {escapeHtml(alt) or src}]</a>'


_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_MARKDOWN.add_render_rule("image", _image_as_link)


def render_markdown(text: str) -> str:
    """Markdown -> HTML with raw HTML shown as text (``html`` disabled)."""
    return str(_MARKDOWN.render(text))


class MarkdownPreview(QTextBrowser):
    """A read-only HTML view that never follows links itself and loads nothing remote."""

    linkActivated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.linkActivated)

    def set_markdown(self, text: str) -> None:
        self.setHtml(render_markdown(text))

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Local files and Qt resources only; anything with a host is never asked for."""
        url = QUrl(name) if isinstance(name, str) else name
        if not url.host() and url.scheme() in ("", "file", "qrc"):
            return super().loadResource(kind, url)
        return None


def open_url(url: QUrl | str) -> bool:
    """Hand a web link to the system browser; other schemes (file:, javascript:) are not
    opened. Returns whether the link was handed over."""
    url = QUrl(url) if isinstance(url, str) else url
    if not url.isValid() or url.scheme().lower() not in WEB_SCHEMES:
        return False
    return bool(QDesktopServices.openUrl(url))


def open_attachment(services: Any, attachment: Attachment) -> None:
    """Copy the stored file under its own name into a temp dir, and ask the system to open it."""
    folder = Path(tempfile.gettempdir()) / "workbench-attachments" / attachment.sha256[:16]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(attachment.file_name).name
    if not target.exists():
        shutil.copyfile(services.notes.attachment_path(attachment), target)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def note_html(linked: LinkedNote) -> str:
    """The selected note for the evidence panel: stance chip, source, facts, body."""
    note = linked.note
    badge, colour = STANCE_BADGES[linked.stance]
    chip = (
        f'<span style="background:{colour}; color:#ffffff">&nbsp;{html.escape(badge)}&nbsp;</span>'
    )
    parts = [f"<p>{chip} <b>{html.escape(note.title)}</b></p>"]
    if note.source_url or note.source_title:
        label = html.escape(note.source_title or note.source_url)
        url = html.escape(note.source_url, quote=True)
        parts.append(
            f'<p>Source: <a href="{url}">{label}</a></p>' if url else f"<p>Source: {label}</p>"
        )
    meta = []
    if note.accessed_at:
        meta.append(f"accessed {note.accessed_at.astimezone():%Y-%m-%d %H:%M}")
    meta.append(f"reliability {reliability_text(note.reliability)}")
    if note.attachments:
        meta.append("attachments: " + ", ".join(html.escape(a.file_name) for a in note.attachments))
    parts.append(f"<p><small>{'; '.join(meta)}</small></p>")
    parts.append(render_markdown(note.body))
    return "\n".join(parts)


NOTE_ROLE = Qt.ItemDataRole.UserRole
"""Where a row of the evidence list keeps its ``LinkedNote``."""


def note_row(linked: LinkedNote) -> QTreeWidgetItem:
    """One row of the evidence list: stance badge (words and colour), title, source, dates."""
    note = linked.note
    badge, colour = STANCE_BADGES[linked.stance]
    accessed = note.accessed_at.astimezone().strftime("%Y-%m-%d") if note.accessed_at else ""
    source = note.source_title or note.source_url
    item = QTreeWidgetItem(
        [badge, note.title, source, accessed, reliability_text(note.reliability)]
    )
    item.setData(0, NOTE_ROLE, linked)
    item.setBackground(0, QBrush(QColor(colour)))
    item.setForeground(0, QBrush(QColor("#ffffff")))
    item.setToolTip(0, f"This note {linked.stance.value} the claim")
    item.setToolTip(1, note.title)
    item.setToolTip(2, note.source_url)
    if note.attachments:
        item.setText(1, f"{note.title}  📎{len(note.attachments)}")
    return item
