"""What both readers share."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a model is built.

    Reading allocates hundreds of thousands of small objects that form no
    cycles (PyMuPDF's dicts, spans, locations, blocks) and are freed by
    reference counting; the collector's generation scans over the growing
    model cost a fifth of the reading time on long documents. It is switched
    back on afterwards, so nothing leaks.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
