"""The main text of a page from trafilatura's extracted body, one paragraph per block.

trafilatura's own `.text` joins blocks with single newlines, so a heading runs into the
paragraph under it; we walk its XML body instead and use the paragraph rules of `markup`.
"""
from __future__ import annotations

from trucewatch.ingest.markup import as_sentence, join_paragraphs, one_line

# trafilatura's XML: containers whose children are blocks, and blocks whose text is inline.
CONTAINERS = {"body", "list", "table", "quote", "div", "main", "doc"}
BLOCK_TAGS = {"p", "head", "item", "row", "quote", "code", "cell"}
LINE_BREAK = "lb"
CELL_SEPARATOR = " | "


def _inline_text(element) -> str:
    """An element's text with nested inline markup; a line break inside a block is a space."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == LINE_BREAK:
            parts.append(" ")
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _has_blocks(element) -> bool:
    return any(child.tag in BLOCK_TAGS or child.tag in CONTAINERS for child in element)


def _paragraphs(element):
    if element.tag == "row":
        yield one_line(CELL_SEPARATOR.join(one_line(_inline_text(cell)) for cell in element))
    elif element.tag in CONTAINERS and _has_blocks(element):
        for child in element:
            yield from _paragraphs(child)
    elif element.tag == "head":
        yield as_sentence(one_line(_inline_text(element)))
    else:
        yield one_line(_inline_text(element))


def body_text(body) -> str:
    """Paragraphs of trafilatura's body element, separated by blank lines; '' when none."""
    if body is None:
        return ""
    return join_paragraphs(_paragraphs(body))
