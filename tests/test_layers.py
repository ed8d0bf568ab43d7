"""The layers hold: readers build the model, analysis measures it, checks judge, reports render.

Read from the source's imports (no import is run), so a change that crosses a
layer fails here with the module and the import named.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "clearprint"
DOCUMENT_LIBRARIES = {"pymupdf", "fitz", "lxml", "docx"}

# What each layer may import from clearprint, besides itself.
ALLOWED = {
    "readers": {"model", "errors", "fontmetrics", "textfacts"},
    "analysis": {"model", "config", "fontmetrics", "textfacts"},
    "checks": {"analysis", "model", "config", "results", "fontmetrics", "textfacts", "catalogue"},
    "report": {"results", "model", "__version__"},
    "textfacts": {"model", "fontmetrics"},
    "model": set(),
}


def imports() -> list[tuple[str, str]]:
    """(module, imported module) for every import in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "clearprint":
                found += [(module, f"clearprint.{alias.name}") for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((module, node.module))
            elif isinstance(node, ast.Import):
                found += [(module, alias.name) for alias in node.names]
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_only_readers_touch_the_document_libraries():
    crossing = [(m, t) for m, t in imports()
                if t.split(".")[0] in DOCUMENT_LIBRARIES and layer(m) != "readers"]
    assert crossing == []


def test_each_layer_imports_only_the_layers_beneath_it():
    crossing = []
    for module, target in imports():
        if not target.startswith("clearprint"):
            continue
        source, wanted = layer(module), layer(target)
        if source in ALLOWED and wanted != source and wanted not in ALLOWED[source]:
            crossing.append((module, target))
    assert crossing == []


def test_no_check_imports_another_check():
    crossing = [(m, t) for m, t in imports()
                if layer(m) == "checks" and layer(t) == "checks" and t.split(".")[-1].startswith("cp")]
    assert crossing == []
