"""Errors a user can act on."""


class DocumentError(Exception):
    """A document that cannot be audited; the message is one line saying why."""
