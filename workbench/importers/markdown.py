"""Markdown files (.md): the text a reader sees, without Markdown syntax.

markdown-it-py (CommonMark plus tables and strikethrough) parses the file; its tokens
are rendered to plain text: one paragraph per paragraph or heading, soft line breaks
become spaces (as in any rendered Markdown), list items become ``• item`` / ``1. item``
lines, table rows ``cell | cell`` lines, code blocks stay as they are, raw HTML blocks
keep only their text, images and link targets are dropped (link text is kept).
The title is the front matter's ``title:`` if there is one, else the first heading,
else the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbench.importers.base import ImportedArticle, Progress, ShouldCancel
from workbench.importers.encoding import decode_text
from workbench.importers.html import plain_text_from_html
from workbench.importers.limits import check_text_size
from workbench.importers.normalize import first_line_title, normalize_text, shorten
from workbench.importers.txt import no_text

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FRONT_MATTER_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


def read_markdown(
    data: bytes,
    *,
    file_name: str,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportedArticle:
    """The article in a Markdown file."""
    source = decode_text(data, file_name=file_name)
    check_text_size(len(source), file_name)
    meta, body = split_front_matter(source)
    rendered = markdown_to_text(body)
    text = normalize_text(rendered.text)
    if not text:
        raise no_text(file_name)
    title = meta.get("title") or rendered.first_heading or first_line_title(text)
    return ImportedArticle(
        text=text,
        title=shorten(title),
        source_format="md",
        original=data,
        file_name=file_name,
        byline=meta.get("author", ""),
        outlet=meta.get("outlet", "") or meta.get("publisher", "") or meta.get("source", ""),
        source_url=meta.get("url", "") or meta.get("canonical_url", ""),
        published=_parse_date(meta.get("date", "")),
        language=meta.get("lang", "") or meta.get("language", ""),
    )


def split_front_matter(source: str) -> tuple[dict[str, str], str]:
    """YAML-style front matter (simple ``key: value`` lines only) and the rest of the file."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        return {}, source
    meta: dict[str, str] = {}
    for key, value in _FRONT_MATTER_FIELD.findall(match.group(1)):
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta.setdefault(key.lower(), value)
    return meta, source[match.end() :]


@dataclass
class RenderedMarkdown:
    text: str
    first_heading: str = ""


@dataclass
class _Renderer:
    blocks: list[str] = field(default_factory=list)
    first_heading: str = ""
    list_lines: list[str] = field(default_factory=list)
    list_stack: list[list[int]] = field(default_factory=list)
    """One entry per open list: [next number, or -1 for a bullet list]."""
    item_started: bool = False
    table_rows: list[str] = field(default_factory=list)
    row: list[str] = field(default_factory=list)
    in_table: bool = False
    in_heading: bool = False

    def add_block(self, text: str) -> None:
        if self.in_table:
            self.row.append(" ".join(text.split()))
        elif self.list_stack:
            depth = len(self.list_stack) - 1
            indent = "  " * depth
            if self.item_started:
                number = self.list_stack[-1][0]
                marker = "•" if number < 0 else f"{number}."
                if number >= 0:
                    self.list_stack[-1][0] += 1
                self.item_started = False
                self.list_lines.append(f"{indent}{marker} {text}")
            else:
                self.list_lines.append(f"{indent}  {text}")
        elif text.strip():
            self.blocks.append(text)

    def render(self, tokens: list[Token]) -> None:
        for token in tokens:
            kind = token.type
            if kind == "inline":
                text = _inline_text(token)
                if self.in_heading and not self.first_heading:
                    self.first_heading = " ".join(text.split())
                self.add_block(text)
            elif kind == "heading_open":
                self.in_heading = True
            elif kind == "heading_close":
                self.in_heading = False
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = -1
                if kind == "ordered_list_open":
                    start = int(str(token.attrGet("start") or 1))
                self.list_stack.append([start])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_stack.pop()
                if not self.list_stack and self.list_lines:
                    self.blocks.append("\n".join(self.list_lines))
                    self.list_lines = []
            elif kind == "list_item_open":
                self.item_started = True
            elif kind == "table_open":
                self.in_table = True
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close":
                self.table_rows.append(" | ".join(self.row))
            elif kind == "table_close":
                self.in_table = False
                self.add_block("\n".join(self.table_rows))
                self.table_rows = []
            elif kind in ("fence", "code_block"):
                self.add_block(token.content.rstrip("\n"))
            elif kind == "html_block":
                text = plain_text_from_html(token.content)
                if text:
                    self.add_block(text)


def markdown_to_text(source: str) -> RenderedMarkdown:
    """Plain text of a Markdown document, paragraphs separated by blank lines."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    renderer = _Renderer()
    renderer.render(parser.parse(source))
    if renderer.list_lines:
        renderer.blocks.append("\n".join(renderer.list_lines))
    return RenderedMarkdown("\n\n".join(renderer.blocks), renderer.first_heading)


def _inline_text(token: Token) -> str:
    """Text of an inline token: link text kept, images and inline HTML tags dropped."""
    parts: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip().strip("\"'")[:10])
    except ValueError:
        return None
