"""Text from a document or a file name made safe to show.

A document's text, its font names and a file's name are chosen by whoever
made the file. Printed raw, an escape sequence in them can rewrite a
terminal's title or clipboard (OSC 0, OSC 52), and a newline or carriage
return can forge a line of the report or of an error message. Python also
keeps a file name's bytes that are not UTF-8 as lone surrogates, and a PDF
can map its glyphs to them, and neither can be written as UTF-8.

So every string of a report is made valid Unicode (``valid``), and what is
shown to people (text, HTML, the one-line errors) has its control
characters written as visible escapes (``printable``). JSON keeps the text
as it is but escapes what a terminal would obey (``json_escapes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# C0 and C1 controls, DEL, and the characters that reorder or split a line as shown
# (bidirectional overrides and isolates, line and paragraph separators).
_RAW_IN_JSON = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[\x00-\x1f{_RAW_IN_JSON}]")
_RAW_CONTROLS = re.compile(f"[{_RAW_IN_JSON}]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def valid(text: str) -> str:
    """The text with lone surrogates (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def valid_path(path: str) -> str:
    """A file name as valid Unicode: bytes that are not UTF-8 are written ``\\xNN``."""
    if not _SURROGATES.search(path):
        return path
    raw = path.encode("utf-8", "surrogateescape")
    return valid(raw.decode("utf-8", "backslashreplace"))


def printable(text: str) -> str:
    """The text with control characters written as visible escapes (``\\e]52;...``)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def json_escapes(text: str) -> str:
    """JSON text with DEL, C1 controls and the line-reordering characters as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls itself; these it writes raw.
    """
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def each_string(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` (plain data: dicts, lists, strings, numbers) with ``change`` applied to
    every string in it, keys included."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {change(k) if isinstance(k, str) else k: each_string(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [each_string(item, change) for item in value]
    return value
