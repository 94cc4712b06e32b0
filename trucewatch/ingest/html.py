"""HTML pages: the main text via trafilatura, the date only from the page's own metadata.

We ask htmldate (through trafilatura) not to search the body for dates: a date in the text
is usually the event's, not the page's, and guessing it would bias every relative date.
The title goes to Document.title; the outlet comes from publisher metadata (`page_meta`),
never from the author.
"""
from __future__ import annotations

from datetime import date

import trafilatura

from trucewatch.errors import InputError
from trucewatch.ingest.dates import BadDate, out_of_range, parse_published
from trucewatch.ingest.markup import fragment_text
from trucewatch.ingest.origin import Origin, make_document
from trucewatch.ingest.page_meta import page_outlet
from trucewatch.ingest.page_text import body_text
from trucewatch.records import Document

METADATA_ONLY = {"extensive_search": False, "original_date": True}


def read_html(html: str, origin: Origin, *, url: str | None = None,
              title: str | None = None, source: str | None = None,
              published: date | None = None, ref: str | None = None) -> Document:
    """One report per page; the page's own metadata wins, the arguments (e.g. from a feed)
    fill in what the page does not say."""
    page = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, date_extraction_params=METADATA_ONLY
    )
    text = body_text(page.body) if page is not None else ""
    if not text.strip():
        text = fragment_text(html)
    if not text.strip():
        raise InputError(origin.name, "no readable text in the HTML page")
    if page is not None and page.date:
        try:
            stated = parse_published(page.date, what="page metadata")
        except BadDate:
            stated = None  # a broken meta tag is not worth losing the report; keep the caller's date
        if stated is not None and not out_of_range(stated, origin.retrieved.date()):
            published = stated
    return make_document(
        text,
        origin,
        published=published,
        ref=ref or url or origin.path,
        title=(page.title if page is not None else None) or title,
        source=page_outlet(html) or source,
        url=url,
    )
