"""Load ``tests/data/make_bad_inputs.py`` (a script, not a package module) by its path."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

MAKE_BAD_INPUTS = Path(__file__).resolve().parents[1] / "data" / "make_bad_inputs.py"


def load_make_bad_inputs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad_inputs", MAKE_BAD_INPUTS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
