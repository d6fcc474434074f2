"""Load the export code a piece at a time while the window is idle.

File > Export report… needs the export package, Jinja2 and the report template: about
170 ms of imports and 30-50 ms to compile the template on first use. Loaded at once
that is one long stall. Loaded on a worker thread it should cost the GUI thread
nothing, yet measured in the UI suite the GUI thread then waited 160-230 ms at a time
for the interpreter lock (with ~35 ms of its own CPU) while the worker imported. So the
pieces load on the GUI thread, one module per turn of the event loop, each ~1-30 ms;
anything the user does runs between them.
"""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.ui.gc_pauses import freeze_survivors

log = logging.getLogger(__name__)

MODULES = (
    "jinja2",
    "workbench.export.model",
    "workbench.export.templates",
    "workbench.export.html",
    "workbench.export.pdf",
    "workbench.export.markdown",
    "workbench.export.csv",
    "workbench.export.jsondump",
    "workbench.export.claimreview",
    "workbench.export.webannotation",
    "workbench.services.reports",
    "workbench.ui.export_dialog",
)
"""In dependency order, so each step imports little besides its own module."""
STEP_GAP_MS = 5


def _preview_template_steps() -> Iterator[None]:
    from workbench.export.templates import precompile

    yield from precompile("report_pdf.html.j2")


class ExportWarmUp(QObject):
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        template = _preview_template_steps()
        self._steps: list[Callable[[], object]] = [
            *(lambda name=name: importlib.import_module(name) for name in MODULES),
            *(lambda: next(template, None),) * 3,  # precompile's three steps
        ]
        self._timer = QTimer(self, singleShot=True, interval=STEP_GAP_MS)
        self._timer.timeout.connect(self._step)
        self.started = False
        self.done = False

    def start(self) -> None:
        """Begin (once); ``finished`` when every piece is loaded or one failed."""
        if not self.started:
            self.started = True
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _step(self) -> None:
        step = self._steps.pop(0)
        # An import makes thousands of objects that live as long as the program; a
        # collection they trigger would walk them (and everything else not frozen) for
        # nothing. They are frozen at the end instead.
        gc.disable()
        try:
            step()
        except Exception as err:  # the dialog will say it when opened
            log.warning("preparing the export code failed: %s", err)
            self._steps.clear()
        finally:
            gc.enable()
        if self._steps:
            self._timer.start()
            return
        self.done = True
        freeze_survivors("export code loaded")
        self.finished.emit()
