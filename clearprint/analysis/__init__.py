"""Analysis passes over the model, run once per document and shared by checks."""

from __future__ import annotations

from clearprint.config import Options
from clearprint.model import Document


def prepare(doc: Document, options: Options | None = None) -> None:
    """Fill in what the reader could not state directly (PDF roles and alignment),
    with the options that measurement depends on (CP09's alignment tolerance)."""
    if doc.format == "pdf":
        from clearprint.analysis import layout

        options = options or Options()
        layout.infer(doc, layout.Flush(options.alignment_tolerance_pt, options.alignment_tolerance_em))
