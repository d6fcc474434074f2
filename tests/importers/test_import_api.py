"""The one entry point the app uses: the right reader for what a file really is, and a
clear refusal (never a stack trace) for anything it cannot import."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench.importers as importers
from workbench.importers import SUPPORTED_SUFFIXES, read_bytes
from workbench.importers.base import ImportCancelled, ImportRefused

STORY = b"The ministry claims 91 drones were launched.\n\nOfficials said so on Tuesday.\n"


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".pdf",
        ".docx",
    }


@pytest.mark.parametrize("name", ["story.TXT", "story.text", "story", "story.eml", "dir/story.csv"])
def test_text_under_any_name_is_read_as_text(name: str) -> None:
    article = read_bytes(STORY, file_name=name)
    assert article.source_format == "txt"
    assert article.text == STORY.decode().strip()
    assert article.file_name == name.rsplit("/", 1)[-1]


def test_html_named_txt_is_read_as_a_page() -> None:
    page = b"<!DOCTYPE html><html><body><p>The ministry claims it has proof.</p></body></html>"
    article = read_bytes(page, file_name="saved.txt")
    assert article.source_format == "html"
    assert article.text == "The ministry claims it has proof."


def test_docx_under_a_wrong_name_is_read_as_word(make_docx: Callable[..., bytes]) -> None:
    article = read_bytes(make_docx(["The ministry claims."]), file_name="download.bin")
    assert article.source_format == "docx"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), r"“x\.txt” is a PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(64), r"“x\.txt” is a JPEG image"),
        (b"{\\rtf1\\ansi The ministry}", r"“x\.txt” is a Rich Text Format"),
        (b"\x1f\x8b\x08\x00" + bytes(64), r"“x\.txt” is a compressed gzip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), r"“x\.txt” is an old-style Office"),
    ],
)
def test_files_of_other_kinds_are_refused_with_what_to_do(data: bytes, message: str) -> None:
    with pytest.raises(ImportRefused, match=message):
        read_bytes(data, file_name="x.txt")


def test_plain_zip_is_refused_as_an_archive() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("story.txt", STORY)
    with pytest.raises(ImportRefused, match=r"“story\.zip” is a compressed ZIP archive.*Unpack"):
        read_bytes(out.getvalue(), file_name="story.zip")


def test_unknown_binary_is_refused_as_an_unknown_format() -> None:
    with pytest.raises(ImportRefused, match=r"“data\.bin” is not in a format.*\.docx"):
        read_bytes(b"\x00\x00\x00\x01binary\x00\xff" * 11, file_name="data.bin")
    with pytest.raises(ImportRefused, match=r"“data\.bin” holds binary data, not text"):
        read_bytes(b"\x00\x01\x02\x03binary\x00\xff" * 10, file_name="data.bin")


def test_unexpected_library_error_becomes_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise KeyError("internal detail")

    monkeypatch.setattr(importers, "_reader", lambda fmt: explode)
    with pytest.raises(ImportRefused, match=r"“a\.txt” could not be read: the file seems damaged"):
        read_bytes(STORY, file_name="a.txt")


def test_cancel_is_never_turned_into_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    def cancelled(*args: object, **kwargs: object) -> None:
        raise ImportCancelled()

    monkeypatch.setattr(importers, "_reader", lambda fmt: cancelled)
    with pytest.raises(ImportCancelled):
        read_bytes(STORY, file_name="a.txt")


def test_cancel_before_start() -> None:
    with pytest.raises(ImportCancelled):
        read_bytes(STORY, file_name="a.txt", should_cancel=lambda: True)


_SUFFIXES = [*SUPPORTED_SUFFIXES, ".bin", ""]
_PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<!doctype html><html><body>",
    b"---\ntitle: x\n---\n# ",
]


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=2048),
    eof=st.sampled_from([b"", b"\n%%EOF\n"]),
    suffix=st.sampled_from(_SUFFIXES),
)
def test_random_bytes_under_any_name_give_an_article_or_a_refusal(
    prefix: bytes, body: bytes, eof: bytes, suffix: str
) -> None:
    try:
        article = read_bytes(prefix + body + eof, file_name=f"fuzz{suffix}")
    except ImportRefused as refusal:
        assert "“fuzz" in str(refusal) or "pasted" in str(refusal)
    else:
        assert article.text and article.text == article.text.strip("\n")
