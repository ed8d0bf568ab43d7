"""clearprint: audit PDF and DOCX documents against the RNIB Clear Print checklist."""

__version__ = "0.1.0"
