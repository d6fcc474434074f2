"""The text engine: sentences with offsets, selectors, re-anchoring, UTF-16 offsets.

Pure Python over the domain types: no Qt, no SQL. Offsets are code points into an
article's normalized text; ``Utf16Map`` converts them for Qt at the boundary.
"""

from workbench.text.anchoring import reanchor, reanchor_all
from workbench.text.offsets import Utf16Map, from_utf16, to_utf16, utf16_length
from workbench.text.segment import segment_sentences
from workbench.text.selectors import (
    is_word_char,
    quote_for,
    sentence_at,
    sentences_in,
    snap_to_words,
)

__all__ = [
    "Utf16Map",
    "from_utf16",
    "is_word_char",
    "quote_for",
    "reanchor",
    "reanchor_all",
    "segment_sentences",
    "sentence_at",
    "sentences_in",
    "snap_to_words",
    "to_utf16",
    "utf16_length",
]
