"""WordprocessingML for the Word report, written as text and parsed in batches.

The report's bulk (the article's shaded runs, the claims table's rows, each claim's
details: ~140,000 elements for 1,000 claims on a 1 MB article) cost ~3-4 s as one
python-docx call and one lxml element at a time. The same markup as text, parsed by
python-docx's own parser (so the elements are its classes and read back as usual), takes
a fraction of that. Each helper writes what python-docx writes for the matching call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.oxml.parser import parse_xml
from lxml import etree

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_RUN_BREAKS = re.compile(r"([\t\r\n])")
_CONTENT = {"\t": "<w:tab/>", "\r": "<w:br/>", "\n": "<w:br/>"}

BOLD = "<w:b/>"
ITALIC = "<w:i/>"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def text_element(text: str) -> str:
    """``<w:t>``, keeping leading and trailing spaces as python-docx does."""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def run(text: str, props: str = "") -> str:
    """``<w:r>`` holding ``text`` (tabs and line breaks as their own elements, like
    python-docx's ``add_run``), with run properties ``props`` (e.g. ``BOLD + shading``)."""
    head = f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return f"{head}{text_element(text)}</w:r>" if text else f"{head}</w:r>"
    parts = (_CONTENT.get(p) or text_element(p) for p in _RUN_BREAKS.split(text) if p)
    return head + "".join(parts) + "</w:r>"


def line_break() -> str:
    return "<w:r><w:br/></w:r>"


def color(hex_rgb: str) -> str:
    """Text colour property; ``hex_rgb`` as ``RRGGBB``."""
    return f'<w:color w:val="{hex_rgb}"/>'


def shading(hex_rgb: str) -> str:
    """Background fill property (``w:shd``); ``hex_rgb`` as ``RRGGBB``."""
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{hex_rgb}"/>'


def hyperlink(r_id: str, text: str) -> str:
    """A link run styled as python-docx has no API for: blue, underlined."""
    return (
        f'<w:hyperlink r:id="{attribute(r_id)}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
        '<w:color w:val="1A57B8"/><w:u w:val="single"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'
    )


def paragraph(
    runs: Iterable[str], *, style_id: str | None = None, space_after: int | None = None
) -> str:
    """``<w:p>`` with an optional paragraph style id and space after (in twips)."""
    props = ""
    if style_id is not None:
        props += f'<w:pStyle w:val="{attribute(style_id)}"/>'
    if space_after is not None:
        props += f'<w:spacing w:after="{space_after}"/>'
    head = f"<w:p><w:pPr>{props}</w:pPr>" if props else "<w:p>"
    return head + "".join(runs) + "</w:p>"


def cell(width: int | None, content: str) -> str:
    """``<w:tc>`` of one paragraph, with its width (twips) as ``add_row`` sets it."""
    props = f'<w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>' if width is not None else ""
    return f"<w:tc>{props}<w:p>{content}</w:p></w:tc>"


def row(cells: Iterable[str]) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def parse(fragments: Iterable[str]) -> list[etree._Element]:
    """The elements written in ``fragments``, in order, as python-docx element classes."""
    wrapper = parse_xml(f"<w:body {_NAMESPACES}>{''.join(fragments)}</w:body>")
    return list(wrapper)
