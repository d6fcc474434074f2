"""The claims table model without a view: rows follow the claims with the fewest signals."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from workbench.domain import Article, ClaimFields, Span
from workbench.ui.models.claims_filter import ClaimsFilterModel
from workbench.ui.models.claims_model import (
    CLAIM_ID_ROLE,
    SORT_ROLE,
    ClaimsTableModel,
    Column,
)


@pytest.fixture
def models(qapp: Any, services: Any, sample: Article) -> tuple[ClaimsTableModel, ClaimsFilterModel]:
    model = ClaimsTableModel()
    proxy = ClaimsFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal, proxy)
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())
    return model, proxy


def signals(model: ClaimsTableModel) -> list[str]:
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda *_: seen.append("inserted"))
    model.rowsRemoved.connect(lambda *_: seen.append("removed"))
    return seen


def test_a_new_claim_is_one_inserted_row_and_the_rest_are_renumbered(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, proxy = models
    seen = signals(model)
    start = sample.text.index("Analysts were divided.")
    label = services.labels.by_name("Confirmed").id
    services.claims.tag(sample.id, Span(start, start + 22), label)
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())
    assert seen == ["inserted"]
    numbers = [proxy.index(r, Column.NUMBER).data() for r in range(proxy.rowCount())]
    assert numbers == [str(n) for n in range(1, 10)]


def test_a_deleted_claim_is_one_removed_row(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, proxy = models
    seen = signals(model)
    victim = proxy.index(2, 0).data(CLAIM_ID_ROLE)
    services.claims.delete(victim)
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())
    assert seen == ["removed"]
    assert victim not in [proxy.index(r, 0).data(CLAIM_ID_ROLE) for r in range(proxy.rowCount())]


def test_an_edited_claim_moves_when_sorted_by_that_column(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, proxy = models
    proxy.sort(Column.VERDICT, Qt.SortOrder.AscendingOrder)
    claim_id = proxy.index(proxy.rowCount() - 1, 0).data(CLAIM_ID_ROLE)
    services.claims.edit(claim_id, ClaimFields(verdict="A first verdict"))
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())
    verdicts = [proxy.index(r, Column.VERDICT).data() for r in range(proxy.rowCount())]
    assert verdicts == sorted(verdicts, key=str.casefold)
    assert "A first verdict" in verdicts


def test_filters_combine(services: Any, models: tuple[ClaimsTableModel, ClaimsFilterModel]) -> None:
    model, proxy = models
    confirmed = services.labels.by_name("Confirmed").id
    proxy.set_filters(label_id=confirmed, status="done")
    assert proxy.rowCount() == 2
    proxy.set_filters(label_id=confirmed, text="embassy")
    assert proxy.rowCount() == 1
    proxy.set_filters()
    assert proxy.rowCount() == model.rowCount()


def test_rows_let_back_in_by_the_filter_keep_the_sort_order(
    services: Any, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, proxy = models
    proxy.sort(Column.LABEL, Qt.SortOrder.DescendingOrder)
    before = [proxy.index(r, 0).data(CLAIM_ID_ROLE) for r in range(proxy.rowCount())]
    proxy.set_filters(text="embassy")
    assert 0 < proxy.rowCount() < model.rowCount()
    proxy.set_filters()
    assert [proxy.index(r, 0).data(CLAIM_ID_ROLE) for r in range(proxy.rowCount())] == before


def test_a_claim_tagged_under_another_sort_is_one_row_inserted_in_its_place(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, proxy = models
    proxy.sort(Column.LABEL, Qt.SortOrder.AscendingOrder)
    seen = signals(model)
    start = sample.text.index("Analysts were divided.")
    label = services.labels.by_name("Confirmed").id
    services.claims.tag(sample.id, Span(start, start + 22), label)
    model.set_claims(services.claims.for_article(sample.id), services.labels.all())
    assert seen == ["inserted"]
    labels = [proxy.index(r, 0).sibling(r, Column.LABEL).data(SORT_ROLE) for r in range(9)]
    assert labels == sorted(labels)


def rows_of(model: ClaimsTableModel) -> list[tuple[Any, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_a_patch_of_named_claims_gives_the_rows_a_full_rebuild_gives(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, _proxy = models
    labels = services.labels.all()  # the same objects each time, as the panel passes them
    model.set_claims(services.claims.for_article(sample.id), labels)
    seen = signals(model)
    before = {c.id: c for c in services.claims.for_article(sample.id)}
    first, middle = sorted(before.values(), key=lambda c: c.span.start)[:2]
    label = services.labels.by_name("Confirmed").id
    added = services.claims.tag(sample.id, Span(0, 8), label)  # before every other claim
    edited = services.claims.edit(middle.id, ClaimFields(verdict="Patched verdict"))
    services.claims.delete(first.id)
    claims = services.claims.for_article(sample.id)
    changed = {added.id: added, middle.id: edited, first.id: None}
    asked: list[int] = []
    row_for = model._row_for
    model._row_for = lambda claim: asked.append(claim.id) or row_for(claim)  # type: ignore[method-assign]
    model.set_claims(claims, labels, changed=changed)
    assert sorted(asked) == sorted([added.id, middle.id])  # not a pass over every row
    assert sorted(seen) == ["inserted", "removed"]  # the edit is a dataChanged in place
    fresh = ClaimsTableModel()
    fresh.set_claims(claims, services.labels.all())
    assert rows_of(model) == rows_of(fresh)
    assert model.index(0, Column.NUMBER).data() == "1"
    assert model.claim_at(0).id == added.id
    assert model.row_of(middle.id) == fresh.row_of(middle.id)


def test_a_patch_that_does_not_fit_rebuilds_every_row(
    services: Any, sample: Article, models: tuple[ClaimsTableModel, ClaimsFilterModel]
) -> None:
    model, _proxy = models
    labels = services.labels.all()
    claims = services.claims.for_article(sample.id)
    model.set_claims(claims, labels)
    seen = signals(model)
    # The patch names nothing, yet a claim is gone: the counts disagree, so reset.
    model.set_claims(claims[1:], labels, changed={})
    assert "reset" in seen
    assert [model.claim_at(r).id for r in range(model.rowCount())] == [c.id for c in claims[1:]]


def test_claims_arriving_in_batches_are_appended_not_reset(
    services: Any, sample: Article, qapp: Any
) -> None:
    model = ClaimsTableModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    labels = services.labels.all()
    claims = services.claims.for_article(sample.id)
    model.set_claims(claims[:3], labels)
    seen = signals(model)
    model.set_claims(claims[:6], labels)
    model.set_claims(claims, labels)
    assert seen == ["inserted", "inserted"]
    fresh = ClaimsTableModel()
    fresh.set_claims(claims, labels)
    assert rows_of(model) == rows_of(fresh)
