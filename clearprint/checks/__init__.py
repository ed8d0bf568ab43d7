"""Check implementations, matched to the catalogue by question id.

Built-in checks are an explicit ordered list of modules; each registers one
function with ``@check("CPnn")``. Outside checks arrive through the
``clearprint.checks`` entry-point group (the way flake8 and sqlfluff load
plugins): each entry point names a function decorated with ``@check``; every
plugin is loaded in its own ``try`` so one broken plugin cannot sink the run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from clearprint.config import Options
from clearprint.model import Document
from clearprint.results import Finding

CheckFunction = Callable[[Document, Options], Iterable[Finding]]

BUILTIN_MODULES = (
    "cp01_type_size",
    "cp02_contrast",
    "cp03_reversed",
    "cp04_line_spacing",
    "cp05_typeface_style",
    "cp06_capitals",
    "cp07_numerals",
    "cp08_split_words",
    "cp09_justification",
    "cp10_even_gaps",
    "cp11_centred_text",
    "cp12_line_length",
    "cp13_column_gutter",
    "cp14_column_flow",
    "cp15_layout",
    "cp16_contents",
    "cp17_page_furniture",
    "cp18_paragraph_space",
    "cp19_horizontal",
    "cp20_text_wrap",
    "cp21_writing_space",
    "cp22_image_clarity",
    "cp23_image_separation",
    "cp24_paper",
    "cp25_page_size",
    "cp26_folds",
    "cp27_flattening",
)

ENTRY_POINT_GROUP = "clearprint.checks"


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    function: CheckFunction
    # A question about the text itself cannot be answered "yes" for a page
    # that has no text layer (a scan): the engine adds a manual finding.
    needs_text: bool = True
    # Outside checks describe themselves; built-ins take these from the catalogue.
    title: str = ""
    question: str = ""
    fix: str = ""


_registered: dict[str, Check] = {}


def check(check_id: str, *, needs_text: bool = True, title: str = "", question: str = "",
          fix: str = "") -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as the answer to question ``check_id``."""

    def register(function: CheckFunction) -> CheckFunction:
        _registered[check_id] = Check(check_id, function, needs_text, title, question, fix)
        return function

    return register


def builtin_checks() -> dict[str, Check]:
    """The built-in checks by id (importing a module registers its check)."""
    for name in BUILTIN_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    return dict(_registered)


def plugin_checks() -> tuple[list[Check], list[str]]:
    """Checks from installed plugins, and a one-line error for each that failed to load."""
    from importlib.metadata import entry_points

    loaded: list[Check] = []
    errors: list[str] = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = entry_point.load()
            found = next((c for c in _registered.values() if c.function is target), None)
            if found is None:
                raise TypeError("not decorated with clearprint.checks.check")
            loaded.append(found)
        except Exception as exc:  # a plugin's failure must not stop the audit
            errors.append(f"plugin {entry_point.name!r} could not be loaded: {exc}")
    return loaded, errors
