"""The checklist catalogue: one TOML file per question, kept as data.

Each threshold is declared with its default, unit and help
(``min_type_size = { default = 12.0, unit = "pt", help = "..." }``), so that
``clearprint checks --options`` and ``explain`` print what a TOML comment
would have kept from them.

The files live in the repository's top-level ``checks/`` folder and are copied
into the wheel as ``clearprint/catalogue/``. Installed copies read them from
the package; a source checkout reads the folder directly, so tests and the
installed tool see the same text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

AUTOMATION_LEVELS = ("automatic", "partly", "manual")


@dataclass(frozen=True, slots=True)
class OptionInfo:
    """A threshold as the catalogue declares it: its default, unit and one line of help."""

    default: Any
    unit: str = ""
    help: str = ""

    @property
    def kind(self) -> str:
        """The type a value given with --set must have: "number", "whole number", ..."""
        return _KINDS.get(type(self.default), "value")

    def shown(self, value: Any | None = None) -> str:
        """``value`` (the default when None) with its unit: "12.0 pt", "[55.0, 75.0]"."""
        value = self.default if value is None else value
        text = str(value).lower() if isinstance(value, bool) else repr(value)
        return f"{text} {self.unit}" if self.unit else text


_KINDS = {bool: "true or false", int: "whole number", float: "number", str: "text", list: "list"}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    question: str
    why: str
    measured: str
    automation: str
    fix: str
    options: dict[str, Any] = field(default_factory=dict)  # name -> default
    sources: tuple[str, ...] = ()
    option_info: dict[str, OptionInfo] = field(default_factory=dict)


def catalogue_dir() -> Path:
    """Where the catalogue files are: inside the package, or beside it in a checkout."""
    packaged = Path(__file__).parent / "catalogue"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "checks"


@cache
def load() -> dict[str, Entry]:
    """All entries by id, in checklist order."""
    entries = {}
    for path in sorted(catalogue_dir().glob("CP*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        info = {name: OptionInfo(**declared) for name, declared in data.get("options", {}).items()}
        entry = Entry(
            id=data["id"],
            title=data["title"],
            question=data["question"],
            why=data["why"].strip(),
            measured=data["measured"].strip(),
            automation=data["automation"],
            fix=data["fix"].strip(),
            options={name: option.default for name, option in info.items()},
            sources=tuple(data.get("sources", ())),
            option_info=info,
        )
        entries[entry.id] = entry
    return entries


def default_options() -> dict[str, Any]:
    """Every option any catalogue entry declares, with its default value."""
    merged: dict[str, Any] = {}
    for entry in load().values():
        merged.update(entry.options)
    return merged
