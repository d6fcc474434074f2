"""Saved web pages (.html/.htm): the article's text and what the page says about itself.

trafilatura finds the main text (no menus, footers, cookie banners, ads, related links)
and reads the page's metadata (og:/article: tags, JSON-LD, canonical link). It is only
ever given the markup as a string: it fetches nothing and runs no script (a test blocks
the network to prove it). Its structured result is rendered here as plain text:
paragraphs and headings separated by blank lines, list items as ``• item`` lines, table
rows as ``cell | cell`` lines. When trafilatura finds no text at all, a plain lxml pass
takes the visible text of the whole page (without scripts, styles, navigation and
footers); a page with no text even then is refused.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from workbench.importers.base import ImportedArticle, ImportRefused, Progress, ShouldCancel
from workbench.importers.encoding import decode_declared
from workbench.importers.limits import check_text_size
from workbench.importers.normalize import first_line_title, normalize_text, shorten

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_HTML_LANG = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)""", re.I
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)

_DROPPED_TAGS = frozenset(
    {
        *("head", "script", "style", "noscript", "template", "iframe", "frame", "frameset"),
        *("object", "embed", "svg", "canvas", "math", "nav", "footer", "aside", "form"),
        *("button", "select", "input", "textarea", "video", "audio", "picture", "map"),
        "dialog",
    }
)
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table"),
        *("tbody", "thead", "tfoot", "tr", "ul", "caption", "center"),
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_BREAK = "\x00"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """Main text (not yet normalized) and metadata found in a page."""

    text: str
    title: str = ""
    byline: str = ""
    outlet: str = ""
    source_url: str = ""
    published: date | None = None
    language: str = ""


def read_html(
    data: bytes,
    *,
    file_name: str,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """The article in a saved web page."""
    markup = decode_html(data, file_name=file_name)
    check_text_size(len(markup), file_name)
    found = extract_html(markup)
    text = normalize_text(found.text)
    if not text:
        text = normalize_text(plain_text_from_html(markup))
    if not text:
        raise ImportRefused(
            f"“{file_name}” has no article text the workbench can find (the page may build "
            "its text with scripts). Open it in a browser, copy the article text, and paste "
            "it into the workbench."
        )
    return ImportedArticle(
        text=text,
        title=shorten(found.title) if found.title else first_line_title(text),
        source_format="html",
        original=data,
        file_name=file_name,
        byline=found.byline,
        outlet=found.outlet,
        source_url=found.source_url,
        published=found.published,
        language=found.language,
    )


def decode_html(data: bytes, *, file_name: str) -> str:
    """The page's markup: BOM, else plain UTF-8, else its ``<meta charset>``, else a guess."""
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", errors="ignore") if match else None
    return decode_declared(data, declared, file_name=file_name)


def extract_html(markup: str) -> HtmlExtraction:
    """trafilatura's main text and metadata; ``text`` is empty if it found none."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    language = _language(markup)
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    if document is None:
        return HtmlExtraction(text="", title=_page_title(markup), language=language)
    body = getattr(document, "body", None)
    if body is not None and len(body):
        text = _render_body(body)
    else:
        text = "\n\n".join(str(getattr(document, "text", "") or "").split("\n"))
    return HtmlExtraction(
        text=text,
        title=_clean(getattr(document, "title", None)) or _page_title(markup),
        byline=_clean(getattr(document, "author", None)),
        outlet=_clean(getattr(document, "sitename", None)),
        source_url=_clean(getattr(document, "url", None)),
        published=_parse_date(getattr(document, "date", None)),
        language=language,
    )


def plain_text_from_html(markup: str) -> str:
    """All visible text of a page or fragment, blocks separated by blank lines (no scripts,
    styles, navigation, footers or forms)."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter()):
        tag = element.tag
        if (
            isinstance(tag, str)
            and tag.lower() in _DROPPED_TAGS
            and element.getparent() is not None
        ):
            element.drop_tree()
    parts: list[str] = []
    pre_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start" and tag:
            if tag == "br":
                parts.append("\n")
            elif tag in _BLOCK_TAGS:
                parts.append(_BREAK)
            elif tag in _CELL_TAGS:
                parts.append(" ")
            if tag == "pre":
                pre_depth += 1
            if element.text:
                parts.append(element.text if pre_depth else _HTML_SPACE.sub(" ", element.text))
        elif event == "end":
            if tag == "pre":
                pre_depth -= 1
            if tag in _BLOCK_TAGS:
                parts.append(_BREAK)
            if element.tail:
                parts.append(element.tail if pre_depth else _HTML_SPACE.sub(" ", element.tail))
    blocks = []
    for block in "".join(parts).split(_BREAK):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            blocks.append(joined)
    return "\n\n".join(blocks)


def _render_body(body: Any) -> str:
    """trafilatura's XML (p, head, list/item, quote, table/row/cell, code, lb) as text."""
    blocks: list[str] = []
    for element in body:
        _render_block(element, blocks)
        if element.tail and element.tail.strip():
            blocks.append(element.tail.strip())
    return "\n\n".join(block for block in blocks if block.strip())


def _render_block(element: Any, blocks: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "list":
        blocks.append("\n".join(_list_lines(element, 0)))
    elif tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [" ".join(_inline_text(cell).split()) for cell in row if cell.tag == "cell"]
            cells = [cell for cell in cells if cell]
            if cells:
                rows.append(" | ".join(cells))
        if all(" | " in row for row in rows):
            blocks.append("\n".join(rows))
        else:
            blocks.extend(rows)
    elif tag == "graphic":
        return
    elif tag == "code":
        blocks.append("".join(element.itertext()).strip("\n"))
    elif tag in ("quote", "div") and any(child.tag in ("p", "list", "head") for child in element):
        if element.text and element.text.strip():
            blocks.append(element.text.strip())
        for child in element:
            _render_block(child, blocks)
            if child.tail and child.tail.strip():
                blocks.append(child.tail.strip())
    else:
        blocks.append(_inline_text(element).strip())


def _list_lines(element: Any, depth: int) -> list[str]:
    numbered = str(element.get("rend", "")).lower() == "ol"
    lines: list[str] = []
    number = 0
    for item in element:
        if item.tag != "item":
            continue
        number += 1
        marker = f"{number}." if numbered else "•"
        text = " ".join(_inline_text(item, skip=("graphic", "list")).split())
        if text:
            lines.append(f"{'  ' * depth}{marker} {text}")
        for child in item:
            if child.tag == "list":
                lines.extend(_list_lines(child, depth + 1))
    return lines


def _inline_text(element: Any, skip: tuple[str, ...] = ("graphic",)) -> str:
    """Text of an element with ``<lb/>`` as a line break, ``skip`` elements left out."""
    parts: list[str] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in skip:
            parts.append(_inline_text(child, skip))
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _page_title(markup: str) -> str:
    match = _TITLE.search(markup[:200_000])
    if match is None:
        return ""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", match.group(1))).split())


def _language(markup: str) -> str:
    match = _HTML_LANG.search(markup[:20_000])
    return match.group(1) if match else ""


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _parse_date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
