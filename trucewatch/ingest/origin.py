"""Where a document came from, and the one place documents are built from raw text.

Every reader ends in `make_document`, so the size limit, the empty-text check and the
given-or-guessed publication date are decided the same way for every input kind.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from trucewatch.errors import InputError
from trucewatch.ingest.dates import out_of_range
from trucewatch.records import Document, normalise_text

DEFAULT_MAX_BYTES = 5_000_000
SURROGATE = re.compile("[\ud800-\udfff]")
# How documents read from standard input name their origin (ref, path, error messages).
STDIN_NAME = "<stdin>"


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Origin:
    """Provenance shared by the documents of one input (a file, a URL, stdin)."""

    name: str  # how errors name the input: a path, a URL, or STDIN_NAME
    path: str | None = None  # stored as Document.path
    retrieved: datetime = field(default_factory=now)
    fallback_date: date | None = None  # a guess (file mtime) for reports without a date
    max_bytes: int = DEFAULT_MAX_BYTES
    # Told how many documents the input holds, once a reader knows (the progress bar's total).
    expect: Callable[[int], None] | None = None

    def expecting(self, count: int) -> None:
        if self.expect is not None:
            self.expect(count)

    @property
    def is_stdin(self) -> bool:
        """Standard input has no path a row could be found by again, so rows are named by line."""
        return self.path == STDIN_NAME


def size_text(n_bytes: int) -> str:
    """A size people read at a glance: bytes, kB or MB."""
    if n_bytes < 1000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{n_bytes / 1000:.1f} kB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def make_document(
    text: str,
    origin: Origin,
    *,
    where: str | None = None,
    published: date | None = None,
    **fields,
) -> Document:
    """Build a Document, or raise InputError naming `where` (default the input) and the reason.

    Text and fields are held to what every store can keep (no unpaired surrogates, no NUL),
    and a given publication date to a sane range; a guessed one out of range is replaced by
    the retrieval date."""
    where = where or origin.name
    _refuse_surrogates(text, "text", where)
    clean = normalise_text(text)
    if not clean:
        raise InputError(where, "empty report (no text)")
    size = len(clean.encode("utf-8"))
    if size > origin.max_bytes:
        raise InputError(
            where, f"text is {size_text(size)}, over the size limit of {size_text(origin.max_bytes)}"
        )
    given = published is not None
    read_on = origin.retrieved.date()
    if given:
        problem = out_of_range(published, read_on)
        if problem:
            raise InputError(where, f"publication date {problem}")
    else:
        published = origin.fallback_date or read_on
        if out_of_range(published, read_on):
            published = read_on
    for key, value in fields.items():
        if isinstance(value, str):
            _refuse_surrogates(value, f"`{key}`", where)
            fields[key] = value.replace("\x00", "").strip()
    fields = {key: value for key, value in fields.items() if value not in (None, "")}
    return Document.from_text(
        clean,
        published=published,
        published_given=given,
        path=origin.path,
        retrieved=origin.retrieved,
        **fields,
    )


def _refuse_surrogates(value: str, what: str, where: str) -> None:
    """Unpaired UTF-16 surrogates (a JSON "\\ud800" alone) are no characters: no store or hash
    can take them, so the row is refused, named."""
    found = SURROGATE.search(value)
    if found:
        raise InputError(where, f"{what} holds an unpaired surrogate (\\u{ord(found.group()):04x} at "
                                f"character {found.start()}), which is not a character")
