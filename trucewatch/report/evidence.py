"""The evidence span marked inside its sentence, so a reader sees the exact words a verdict rests on."""
from __future__ import annotations

from markupsafe import Markup, escape

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


def highlighted_md(text: str, start: int, end: int) -> str:
    """Markdown of the sentence with the span in bold."""
    left, right = sentence_bounds(text, start, end)
    def clean(part: str) -> str:  # no stray HTML or emphasis from the report's own words
        return part.replace("&", "&amp;").replace("<", "&lt;").replace("*", "\\*").replace("\n", " ")
    return f"{clean(text[left:start].lstrip())}**{clean(text[start:end].strip())}**{clean(text[end:right].rstrip())}"


__all__ = ["highlighted", "highlighted_md", "sentence_bounds", "escape"]
