"""How often a page's content draws Form XObjects, counted before MuPDF runs it.

A form can draw other forms, each as often as it likes: forty forms nested,
each drawing the next twice, fit in 8.5 KB and make 2**40 draws, which MuPDF
would run for days while its memory grows. Counting is cheap: each form's
content is searched once for ``/Name Do``, and the counts multiply along the
nesting. A page past ``MAX_DRAWS`` is not run at all.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DRAWS = 1_000_000  # real pages draw a logo or a tile a few thousand times at most

_NAME = rb"[^\s/\[\]<>(){}%]+"
_DO = re.compile(rb"/(" + _NAME + rb")\s*Do(?![^\s/\[\]<>(){}%])")
_REFERENCE = re.compile(r"/([^\s/\[\]<>(){}%]+)\s*(\d+)\s+\d+\s+R")


class TooManyDraws(ValueError):
    """A page whose forms would be drawn more than MAX_DRAWS times."""


class FormCounter:
    """Draw counts of a document's forms, each counted once."""

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf
        self._draws: dict[int, float] = {}  # form xref -> draws it makes, itself included

    def check_page(self, page: Any) -> None:
        """Raise TooManyDraws if running the page would draw forms more than MAX_DRAWS times."""
        forms = self._forms(page.xref, {})
        if not forms:
            return  # most pages: no forms, nothing to read
        draws = self._count(page.read_contents(), forms, set())
        if draws > MAX_DRAWS:
            raise TooManyDraws(f"its nested forms would be drawn {_how_many(draws)} times")

    def _count(self, content: bytes, forms: dict[bytes, int], visiting: set[int]) -> float:
        total = 0.0
        for name in _DO.findall(content):
            xref = forms.get(name)
            if xref is not None:
                total += self._form_draws(xref, forms, visiting)
            if total > MAX_DRAWS:
                break
        return total

    def _form_draws(self, xref: int, inherited: dict[bytes, int], visiting: set[int]) -> float:
        if xref in self._draws:
            return self._draws[xref]
        if xref in visiting:
            return float("inf")  # a form that draws itself never ends
        try:
            is_form = self._pdf.xref_get_key(xref, "Subtype") == ("name", "/Form")
            content = (self._pdf.xref_stream(xref) or b"") if is_form else b""
        except (RuntimeError, ValueError):
            is_form, content = False, b""
        if not is_form:  # a picture draws nothing else; its data is not read here
            self._draws[xref] = 0.0
            return 0.0
        visiting.add(xref)
        draws = 1.0 + self._count(content, self._forms(xref, inherited), visiting)
        visiting.discard(xref)
        self._draws[xref] = draws
        return draws

    def _forms(self, xref: int, inherited: dict[bytes, int]) -> dict[bytes, int]:
        """The XObjects a page's or form's resources name (a form without resources of its
        own uses those of what draws it, as old producers wrote them)."""
        try:
            kind, value = self._pdf.xref_get_key(xref, "Resources/XObject")
        except (RuntimeError, ValueError):
            return inherited
        if kind == "xref":
            try:
                value = self._pdf.xref_object(int(value.split()[0]), compressed=True)
            except (RuntimeError, ValueError):
                return inherited
        elif kind != "dict":
            return inherited
        return {name.encode("latin-1"): int(number) for name, number in _REFERENCE.findall(value)}


def _how_many(draws: float) -> str:
    if draws == float("inf"):
        return "without end (a form draws itself)"
    return f"more than {MAX_DRAWS:,}"
