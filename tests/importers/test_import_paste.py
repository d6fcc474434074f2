"""A checker pastes a wire story from the agency's web terminal or a browser: what they
selected is what they get, clean of markup; a whole copied page loses its menus."""

from __future__ import annotations

import pytest

from workbench.importers import read_pasted
from workbench.importers.base import ImportRefused


def test_pasted_plain_text(wire_story: tuple[str, ...]) -> None:
    pasted = "  Ministry claims proof\r\n\r\n" + "\r\n\r\n".join(wire_story) + "\r\n"
    article = read_pasted(text=pasted)
    assert article.source_format == "paste"
    assert article.title == "Ministry claims proof"
    assert article.text == "\n\n".join(["  Ministry claims proof", *wire_story])
    assert article.original == pasted.encode()
    assert article.file_name == ""


def test_pasted_html_selection_keeps_everything_selected(wire_story: tuple[str, ...]) -> None:
    fragment = (
        "<html><body><!--StartFragment--><h2>Ministry claims proof</h2>"
        + "".join(f"<p>{p}</p>" for p in wire_story[:2])
        + "<p><em>Short line.</em></p><!--EndFragment--></body></html>"
    )
    article = read_pasted(html=fragment, text="ignored plain version")
    assert article.text.split("\n\n") == ["Ministry claims proof", *wire_story[:2], "Short line."]
    assert article.title == "Ministry claims proof"
    assert article.original == fragment.encode()


def test_pasted_whole_page_loses_its_menus(news_page_path_text: str) -> None:
    article = read_pasted(html=news_page_path_text)
    assert "Arvenia's defence ministry claims" in article.text
    assert "World news" not in article.text and "cookies" not in article.text
    assert article.outlet == "The Northern Ledger"


def test_long_first_line_is_cut_for_the_title(wire_story: tuple[str, ...]) -> None:
    article = read_pasted(text=" ".join(wire_story))
    assert len(article.title) <= 101 and article.title.endswith("…")
    assert wire_story[0].startswith(article.title[:-1])


def test_html_without_text_falls_back_to_the_plain_text() -> None:
    article = read_pasted(html="<img src='x.png'>", text="The ministry claims.")
    assert article.text == "The ministry claims."
    assert article.original == b"The ministry claims."


@pytest.mark.parametrize("kwargs", [{}, {"text": "  \n\t"}, {"html": "<p> </p>", "text": ""}])
def test_empty_paste_is_refused(kwargs: dict[str, str]) -> None:
    with pytest.raises(ImportRefused, match="The pasted content has no text"):
        read_pasted(**kwargs)


@pytest.fixture
def news_page_path_text(news_page_path: object) -> str:
    from pathlib import Path

    assert isinstance(news_page_path, Path)
    return news_page_path.read_text(encoding="utf-8")
