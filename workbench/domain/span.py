"""Where a claim sits in an article's text: a code-point span and a TextQuote selector."""

from __future__ import annotations

from dataclasses import dataclass

QUOTE_CONTEXT = 32
"""Characters of prefix and suffix kept with every quote (ARCHITECTURE.md, "Offsets")."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open range ``[start, end)`` of Python code-point offsets into normalized text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}:{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True, slots=True)
class TextQuote:
    """The quoted words with a little context on each side (W3C TextQuoteSelector)."""

    exact: str
    prefix: str = ""
    suffix: str = ""
