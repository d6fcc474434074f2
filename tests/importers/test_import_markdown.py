"""A checker imports a statement kept as Markdown: the text reads as rendered, without
Markdown syntax, with its paragraph structure."""

from __future__ import annotations

from datetime import date

from workbench.importers import read_bytes
from workbench.importers.markdown import markdown_to_text

STATEMENT_MD = """\
---
title: "Statement on the overnight drone attack"
author: Press Office of the Ministry
date: 2026-01-14
---

# Ministry *claims* it handed envoys proof

The defence ministry **claims** it has handed foreign envoys evidence of a drone
attack on a government residence, according to a [statement](https://example.org/s)
released on Wednesday.

## What the ministry says

- 91 long-range drones were *allegedly* launched
- all of them were shot down
  - none reached the residence

1. Evidence was shared with partners.
2. A meeting with the attaché took place.

> "We have concrete proof," Deputy Defence Minister Ilias Brandt said.

| Date | Drones | Source |
|------|--------|--------|
| 12 Jan | 91 | ministry |

```
RAW-FIGURES 91/91
```

<div class="note">Analysts <b>dispute</b> the figure.<script>track()</script></div>

![Wreckage shown at the briefing](wreckage.jpg)

Escaped \\*stars\\* and &amp; entities stay literal.
"""


def test_statement_in_markdown_reads_as_plain_text() -> None:
    article = read_bytes(STATEMENT_MD.encode(), file_name="statement.md")

    assert article.source_format == "md"
    assert article.title == "Statement on the overnight drone attack"
    assert article.byline == "Press Office of the Ministry"
    assert article.published == date(2026, 1, 14)
    assert article.text.split("\n\n") == [
        "Ministry claims it handed envoys proof",
        "The defence ministry claims it has handed foreign envoys evidence of a drone attack "
        "on a government residence, according to a statement released on Wednesday.",
        "What the ministry says",
        "• 91 long-range drones were allegedly launched\n• all of them were shot down\n"
        "  • none reached the residence",
        "1. Evidence was shared with partners.\n2. A meeting with the attaché took place.",
        '"We have concrete proof," Deputy Defence Minister Ilias Brandt said.',
        "Date | Drones | Source\n12 Jan | 91 | ministry",
        "RAW-FIGURES 91/91",
        "Analysts dispute the figure.",
        "Escaped *stars* and & entities stay literal.",
    ]


def test_title_is_the_first_heading_without_front_matter() -> None:
    article = read_bytes(
        b"Intro line.\n\n## The ministry claims\n\nBody.\n", file_name="a.markdown"
    )
    assert article.title == "The ministry claims"
    assert article.text == "Intro line.\n\nThe ministry claims\n\nBody."


def test_setext_heading_and_hard_break() -> None:
    rendered = markdown_to_text("Ministry statement\n==================\n\nLine one  \nline two\n")
    assert rendered.first_heading == "Ministry statement"
    assert rendered.text == "Ministry statement\n\nLine one\nline two"


def test_markdown_text_is_a_fixed_point_of_normalization() -> None:
    from workbench.importers.normalize import normalize_text

    text = read_bytes(STATEMENT_MD.encode(), file_name="statement.md").text
    assert normalize_text(text) == text
