"""A checker opens a wire story saved as plain text: clean paragraphs, a title, the
original bytes kept; bad files get a message naming the file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workbench.importers import base, read_bytes, read_file
from workbench.importers.base import ImportRefused
from workbench.importers.txt import read_txt

HEADLINE = "Ministry claims it handed envoys proof of drone attack on residence"
BYLINE = "By Jonas Ekberg, Velmora"


def _story_file(wire_story: tuple[str, ...]) -> str:
    body = "\n\n".join(textwrap.fill(p, width=70) for p in wire_story)
    return f"{HEADLINE}\n{BYLINE}\n\n{body}\n"


def test_wire_story_from_a_windows_text_file(tmp_path: Path, wire_story: tuple[str, ...]) -> None:
    raw = _story_file(wire_story).replace("\n", "\r\n").encode("cp1252")
    path = tmp_path / "wire-0114.txt"
    path.write_bytes(raw)

    article = read_file(path)

    assert article.source_format == "txt"
    assert article.file_name == "wire-0114.txt"
    assert article.title == HEADLINE
    assert article.original == raw
    assert article.text == "\n\n".join([f"{HEADLINE}\n{BYLINE}", *wire_story])


def test_progress_reaches_the_end(wire_story: tuple[str, ...]) -> None:
    seen: list[float] = []
    read_bytes(_story_file(wire_story).encode(), file_name="s.txt", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ImportRefused, match=r"“empty\.txt” is empty.*import it again"):
        read_file(path)


def test_file_of_blanks_is_refused() -> None:
    with pytest.raises(ImportRefused, match=r"“blank\.txt” contains no text"):
        read_txt(b" \r\n\t \n\n", file_name="blank.txt")


def test_oversized_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The ministry claims. " * 100)
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1000)
    opened: list[Path] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy_open)
    with pytest.raises(ImportRefused, match=r"“huge\.txt” is 2,100 bytes, more than the 1,000"):
        read_file(path)
    assert opened == []


def test_oversized_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "MAX_FILE_BYTES", 10)
    with pytest.raises(ImportRefused, match=r"“big\.txt” is .*Save only the part"):
        read_bytes(b"x" * 11, file_name="big.txt")


def test_text_over_the_character_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "MAX_TEXT_CHARS", 50)
    with pytest.raises(ImportRefused, match=r"“long\.txt” holds 60 characters of text"):
        read_bytes(b"a" * 60, file_name="long.txt")


def test_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match=r"“gone\.txt” could not be opened.*still exists"):
        read_file(tmp_path / "gone.txt")


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ImportRefused, match=r"“folder\.txt” is a folder"):
        read_file(folder)
