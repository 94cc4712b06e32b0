"""Plain-text reports, with or without a `date YYYY-MM-DD` first line."""
from __future__ import annotations

from trucewatch.errors import InputError
from trucewatch.ingest.dates import BadDate, split_date_line
from trucewatch.ingest.origin import Origin, make_document
from trucewatch.records import Document


def read_plain(text: str, origin: Origin) -> Document:
    """One report per file; the date line, when present, is the publication date."""
    try:
        published, body = split_date_line(text)
    except BadDate as exc:
        raise InputError(origin.name, str(exc)) from None
    if published is not None and not body.strip():
        raise InputError(origin.name, "no report text after the date line")
    return make_document(body, origin, published=published, ref=origin.path)
