"""The command line decides between the window and a headless command."""

from __future__ import annotations

import pytest

from workbench.app import gui_options


@pytest.mark.parametrize(
    ("argv", "window"),
    [
        ([], True),
        (["--db", "sqlite:///x.sqlite"], True),
        (["--user", "ana", "--db=sqlite:///x.sqlite"], True),
        (["list"], False),
        (["--db", "sqlite:///x.sqlite", "claims", "1"], False),
        (["--help"], False),
        (["--version"], False),
    ],
)
def test_no_command_opens_the_window(argv: list[str], window: bool) -> None:
    assert (gui_options(argv) is not None) is window
