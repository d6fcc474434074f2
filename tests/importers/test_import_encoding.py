"""Whatever encoding a newsroom's text file is in, the checker sees the right letters, or
a message telling them to save it as UTF-8."""

from __future__ import annotations

import codecs
import random

import pytest

from workbench.importers.base import ImportRefused
from workbench.importers.encoding import decode_text

STORY = (
    "The ministry \u201cclaims\u201d the caf\u00e9 near the residence was hit \u2013 "
    "officials said 91 drones were allegedly launched; the attach\u00e9 was not available.\n"
)
FRENCH = "Le minist\u00e8re affirme que le caf\u00e9 a \u00e9t\u00e9 touch\u00e9 \u00e0 l'aube.\n"


def test_utf8_with_bom_loses_the_bom() -> None:
    assert decode_text(codecs.BOM_UTF8 + STORY.encode("utf-8"), file_name="a.txt") == STORY


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec]
    assert decode_text(bom + STORY.encode(codec), file_name="a.txt") == STORY


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str) -> None:
    assert decode_text(STORY.encode(codec), file_name="a.txt") == STORY


def test_windows_1252_curly_quotes_and_accents() -> None:
    data = STORY.encode("cp1252")
    assert b"\x93" in data and b"\xe9" in data
    assert decode_text(data, file_name="a.txt") == STORY


def test_latin1() -> None:
    assert decode_text(FRENCH.encode("latin-1"), file_name="a.txt") == FRENCH


def test_cyrillic_windows_1251() -> None:
    text = (
        "\u041c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e "
        "\u043e\u0431\u043e\u0440\u043e\u043d\u044b \u0443\u0442\u0432\u0435\u0440\u0436"
        "\u0434\u0430\u0435\u0442, \u0447\u0442\u043e \u0431\u044b\u043b\u043e "
        "\u0437\u0430\u043f\u0443\u0449\u0435\u043d\u043e 91 \u0431\u0435\u0441\u043f"
        "\u0438\u043b\u043e\u0442\u043d\u0438\u043a.\n"
    ) * 3
    assert decode_text(text.encode("cp1251"), file_name="a.txt") == text


def test_utf8_file_with_a_stray_windows_quote_keeps_both() -> None:
    data = "caf\u00e9 and attach\u00e9 said ".encode() + b"\x93proof\x94" + " \u2013 ok".encode()
    assert decode_text(data, file_name="a.txt") == (
        "caf\u00e9 and attach\u00e9 said \u201cproof\u201d \u2013 ok"
    )


def test_png_renamed_txt_is_refused_as_an_image() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ImportRefused, match=r"“chart\.txt” is a PNG image.*OCR"):
        decode_text(png, file_name="chart.txt")


@pytest.mark.parametrize(
    "magic",
    [b"PK\x03\x04\x14\x00\x00\x00", b"%PDF-1.7\n", b"\x7fELF\x02\x01\x01"],
)
def test_other_binary_signatures_are_refused(magic: bytes) -> None:
    with pytest.raises(ImportRefused, match=r"“x\.txt”"):
        decode_text(magic + bytes(range(256)) * 4, file_name="x.txt")


def test_nul_bytes_outside_a_utf16_pattern_mean_binary() -> None:
    data = b"MINISTRY\x00\x00\x13\x88\x00\x01\xff\x00claims" * 20
    with pytest.raises(ImportRefused, match=r"“dump\.txt” holds binary data.*UTF-8"):
        decode_text(data, file_name="dump.txt")


def test_bytes_that_are_no_sensible_text_are_refused() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(ImportRefused, match=r"“noise\.txt” is not readable text.*save it as UTF-8"):
        decode_text(noise, file_name="noise.txt")


def test_damaged_utf16_with_bom_is_refused() -> None:
    data = codecs.BOM_UTF16_LE + STORY.encode("utf-16-le")[:-1]
    with pytest.raises(ImportRefused, match=r"marked as UTF-16 text.*damaged"):
        decode_text(data, file_name="cut.txt")


def test_mostly_ascii_with_a_few_stray_high_bytes_is_decoded_not_refused() -> None:
    # Documented choice: a legacy file is decoded with the best single-byte guess rather
    # than refused, so the ASCII text survives even if a stray letter looks odd.
    data = b"The ministry said \xe9t\xe9 and 91 drones; officials said nothing else.\n"
    text = decode_text(data, file_name="legacy.txt")
    assert text.startswith("The ministry said ") and text.endswith("said nothing else.\n")
