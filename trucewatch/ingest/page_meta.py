"""The outlet of an HTML page, read from the page's own publisher metadata.

The outlet is who published the report, never who wrote it: an author's name in the
`source` field would make one journalist count as an independent outlet. So we read only
the tags that name a publisher (og:site_name, application-name, publisher, JSON-LD
`publisher`), in that order, and leave the outlet unknown otherwise.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser

# <meta> keys naming the outlet, most specific first; (attribute, lower-cased value).
OUTLET_KEYS = (
    ("property", "og:site_name"),
    ("name", "og:site_name"),
    ("name", "application-name"),
    ("name", "publisher"),
    ("name", "dc.publisher"),
    ("name", "dcterms.publisher"),
    ("itemprop", "publisher"),
)


class _MetaCollector(HTMLParser):
    """Collects <meta> key/content pairs and the text of JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[tuple[str, str], str] = {}
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        values = {key.lower(): (value or "") for key, value in attrs}
        if tag == "meta":
            content = " ".join(values.get("content", "").split())
            for attribute in ("property", "name", "itemprop"):
                key = values.get(attribute, "").strip().lower()
                if key and content:
                    self.meta.setdefault((attribute, key), content)
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def _is_name(value: object) -> bool:
    """A usable outlet name: text, not a URL or a social-media handle."""
    return (isinstance(value, str) and bool(value.strip())
            and not value.strip().lower().startswith(("http://", "https://", "www.", "@")))


def _json_ld_publishers(node: object):
    """Every `publisher` name in a JSON-LD tree (objects, lists and @graph alike)."""
    if isinstance(node, list):
        for item in node:
            yield from _json_ld_publishers(item)
    elif isinstance(node, dict):
        publisher = node.get("publisher")
        for candidate in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(candidate, dict):
                candidate = candidate.get("name")
            if _is_name(candidate):
                yield " ".join(candidate.split())
        for key, value in node.items():
            if key != "publisher" and isinstance(value, (dict, list)):
                yield from _json_ld_publishers(value)


def page_outlet(html: str) -> str | None:
    """The publishing outlet the page names, or None when it names none."""
    collector = _MetaCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: BLE001 - broken markup only costs the metadata, never the report
        pass
    for key in OUTLET_KEYS:
        value = collector.meta.get(key)
        if _is_name(value):
            return value
    for script in collector.json_ld:
        try:
            tree = json.loads(script)
        except ValueError:
            continue
        for name in _json_ld_publishers(tree):
            return name
    return None
