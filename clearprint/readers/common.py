"""What both readers share."""

from __future__ import annotations

import gc
import sys
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


# XML parsers stop at 2,048 levels of nesting; walking that deep takes a few
# Python frames a level, past Python's default limit of 1,000 frames.
NESTING_FRAMES = 12_000


@contextmanager
def deep_nesting_allowed() -> Iterator[None]:
    """Let the readers walk elements nested as deep as the XML parser accepts.

    600 nested content controls are legal in a Word file and Word opens them;
    the readers walk nested elements recursively, so the recursion limit is
    raised while a document is read (Python 3.11 calls between Python
    functions do not grow the C stack).
    """
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, NESTING_FRAMES))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
