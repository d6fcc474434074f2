"""The claims filter model: the rows that pass the filters, kept right as the claims change."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from workbench.domain import Article, ClaimFields, Span
from workbench.ui.models.claims_filter import ClaimFilter, ClaimsFilterModel
from workbench.ui.models.claims_model import CLAIM_ID_ROLE, ClaimsTableModel, Column


@pytest.fixture
def models(qapp: Any, services: Any, sample: Article) -> tuple[ClaimsTableModel, ClaimsFilterModel]:
    model = ClaimsTableModel()
    shown = ClaimsFilterModel()
    shown.setSourceModel(model)
    QAbstractItemModelTester(shown, QAbstractItemModelTester.FailureReportingMode.Fatal, shown)
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())
    return model, shown


def ids(shown: ClaimsFilterModel) -> list[int]:
    return [shown.index(r, 0).data(CLAIM_ID_ROLE) for r in range(shown.rowCount())]


def expected(model: ClaimsTableModel, rule: ClaimFilter) -> list[int]:
    """The claim ids a filter must show: every source row tested on its own."""
    return [
        model.claim_at(r).id for r in range(model.rowCount()) if rule.accepts(model.row_data(r))
    ]


def refresh(services: Any, sample: Article, model: ClaimsTableModel) -> None:
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())


def test_rows_follow_tags_edits_and_deletes_while_filtered(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, shown = models
    allegation = services.labels.by_name("Allegation").id
    shown.set_filters(label_id=allegation)
    rule = ClaimFilter(label_id=allegation)
    assert 0 < len(ids(shown)) < model.rowCount()
    assert ids(shown) == expected(model, rule)

    start = sample.text.index("Analysts were divided.")
    tagged = services.claims.tag(sample.id, Span(start, start + 22), allegation)
    hidden = services.claims.tag(sample.id, Span(0, 8), services.labels.by_name("Confirmed").id)
    refresh(services, sample, model)
    assert tagged.id in ids(shown) and hidden.id not in ids(shown)
    assert ids(shown) == expected(model, rule)

    services.claims.retag(tagged.id, services.labels.by_name("Confirmed").id)  # leaves
    services.claims.retag(hidden.id, allegation)  # comes in
    refresh(services, sample, model)
    assert tagged.id not in ids(shown) and hidden.id in ids(shown)
    assert ids(shown) == expected(model, rule)

    services.claims.delete(ids(shown)[0])
    refresh(services, sample, model)
    assert ids(shown) == expected(model, rule)


def test_an_edit_that_makes_a_claim_match_the_words_shows_it(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, shown = models
    shown.set_filters(text="zeppelin")
    assert shown.rowCount() == 0
    claim = model.claim_at(3)
    services.claims.edit(claim.id, ClaimFields(comment="Compare the Zeppelin archive."))
    refresh(services, sample, model)
    assert ids(shown) == [claim.id]


def test_sorting_while_filtered_keeps_the_filter_and_takes_the_new_order(
    services: Any, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, shown = models
    shown.set_filters(status="open")
    shown.sort(Column.LABEL, Qt.SortOrder.DescendingOrder)
    assert ids(shown) == expected(model, ClaimFilter(status="open"))
    labels = [shown.index(r, Column.LABEL).data() for r in range(shown.rowCount())]
    assert labels == sorted(labels, reverse=True)


def test_typing_on_narrows_the_rows_as_a_fresh_filter_would(
    models: tuple[ClaimsTableModel, ClaimsFilterModel],
) -> None:
    model, shown = models
    for text in ("e", "em", "emb", "embassy", "embassy s", "emb", "", "the", "he"):
        shown.set_filters(text=text)
        assert ids(shown) == expected(model, ClaimFilter(words=tuple(text.split()))), text
    assert ClaimFilter(words=("emb",)).narrows(ClaimFilter(words=("em",)))
    assert not ClaimFilter(words=("em",)).narrows(ClaimFilter(words=("emb",)))
    assert not ClaimFilter(label_id=1, words=("emb",)).narrows(ClaimFilter(words=("em",)))


def test_the_selected_claim_stays_selected_while_it_passes_the_filter(
    services: Any, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, shown = models
    selection = QItemSelectionModel(shown)
    embassy = ids(shown).index(expected(model, ClaimFilter(words=("embassy",)))[0])
    claim_id = ids(shown)[embassy]
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    selection.setCurrentIndex(
        shown.index(embassy, 0), flags | QItemSelectionModel.SelectionFlag.Rows
    )

    shown.set_filters(text="embassy")
    assert selection.currentIndex().data(CLAIM_ID_ROLE) == claim_id
    assert [i.data(CLAIM_ID_ROLE) for i in selection.selectedRows()] == [claim_id]

    shown.set_filters(text="zeppelin")  # hides it
    assert not selection.currentIndex().isValid()
    assert selection.selectedRows() == []


def test_mapping_to_and_from_the_source(models: tuple[ClaimsTableModel, ClaimsFilterModel]) -> None:
    model, shown = models
    shown.set_filters(status="open")
    for row in range(shown.rowCount()):
        source = shown.mapToSource(shown.index(row, Column.VERDICT))
        assert source.data(CLAIM_ID_ROLE) == shown.index(row, 0).data(CLAIM_ID_ROLE)
        assert shown.mapFromSource(source).row() == row
    hidden = [r for r in range(model.rowCount()) if model.row_data(r).status != "open"]
    assert hidden, "the sample has claims that are not open"
    assert not shown.mapFromSource(model.index(hidden[0], 0)).isValid()
