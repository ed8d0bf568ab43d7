"""The checklist catalogue: one TOML file per question, kept as data.

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
class Entry:
    id: str
    title: str
    question: str
    why: str
    measured: str
    automation: str
    fix: str
    options: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


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
        entry = Entry(
            id=data["id"],
            title=data["title"],
            question=data["question"],
            why=data["why"].strip(),
            measured=data["measured"].strip(),
            automation=data["automation"],
            fix=data["fix"].strip(),
            options=dict(data.get("options", {})),
            sources=tuple(data.get("sources", ())),
        )
        entries[entry.id] = entry
    return entries


def default_options() -> dict[str, Any]:
    """Every option any catalogue entry declares, with its default value."""
    merged: dict[str, Any] = {}
    for entry in load().values():
        merged.update(entry.options)
    return merged
