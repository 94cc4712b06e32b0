"""RSS and Atom feeds: one report per item, from the item's summary or (with fetch) its page.

Each item stands alone: whatever goes wrong with one (a redirect loop, a page that times out,
a refused link, a parser surprise) is that item's named error, and the items after it are read.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import feedparser

from trucewatch.errors import InputError, short_reason
from trucewatch.ingest.decoding import decode_bytes
from trucewatch.ingest.fetch import Fetcher
from trucewatch.ingest.html import read_html
from trucewatch.ingest.markup import fragment_text
from trucewatch.ingest.origin import Origin, make_document, now
from trucewatch.records import Document

Result = Document | InputError


def _entry_date(entry) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None


def _entry_text(entry) -> str:
    contents = entry.get("content") or []
    for content in contents:
        if content.get("value", "").strip():
            return fragment_text(content["value"])
    return fragment_text(entry.get("summary", "") or "")


def read_feed(data: bytes, origin: Origin, *, fetcher: Fetcher | None = None) -> Iterator[Result]:
    """Items in feed order; with a fetcher, each item's linked page replaces its summary."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            yield InputError(origin.name, f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
        else:
            yield InputError(origin.name, "feed has no items")
        return
    outlet = parsed.feed.get("title") or None
    origin.expecting(len(parsed.entries))
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        where = link or f"{origin.name}:item {number}"
        fields = dict(
            published=_entry_date(entry),
            title=entry.get("title") or None,
            source=outlet,
            ref=entry.get("id") or link,
        )
        try:
            if fetcher is not None and link:
                yield _fetched_item(link, origin, fetcher, fields)
            else:
                yield make_document(_entry_text(entry), origin, where=where, url=link, **fields)
        except InputError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - one item's surprise must not cost the feed
            yield InputError(where, f"cannot be read ({type(exc).__name__}: {short_reason(exc)})")


def _fetched_item(link: str, origin: Origin, fetcher: Fetcher, fields: dict) -> Document:
    page = fetcher.get(link)
    page_origin = Origin(name=link, path=origin.path, retrieved=now(),
                         fallback_date=origin.fallback_date, max_bytes=origin.max_bytes)
    decoded = decode_bytes(page.content, link)
    return read_html(decoded.text, page_origin, url=link, **fields)
