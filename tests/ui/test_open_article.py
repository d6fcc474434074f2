"""The open article's claims, numbers and counts stay right when changes are patched in."""

from __future__ import annotations

from collections import Counter
from typing import Any

from workbench.domain import Article, Span
from workbench.ui.main_window import MainWindow
from workbench.ui.models.claims_model import CLAIM_ID_ROLE, Column


def check_against_a_fresh_read(window: MainWindow, services: Any, sample: Article) -> None:
    document = window.document
    fresh = services.claims.for_article(sample.id)  # reading order
    assert [c.id for c in document.claims] == [c.id for c in fresh]
    assert [document.number(c.id) for c in fresh] == list(range(1, len(fresh) + 1))
    counted = Counter(c.label_id for c in fresh)
    assert document.counts_by_label() == {
        label.id: counted.get(label.id, 0) for label in services.labels.all()
    }
    table = window.claims_panel.proxy
    shown = {
        table.index(r, 0).data(CLAIM_ID_ROLE): table.index(r, Column.NUMBER).data()
        for r in range(table.rowCount())
    }
    assert shown == {c.id: str(n) for n, c in enumerate(fresh, start=1)}


def test_tags_deletes_and_retags_are_patched_with_right_numbers_and_counts(
    window: MainWindow, services: Any, sample: Article
) -> None:
    document = window.document
    document.counts_by_label()  # counted once: the patches below adjust the count
    confirmed = services.labels.by_name("Confirmed").id
    allegation = services.labels.by_name("Allegation").id

    first = services.claims.tag(sample.id, Span(0, 8), confirmed)  # before every claim
    assert document.patch == frozenset({first.id}), "patched, not read again"
    check_against_a_fresh_read(window, services, sample)

    services.claims.retag(first.id, allegation)
    check_against_a_fresh_read(window, services, sample)

    services.claims.delete(document.claims[3].id)
    check_against_a_fresh_read(window, services, sample)
    assert document.number(first.id) == 1
    assert document.number(-1) == 0
