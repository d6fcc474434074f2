"""The Jinja2 environment for report templates (``resources/templates``), escaping on.

Every template is autoescaped, whatever its name: user text can only reach the output
escaped, unless a renderer hands in a ``Markup`` it built itself from escaped pieces.
Shared filters (dates, colours, note Markdown) live here so the HTML and PDF agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

from workbench import paths
from workbench.export.model import fmt_date, ink, is_web_url, rgba, safe_color, tint


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(paths.resource("templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        {
            "date": fmt_date,
            "color": safe_color,
            "ink": ink,
            "rgba": rgba,
            "tint": tint,
            "markdown": note_html,
        }
    )
    env.tests["web_url"] = is_web_url
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # an image would be a request to wherever the note points

    def link_open(
        renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
    ) -> str:
        tokens[idx].attrSet("rel", "noopener noreferrer nofollow")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


def note_html(body: str) -> Markup:
    """A note's Markdown as HTML: raw HTML in it stays text, images stay text too, and
    links are limited to safe schemes (markdown-it's ``validateLink``)."""
    return Markup(_markdown().render(body))
