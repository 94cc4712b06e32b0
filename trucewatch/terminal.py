"""What reaches a terminal: data shown as written, never obeyed.

Titles, outlets, file names, truce names and error reasons come from strangers. Rich would read
"[/b]" in them as markup (and crash on an unmatched tag); a raw ESC or OSC sequence would drive
the terminal (clear it, hide text, write the clipboard with OSC 52); a bidirectional override
makes text read differently from what it is. So every console of ours escapes those characters
and reads no markup, and JSON lines also escape the C1 controls that JSON leaves raw.
"""
from __future__ import annotations

import json
import re

from rich.console import Console
from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional marks, embeddings,
# overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What JSON leaves raw among those (it escapes C0 itself).
JSON_RAW_CONTROL = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written out as an escape (ESC becomes `\\x1b`)."""
    return CONTROL.sub(_escaped, text)


def one_line(text: object) -> str:
    """`visible`, on one line: for error and note lines, one per input."""
    return visible(" ".join(str(text).split()))


def json_line(value: object) -> str:
    """JSON as our commands print it: readable text, C1 controls and bidi marks as \\u escapes
    (the same value for any JSON reader, but inert on a terminal)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeConsole(Console):
    """A rich Console for user data: no markup unless a caller asks for it, no highlighting, and
    control characters escaped in every string it renders (table cells and titles included)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("markup", False)
        kwargs.setdefault("highlight", False)
        super().__init__(*args, **kwargs)

    def render_str(self, text: str, **kwargs) -> Text:
        return super().render_str(visible(text), **kwargs)


def styled(label: str, style: str, message: object) -> Text:
    """"label message" with the label styled and the message shown as written."""
    return Text.assemble((label, style), " ", visible(str(message)))
