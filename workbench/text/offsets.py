"""UTF-16 <-> code point offsets, for handing spans to and from Qt.

Spans are stored as Python code-point offsets; Qt (``QTextCursor.position()``,
``QTextBlock.position()``, ``QString`` lengths) counts UTF-16 code units, in which every
character outside the Basic Multilingual Plane (most emoji, rare CJK, historic scripts)
takes two units. Build one :class:`Utf16Map` per text: it keeps only the sorted offsets
of those astral characters, so each lookup is a binary search, and a text without any
(the usual case) costs nothing but a scan.

Combining marks, CJK of the BMP and every other character count one unit each, as in
Python: only astral characters differ.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from workbench.domain.span import Span

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Offset conversion for one text, built once (O(n)) and queried in O(log k).

    ``k`` is the number of astral characters in the text.
    """

    __slots__ = ("_astral", "_astral_u16", "_length")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral = astral
        """Code-point offsets of the astral characters, ascending."""
        self._astral_u16 = [offset + index for index, offset in enumerate(astral)]
        """UTF-16 offsets of the same characters (where their high surrogate sits)."""

    @property
    def length(self) -> int:
        """Length of the text in code points."""
        return self._length

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units (what Qt reports)."""
        return self._length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """The UTF-16 offset of code-point offset ``cp`` (0 <= cp <= length)."""
        if not 0 <= cp <= self._length:
            raise ValueError(f"code-point offset {cp} outside 0..{self._length}")
        return cp + bisect_left(self._astral, cp)

    def from_utf16(self, u16: int) -> int:
        """The code-point offset of UTF-16 offset ``u16``.

        An offset between the two halves of a surrogate pair snaps to the start of that
        character.
        """
        if not 0 <= u16 <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self.utf16_length}")
        before = bisect_left(self._astral_u16, u16)
        if before and self._astral_u16[before - 1] == u16 - 1:
            return self._astral[before - 1]
        return u16 - before

    def span_to_utf16(self, span: Span) -> tuple[int, int]:
        """``(start, end)`` of a code-point span in UTF-16 units."""
        return self.to_utf16(span.start), self.to_utf16(span.end)

    def span_from_utf16(self, start: int, end: int) -> Span:
        """The code-point span of a UTF-16 range; ``start``/``end`` may come in any order.

        An end inside a surrogate pair takes in the whole character, so a selection never
        loses half an emoji.
        """
        low, high = min(start, end), max(start, end)
        cp_start = self.from_utf16(low)
        cp_end = self.from_utf16(high)
        if self.to_utf16(cp_end) < high:
            cp_end += 1
        return Span(cp_start, cp_end)


def to_utf16(text: str, cp: int) -> int:
    """UTF-16 offset of code-point offset ``cp`` in ``text`` (use Utf16Map for many)."""
    return Utf16Map(text).to_utf16(cp)


def from_utf16(text: str, u16: int) -> int:
    """Code-point offset of UTF-16 offset ``u16`` in ``text`` (use Utf16Map for many)."""
    return Utf16Map(text).from_utf16(u16)


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + (0 if text.isascii() else len(_ASTRAL.findall(text)))
