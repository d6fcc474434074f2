"""Labels a claim is tagged with (Allegation, Confirmed, and whatever a team adds)."""

from __future__ import annotations

from dataclasses import dataclass

ALLEGATION = "Allegation"
CONFIRMED = "Confirmed"


@dataclass(frozen=True, slots=True)
class Rating:
    """How a label maps to a schema.org ClaimReview reviewRating."""

    alternate_name: str
    value: int | None = None
    best: int | None = None
    worst: int | None = None


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    name: str
    color: str
    """``#rrggbb``; readable as a highlight on light and dark backgrounds."""
    shortcut: str = ""
    builtin: bool = False
    rating: Rating | None = None
    position: int = 0

    @property
    def initial(self) -> str:
        """The letter drawn in a claim's marker, so colour is never the only cue."""
        return self.name[:1].upper()


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """Fields of a label before it has an id."""

    name: str
    color: str
    shortcut: str = ""
    builtin: bool = False
    rating: Rating | None = None


BUILTIN_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec(ALLEGATION, "#f4b400", "1", True, Rating("Unproven")),
    LabelSpec(CONFIRMED, "#34a853", "2", True, Rating("True")),
)
