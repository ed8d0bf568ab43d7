"""Analysis passes over the model, run once per document and shared by checks."""

from __future__ import annotations

from clearprint.model import Document


def prepare(doc: Document) -> None:
    """Fill in what the reader could not state directly (PDF roles and alignment)."""
    if doc.format == "pdf":
        from clearprint.analysis import layout

        layout.infer(doc)
