"""Reading articles through the service: what the window asks before opening one."""

from __future__ import annotations

import pytest

from workbench.domain import NotFoundError
from workbench.importers.base import ImportedArticle
from workbench.services import Services


def test_the_length_of_an_article_counts_code_points_without_loading_it(
    services: Services,
) -> None:
    text = "Déjà vu 🐉 in 東京: the minister said so.\n\nA second paragraph."
    imported = ImportedArticle(text=text, title="Dragons", source_format="txt", original=b"x")
    article = services.articles.add(imported)

    assert services.articles.text_length(article.id) == len(article.text)
    with pytest.raises(NotFoundError):
        services.articles.text_length(article.id + 1000)
