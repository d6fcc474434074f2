"""The Jinja2 environment for report templates (``resources/templates``), escaping on.

Every template is autoescaped, whatever its name: user text can only reach the output
escaped, unless a renderer hands in a ``Markup`` it built itself from escaped pieces.
Shared filters (dates, colours, note Markdown) live here so the HTML and PDF agree.
``precompile`` compiles a template in small steps (a GUI can run one per idle moment);
the environment's in-memory bytecode cache then hands the result to ``get_template``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from jinja2.compiler import generate
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
        bytecode_cache=_CompiledTemplates(),
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


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, so ``precompile``'s result is used."""

    def __init__(self) -> None:
        self._codes: dict[str, tuple[str, CodeType]] = {}
        """Cache key -> (source checksum, code)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self._codes.get(bucket.key, ("", None))
        if code is not None and checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._codes[bucket.key] = (bucket.checksum, bucket.code)


def precompile(name: str) -> Iterator[None]:
    """Compile template ``name`` one step per ``next()`` (read and parse, generate
    Python, compile it): each step is a fraction of the ~30-50 ms a first
    ``get_template`` costs; afterwards ``get_template`` only loads the result."""
    env = environment()
    assert env.loader is not None and env.bytecode_cache is not None
    source, filename, _uptodate = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    yield
    python = generate(tree, env, name, filename, optimized=env.optimized)
    assert python is not None  # None only when writing to a stream
    yield
    cache = env.bytecode_cache
    bucket = cache.get_bucket(env, name, filename, source)
    bucket.code = compile(python, filename or "<template>", "exec")
    cache.set_bucket(bucket)


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
