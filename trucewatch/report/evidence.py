"""The evidence span marked inside its sentence, so a reader sees the exact words a verdict rests on."""
from __future__ import annotations

from markupsafe import Markup, escape

from .safety import md_text

_STOPS = ".!?\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around [start, end): from after the previous stop to the next one."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = max((text.rfind(c, 0, start) for c in _STOPS), default=-1)
    left = 0 if left < 0 else left + 1
    rights = [i for i in (text.find(c, max(end - 1, 0)) for c in _STOPS) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    return left, max(right, end)


def highlighted(text: str, start: int, end: int) -> Markup:
    """HTML of the sentence with the span in <mark>."""
    left, right = sentence_bounds(text, start, end)
    return Markup("{}<mark>{}</mark>{}").format(
        text[left:start].lstrip(), text[start:end], text[end:right].rstrip())


def highlighted_md(text: str, start: int, end: int) -> Markup:
    """Markdown of the sentence with the span in bold; the report's words escaped (no stray
    HTML, links or emphasis), marked as already-escaped for the Markdown template."""
    left, right = sentence_bounds(text, start, end)
    before, span, after = text[left:start].lstrip(), text[start:end].strip(), text[end:right].rstrip()
    return Markup(f"{md_text(before)}**{md_text(span)}**{md_text(after)}")


__all__ = ["highlighted", "highlighted_md", "sentence_bounds", "escape"]
