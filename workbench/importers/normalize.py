"""Turn any extracted text into the one canonical form an article is stored in.

Stored article text is immutable and claims point into it by character offset, so this
function must be deterministic and idempotent: ``normalize_text(normalize_text(x)) ==
normalize_text(x)`` for every string (a property test checks it). The steps, in order:

1. Line breaks: ``\\r\\n``, ``\\r``, NEL, VT and U+2028 become ``\\n``; form feed and
   U+2029 (paragraph separator) become a blank line.
2. Tabs become one space; other control characters are dropped; so are the BOM / zero
   width no-break space (U+FEFF) and soft hyphens (U+00AD), which are invisible but would
   break searching and quoting; lone surrogates become U+FFFD.
3. Unicode NFC (checked again at the very end, so the result is always NFC).
4. Trailing whitespace is stripped from every line; leading indentation is kept.
5. Hard-wrapped paragraphs are joined into one line, but only when a paragraph is
   *clearly* hard-wrapped (see ``_is_hard_wrapped``); otherwise its lines stay as they are.
6. Three or more line breaks collapse into one blank line; leading and trailing blank
   lines are removed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_LINE_BREAKS: tuple[tuple[str, str], ...] = (
    ("\r\n", "\n"),
    ("\r", "\n"),
    ("\x85", "\n"),
    ("\x0b", "\n"),
    ("\u2028", "\n"),
    ("\x0c", "\n\n"),
    ("\u2029", "\n\n"),
    ("\t", " "),
)
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\ufeff]"  # control chars, soft hyphen, BOM
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")

WRAP_MIN_WIDTH = 40
"""A paragraph is only unwrapped if its longest line is at least this long ..."""
WRAP_MAX_WIDTH = 120
"""... and at most this long (longer lines are paragraphs of their own, not a wrap)."""

_LIST_OR_QUOTE = re.compile(r"(?:[-*+•·‣◦–—>|#]|\d{1,3}[.)]|[A-Za-z][.)])(?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_HYPHEN_END = re.compile(r"[^\W\d_][-\u2010]$")


def normalize_text(raw: str) -> str:
    """Return ``raw`` in the canonical stored form (see the module docstring)."""
    text = raw
    for old, new in _LINE_BREAKS:
        if old in text:
            text = text.replace(old, new)
    text = _DROPPED.sub("", text)
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    block: list[str] = []
    for line in lines:
        if line:
            block.append(line)
            continue
        if block:
            out.extend(_unwrap(block))
            block = []
        out.append("")
    if block:
        out.extend(_unwrap(block))
    text = _MANY_BLANK_LINES.sub("\n\n", "\n".join(out)).strip("\n")
    return unicodedata.normalize("NFC", text)


def _unwrap(block: list[str]) -> list[str]:
    """One line for a clearly hard-wrapped block of lines, else the block unchanged."""
    if not _is_hard_wrapped(block):
        return block
    joined = block[0]
    for line in block[1:]:
        joined = join_lines(joined, line.lstrip(), keep_hyphen=True)
    return [joined]


def join_lines(left: str, right: str, *, keep_hyphen: bool) -> str:
    """Join two pieces of one wrapped paragraph.

    A line that ends in ``letter-`` followed by a lower-case word is joined without a
    space; the hyphen is kept if ``keep_hyphen`` (plain text wrapped by a tool only breaks
    at real hyphens), else the caller decides (PDF de-hyphenation).
    """
    if _HYPHEN_END.search(left[-2:]) and right[:1].islower():
        return left + right if keep_hyphen else left[:-1] + right
    return f"{left} {right}"


def _is_hard_wrapped(block: list[str]) -> bool:
    """True only when every sign says the block is one paragraph wrapped at a fixed width.

    - it has at least two lines, none after the first is indented, none looks like a
      list item, quote, heading or table row (``- ``, ``1.``, ``> ``, ``#``, ``|``,
      runs of three spaces);
    - its longest line is 40-120 characters long;
    - every line but the last is "full": the next line's first word would not have fit
      on it within the longest line's width (what a greedy wrapping tool guarantees);
    - few lines end a sentence: for two lines, the first must not, and the second must
      start in lower case (a headline over a byline is not joined); for more lines, at
      most half of the lines but the last may end with ``. ! ? : ;``.

    The decision depends on the block alone, and a joined block becomes a single line,
    so normalizing again changes nothing.
    """
    if len(block) < 2:
        return False
    width = max(len(line) for line in block)
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
        return False
    for i, line in enumerate(block):
        stripped = line.lstrip()
        if (i > 0 and stripped != line) or _LIST_OR_QUOTE.match(stripped):
            return False
        if "   " in stripped or " | " in line:
            return False
    for line, following in itertools.pairwise(block):
        next_word = following.split(maxsplit=1)[0]
        if len(line) + 1 + len(next_word) <= width:
            return False
    sentence_ends = sum(1 for line in block[:-1] if _SENTENCE_END.search(line))
    if len(block) == 2:
        return sentence_ends == 0 and block[1][:1].islower()
    return sentence_ends * 2 <= len(block) - 1


def first_line_title(text: str, limit: int = 100) -> str:
    """The first non-blank line of ``text``, cut at a word boundary to about ``limit``."""
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            return shorten(line, limit)
    return ""


def shorten(line: str, limit: int = 100) -> str:
    """``line`` itself if short enough, else cut at the last space before ``limit`` + "…"."""
    line = " ".join(line.split())
    if len(line) <= limit:
        return line
    cut = line[:limit]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
