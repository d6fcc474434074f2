"""Text pasted from the clipboard: plain text, or HTML copied from a browser or Word.

Pasted HTML goes through the web page extraction (main text and metadata), but a paste
is what the fact-checker chose to copy, so the whole pasted text is kept when that
extraction drops too much of it:

- a selection (HTML without page furniture: no ``nav``, ``header``, ``footer`` or
  ``aside``): any loss is too much (trafilatura likes to drop a short headline or a
  one-line paragraph the checker selected on purpose), so ``SELECTION_KEEP_RATIO`` is 1;
- a whole page copied with its menus and footers: the extraction must keep
  ``PAGE_KEEP_RATIO`` (10 %) of the text, since dropping the furniture is the point.

The whole pasted text is its visible text without scripts, styles, navigation,
footers or forms. Pasted plain text is used as it is (normalized). The title is the
first line, cut to about 100 characters.
"""

from __future__ import annotations

import re

from workbench.importers.base import ImportedArticle, ImportRefused
from workbench.importers.html import HtmlExtraction, extract_html, plain_text_from_html
from workbench.importers.limits import check_text_size
from workbench.importers.normalize import first_line_title, normalize_text

SELECTION_KEEP_RATIO = 1.0
PAGE_KEEP_RATIO = 0.1
_PAGE_FURNITURE = re.compile(r"<(?:nav|header|footer|aside)\b|role\s*=\s*[\"']?navigation", re.I)


def read_pasted(*, text: str | None = None, html: str | None = None) -> ImportedArticle:
    """The article in pasted content; HTML is preferred when it yields any text."""
    check_text_size(max(len(text or ""), len(html or "")), "")
    found = HtmlExtraction(text="")
    body = ""
    if html and html.strip():
        whole = normalize_text(plain_text_from_html(html))
        try:
            found = extract_html(html)
        except Exception:  # a fragment trafilatura cannot handle: keep its plain text
            found = HtmlExtraction(text="")
        body = normalize_text(found.text)
        furniture = _PAGE_FURNITURE.search(html) is not None
        keep = PAGE_KEEP_RATIO if furniture else SELECTION_KEEP_RATIO
        if len(body) < keep * len(whole):
            body, found = whole, HtmlExtraction(text=whole)
    if not body and text:
        body, found = normalize_text(text), HtmlExtraction(text="")
    if not body:
        raise ImportRefused(
            "The pasted content has no text. Select the article's text again, copy it, and "
            "paste it into the workbench."
        )
    original = html if html and found.text else (text or "")
    return ImportedArticle(
        text=body,
        title=first_line_title(body),
        source_format="paste",
        original=original.encode("utf-8", errors="surrogatepass"),
        file_name="",
        byline=found.byline,
        outlet=found.outlet,
        source_url=found.source_url,
        published=found.published,
        language=found.language,
    )
