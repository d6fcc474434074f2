"""Labels are data: built-ins exist, teams add their own, used labels stay."""

from __future__ import annotations

import pytest

from workbench.domain import LabelSpec, Rating, Span, UserError
from workbench.importers.base import ImportedArticle
from workbench.services import Services


def test_builtins_exist_with_shortcuts(services: Services) -> None:
    names = [(label.name, label.shortcut, label.builtin) for label in services.labels.all()]
    assert names == [("Allegation", "1", True), ("Confirmed", "2", True)]


def test_a_team_label_is_added_renamed_and_recoloured(services: Services) -> None:
    label = services.labels.create(
        LabelSpec("Disputed", "#C0392B", "3", rating=Rating("Mixed", 3, 5, 1))
    )
    assert label.color == "#c0392b" and label.rating == Rating("Mixed", 3, 5, 1)
    renamed = services.labels.update(label.id, name="Contested", color="#8e44ad")
    assert (renamed.name, renamed.color) == ("Contested", "#8e44ad")
    with pytest.raises(UserError, match="already exists"):
        services.labels.create(LabelSpec("Contested", "#000000"))
    with pytest.raises(UserError, match="colour"):
        services.labels.create(LabelSpec("Odd", "red"))


def test_a_used_label_cannot_be_deleted(services: Services) -> None:
    text = "A claim."
    article = services.articles.add(
        ImportedArticle(text=text, title="T", source_format="txt", original=text.encode())
    )
    allegation = services.labels.by_name("Allegation")
    services.claims.tag(article.id, Span(0, 8), allegation.id)
    with pytest.raises(UserError, match="used by 1 claim"):
        services.labels.delete(allegation.id)
    confirmed = services.labels.by_name("Confirmed")
    services.labels.delete(confirmed.id)
    assert [label.name for label in services.labels.all()] == ["Allegation"]
