"""Evidence notes, their attachments and the stance-bearing links to claims."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Stance(enum.StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    note_id: int
    file_name: str
    sha256: str
    size: int
    media_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    id: int
    title: str
    body: str = ""
    """Markdown."""
    source_url: str = ""
    source_title: str = ""
    accessed_at: datetime | None = None
    reliability: int | None = None
    """1 (weak) to 5 (strong), or unknown."""
    attachments: tuple[Attachment, ...] = ()
    created_at: datetime | None = None
    created_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class NoteFields:
    """Editable fields of a note; ``None`` means "leave as is" in an edit."""

    title: str | None = None
    body: str | None = None
    source_url: str | None = None
    source_title: str | None = None
    accessed_at: datetime | None = None
    reliability: int | None = None
    clear_accessed_at: bool = False
    clear_reliability: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    claim_id: int
    note_id: int
    stance: Stance
    created_by: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class LinkedNote:
    """A note as seen from one claim: the note and the stance of their link."""

    note: EvidenceNote
    stance: Stance


@dataclass(frozen=True, slots=True)
class NoteUsage:
    """A note with the claims that use it (the notes library)."""

    note: EvidenceNote
    claim_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class NoteSnapshot:
    """A deleted note with its links, enough to restore it exactly (undo)."""

    note: EvidenceNote
    links: tuple[Link, ...] = ()
