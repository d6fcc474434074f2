"""A checker saved a news page from the browser: the workbench shows the article clean of
menus, cookie banners, ads, related links, scripts and footers, with title, outlet,
byline, date and canonical URL, and never touches the network."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from workbench.importers import read_bytes, read_file
from workbench.importers.base import ImportRefused
from workbench.importers.html import plain_text_from_html


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_saved_news_page_gives_the_article_and_its_metadata(news_page_path: Path) -> None:
    article = read_file(news_page_path)

    assert article.source_format == "html"
    assert article.title == "Arvenian ministry claims it handed over drone evidence"
    assert article.byline == "Marta Kovalenko-Reyes"
    assert article.outlet == "The Northern Ledger"
    assert article.published == date(2026, 1, 14)
    assert article.source_url == (
        "https://www.northernledger.example/world/2026/01/14/arvenia-drone-evidence"
    )
    assert article.language == "en-GB"
    assert article.original == news_page_path.read_bytes()

    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Arvenia's defence ministry claims it has handed")
    assert paragraphs[-1] == (
        "The ministry says it will present further material to the security council next week."
    )
    assert len(paragraphs) == 7
    assert '"91 long-range drones"' in article.text
    assert "attaché took place on Tuesday afternoon" in article.text
    assert "\n" not in paragraphs[1]  # source line breaks inside a <p> are not kept


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookies",  # cookie banner
        "Accept all",
        "World news",  # navigation menu
        "Subscribe today",
        "Search the Ledger",
        "Advertisement",  # ad slots
        "Holiday deals",
        "Velocity hybrid",
        "Related stories",  # sidebar
        "Power cuts hit",
        "Most read",
        "Privacy policy",  # footer
        "All rights reserved",
        "Share this story",
        "tracking-script-should-never-appear",  # scripts
        "inline-widget-should-never-appear",
        "gtag",
        "dataLayer",
        "Video player",  # iframe
        "Debris shown",  # photo caption
    ],
)
def test_page_furniture_is_not_in_the_text(news_page_path: Path, boilerplate: str) -> None:
    assert boilerplate not in read_file(news_page_path).text


def test_page_in_windows_1252_declared_by_meta_charset() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Attach\xe9 meeting</title></head><body><article>"
        "<p>The ministry \x93claims\x94 the attach\xe9 met officials on Tuesday, and the "
        "embassy later confirmed the meeting in a short note to reporters.</p>"
        "<p>Analysts said the claim about 91 drones could not be verified.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    article = read_bytes(page, file_name="page.htm")
    assert "The ministry \u201cclaims\u201d the attach\u00e9 met officials" in article.text
    assert article.title == "Attach\u00e9 meeting"


def test_lists_tables_and_headings_keep_their_shape() -> None:
    page = b"""<!doctype html><html><head><title>Fact box</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Fact box</h1>
    <p>The ministry made three claims on Wednesday about the overnight attack on the
    residence, and analysts have looked at each of them in turn since then.</p>
    <h2>The claims</h2>
    <ul><li>91 drones were launched from the north</li><li>all were shot down</li></ul>
    <table><tr><th>Claim</th><th>Status</th></tr><tr><td>91 drones</td><td>unverified</td></tr>
    </table>
    <p>Line one of an address<br>Line two of the address follows here.</p>
    </article><footer>Copyright Ledger</footer></body></html>"""
    text = read_bytes(page, file_name="box.html").text
    assert "• 91 drones were launched from the north\n• all were shot down" in text
    assert "Claim | Status\n91 drones | unverified" in text
    assert "Line one of an address\nLine two of the address follows here." in text
    assert "Home" not in text and "Copyright" not in text


def test_tiny_page_still_gives_its_text() -> None:
    page = b"<html><body><div>Ministry: 91 drones.</div><script>x()</script></body></html>"
    assert read_bytes(page, file_name="note.html").text == "Ministry: 91 drones."


def test_when_trafilatura_finds_nothing_the_visible_text_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        b"<html><head><title>Note | Ledger</title></head><body><nav>Menu</nav>"
        b"<div>Ministry: 91 drones.</div><script>x()</script><footer>(c)</footer></body></html>"
    )
    article = read_bytes(page, file_name="note.html")
    assert article.text == "Ministry: 91 drones."
    assert article.title == "Note | Ledger"


def test_page_that_only_runs_scripts_is_refused() -> None:
    page = (
        b"<!doctype html><html><head><title>Loading</title><script src='app.js'></script>"
        b"</head><body><div id='root'></div><script>render()</script></body></html>"
    )
    with pytest.raises(ImportRefused, match=r"“app\.html” has no article text.*paste it"):
        read_bytes(page, file_name="app.html")


def test_xhtml_with_an_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>The ministry said the attaché meeting took place.</p></body></html>"
    ).encode()
    assert read_bytes(page, file_name="x.html").text == (
        "The ministry said the attaché meeting took place."
    )


def test_plain_text_extraction_separates_blocks() -> None:
    html = (
        "<div>One <b>bold</b>\n claim</div><p>Two</p><ul><li>a</li><li>b</li></ul><pre>x\n y</pre>"
    )
    assert plain_text_from_html(html) == "One bold claim\n\nTwo\n\na\n\nb\n\nx\ny"
    assert plain_text_from_html("") == ""
    assert plain_text_from_html("<!-- only a comment -->") == ""
