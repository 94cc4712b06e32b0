"""Text from markup, one paragraph per block, paragraphs separated by a blank line.

Where blocks meet matters to extraction: a heading "Hama" glued by a single newline to the
paragraph "Mortar rounds fell ..." reads as one place name, "Hama Mortar". So paragraphs are
kept apart by a blank line and a heading that stays in the text ends as its own sentence.
This module serves small fragments (feed summaries, and whole pages when trafilatura finds no
main text); `page_text` does the same for trafilatura's extracted body.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
          "article", "header", "footer", "ul", "ol", "table", "dd", "dt", "figcaption", "pre"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "noscript", "title", "template"}
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";", '."', ".\u201d", "?\u201d", "!\u201d")
PARAGRAPH_BREAK = "\n\n"


def as_sentence(heading: str) -> str:
    """A heading as its own sentence: a full stop is added when it has no closing mark."""
    heading = heading.strip()
    return heading if not heading or heading.endswith(SENTENCE_ENDS) else heading + "."


def one_line(text: str) -> str:
    """Runs of whitespace (newlines included) to one space: a block is one paragraph."""
    return " ".join(text.split())


def join_paragraphs(paragraphs) -> str:
    """Non-empty paragraphs separated by a blank line."""
    return PARAGRAPH_BREAK.join(p for p in paragraphs if p)


class _BlockCollector(HTMLParser):
    """Splits markup into (text, is_heading) blocks at every block-level tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self._buffer: list[str] = []
        self._skipping = 0
        self._heading_depth = 0
        self._buffer_in_heading = False

    def _flush(self) -> None:
        text = one_line("".join(self._buffer))
        if text:
            self.blocks.append((text, self._buffer_in_heading))
        self._buffer = []
        self._buffer_in_heading = False

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skipping += 1
        elif tag in BLOCKS:
            self._flush()
            if tag in HEADINGS:
                self._heading_depth += 1

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:  # <br/>
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCKS:
            self._flush()
            if tag in HEADINGS:
                self._heading_depth = max(0, self._heading_depth - 1)

    def handle_data(self, data):
        if not self._skipping:
            if data.strip() and self._heading_depth:
                self._buffer_in_heading = True
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def fragment_text(fragment: str) -> str:
    """Visible text of HTML, one paragraph per block, blank lines between; plain text passes through."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    collector = _BlockCollector()
    collector.feed(fragment)
    collector.close()
    return join_paragraphs(as_sentence(text) if heading else text for text, heading in collector.blocks)
