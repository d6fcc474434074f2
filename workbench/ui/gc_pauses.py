"""Keep Python's full garbage collections from freezing the window.

CPython's cyclic collector now and then walks every container object of the process
(a "generation 2" collection). Once PySide6, SQLAlchemy and an article are loaded that
is 120,000-220,000 objects, and the walk costs 100-170 ms here: whichever click
happens to allocate the object that tips the count waits for it. Nearly all of those
objects live as long as the program (modules, classes, functions, widgets) or as long
as the open article (its claims, marks and rows), so scanning them again finds nothing.

``freeze_survivors`` moves every object alive now into the collector's permanent
generation (``gc.freeze``, O(1)), so later collections walk only what was made since.
It is called when a burst of long-lived objects has just been made: the window shown
with its first article, the export code loaded, another article opened (and, for a
large one read in the background, again when all its claims have arrived). Frozen objects
are still freed by reference counting the moment nothing uses them (a closed article's
claims go as usual); only garbage *cycles* alive at a freeze would stay, and none of
the points above leaves many (a test opens articles back and forth and checks that the
frozen count does not grow).
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)


def freeze_survivors(reason: str) -> None:
    """Stop future full collections from walking the objects alive now."""
    gc.freeze()
    # Not gc.get_freeze_count(): it walks the whole frozen list (13-35 ms per call).
    log.debug("gc: froze the objects alive (%s)", reason)
