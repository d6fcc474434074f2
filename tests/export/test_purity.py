"""The export package stays pure (ARCHITECTURE.md): no SQL anywhere, Qt only in ``pdf``."""

from __future__ import annotations

import subprocess
import sys

import pytest

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
import {module}
"""

MODULES = ["claimreview", "csv", "docx", "html", "jsondump", "markdown", "model", "templates",
           "webannotation"]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_formats_import_neither_sql_nor_qt(name: str) -> None:
    code = BLOCKER.format(
        blocked={"sqlalchemy", "alembic", "PySide6"}, module=f"workbench.export.{name}"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_pdf_module_imports_no_sql() -> None:
    code = BLOCKER.format(blocked={"sqlalchemy", "alembic"}, module="workbench.export.pdf")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
