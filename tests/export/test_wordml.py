"""Markup written as text for the Word report reads back in python-docx as the runs and
paragraphs python-docx itself would have made."""

from __future__ import annotations

import io

from docx import Document

from workbench.export import wordml


def _reopened(*paragraphs: str) -> list[list[tuple[str, bool]]]:
    """The runs (text, bold) of ``paragraphs`` after a save and reopen in python-docx."""
    doc = Document()
    for element in wordml.parse(paragraphs):
        doc.element.body.sectPr.addprevious(element)
    out = io.BytesIO()
    doc.save(out)
    out.seek(0)
    return [[(r.text, bool(r.bold)) for r in p.runs] for p in Document(out).paragraphs]


def test_runs_keep_spaces_bold_tabs_breaks_and_markup_characters() -> None:
    runs = [
        wordml.run("Verdict: ", wordml.BOLD),
        wordml.run(" spaced "),
        wordml.run("a\tb"),
        wordml.run("line\r\nnext"),
        wordml.run('<b> & "quoted"'),
        wordml.run(""),
    ]
    assert _reopened(wordml.paragraph(runs)) == [
        [
            ("Verdict: ", True),
            (" spaced ", False),
            ("a\tb", False),
            ("line\n\nnext", False),
            ('<b> & "quoted"', False),
            ("", False),
        ]
    ]


def test_paragraphs_come_back_in_order_with_style_and_spacing() -> None:
    doc = Document()
    style_id = doc.styles["Quote"].style_id
    written = [
        wordml.paragraph([wordml.run("first")], style_id=style_id, space_after=20),
        wordml.paragraph([]),
        wordml.paragraph([wordml.run("third", wordml.ITALIC + wordml.shading("F4B400"))]),
    ]
    for element in wordml.parse(written):
        doc.element.body.sectPr.addprevious(element)
    paragraphs = doc.paragraphs
    assert [p.text for p in paragraphs] == ["first", "", "third"]
    assert paragraphs[0].style.name == "Quote"
    assert paragraphs[0].paragraph_format.space_after.pt == 1
    assert paragraphs[2].runs[0].italic
