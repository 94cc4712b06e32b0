"""`read_inputs`: every input kind to Documents, each failure to one named InputError.

The format of a file is decided by its extension, and by sniffing its first bytes when the
extension says nothing (stdin, URLs, `.dat` exports), so a user can point at a mixed folder.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from trucewatch.errors import InputError, short_reason
from trucewatch.ingest.decoding import decode_bytes
from trucewatch.ingest.origin import DEFAULT_MAX_BYTES, STDIN_NAME, Origin, size_text
from trucewatch.ingest.plain import read_plain
from trucewatch.ingest.rows import FIELDS, read_csv, read_json, read_jsonl
from trucewatch.ingest.sources import Input, expand
from trucewatch.records import Document

if TYPE_CHECKING:  # httpx, trafilatura and feedparser load only when a page or feed is read
    from trucewatch.ingest.fetch import Fetcher

Result = Document | InputError

KIND_BY_EXTENSION = {
    ".txt": "plain", ".text": "plain", ".md": "plain",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".parquet": "parquet",
}
# How many raw bytes per byte of text we accept before refusing a file unread: markup and
# row files carry more than their text.
RAW_FACTOR = {"plain": 2, "html": 10}


def looks_like_feed(head: str) -> bool:
    """RSS or Atom judged by the first kilobytes of the document."""
    start = head[:2048].lower()
    return "<rss" in start or "<feed" in start or "<rdf:rdf" in start


def sniff_kind(text: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")[:2048].lower()
    if head.startswith("<"):
        if looks_like_feed(head):
            return "feed"
        return "html"
    if head.startswith(("{", "[")) and _looks_like_json(text):
        return "json"
    return _row_file_kind(head) or "plain"


def _row_file_kind(head: str) -> str | None:
    """"csv" or "tsv" when the first line is a header made only of our row fields, with `text`
    among them (a report never starts like "text,published,source")."""
    first_line = head.split("\n", 1)[0].strip()
    for kind, delimiter in (("tsv", "\t"), ("csv", ",")):
        names = [name.strip().strip('"') for name in first_line.split(delimiter)]
        if len(names) > 1 and "text" in names and set(names) <= set(FIELDS):
            return kind
    return None


def _looks_like_json(text: str) -> bool:
    """A whole JSON document, or a first line that is one JSON object ("[Update] ..." is text)."""
    first_line = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    return _is_one_json_document(first_line) or _is_one_json_document(text)


def _is_one_json_document(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class InputReader:
    """Reads inputs one by one; `notes` collects things worth telling that are not errors."""

    def __init__(self, *, fetch: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
                 fetcher: Fetcher | None = None, expect: Callable[[int], None] | None = None):
        self.fetch = fetch
        self.max_bytes = max_bytes
        self._fetcher = fetcher
        self._own_fetcher = False
        self.expect = expect  # told how many documents the input being read holds
        self.notes: list[str] = []

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from trucewatch.ingest.fetch import Fetcher

            self._fetcher = Fetcher(max_bytes=max(self.max_bytes * 10, 20_000_000))
            self._own_fetcher = True
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    def read(self, item: Input) -> Iterator[Result]:
        """The documents of one input, in order; never raises for bad input."""
        yield from _guarded(item.name, self._read(item))

    def read_bytes(self, data: bytes, origin: Origin, kind: str | None = None) -> Iterator[Result]:
        """The documents in `data` (of `kind`, else sniffed); never raises for bad input."""
        yield from _guarded(origin.name, self._parse(data, origin, kind))

    def _read(self, item: Input) -> Iterator[Result]:
        if item.kind == "missing":
            raise InputError(item.name, "no such file or directory")
        if item.kind == "broken-link":
            raise InputError(item.name, f"a symbolic link to {os.readlink(item.name)!r}, which does not exist")
        if item.kind == "special":
            raise InputError(item.name, "not a regular file (a FIFO, socket or device); not read")
        if item.kind == "stdin":
            data = sys.stdin.buffer.read()
            origin = Origin(name=STDIN_NAME, path=STDIN_NAME, max_bytes=self.max_bytes, expect=self.expect)
            yield from self._parse(data, origin, None)
        elif item.kind == "url":
            page = self.fetcher.get(item.name)
            origin = Origin(name=item.name, path=item.name, max_bytes=self.max_bytes, expect=self.expect)
            yield from self._parse(page.content, origin, None, url=page.url)
        else:
            yield from self._read_file(item.name)

    def _read_file(self, path: str) -> Iterator[Result]:
        kind = KIND_BY_EXTENSION.get(os.path.splitext(path)[1].lower())
        stat = os.stat(path)
        if kind == "parquet":  # binary, and read a row group at a time: never whole, never decoded
            from trucewatch.scale.parquet import document_rows

            mtime = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).date()
            yield from document_rows(path, Origin(name=path, path=path, fallback_date=mtime,
                                                  max_bytes=self.max_bytes))
            return
        limit = RAW_FACTOR.get(kind or "plain", 0) * self.max_bytes
        if limit and stat.st_size > limit:
            raise InputError(path, f"file is {size_text(stat.st_size)}, over the size limit of "
                                   f"{size_text(self.max_bytes)} of text")
        with open(path, "rb") as handle:
            data = handle.read()
        mtime = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).date()
        origin = Origin(name=path, path=path, fallback_date=mtime, max_bytes=self.max_bytes,
                        expect=self.expect)
        yield from self._parse(data, origin, kind)

    def _parse(self, data: bytes, origin: Origin, kind: str | None, *,
               url: str | None = None) -> Iterator[Result]:
        decoded = decode_bytes(data, origin.name)
        if decoded.note():
            self.notes.append(f"{origin.name}: {decoded.note()}")
        text = decoded.text
        kind = kind or sniff_kind(text)
        if kind == "plain":
            yield read_plain(text, origin)
        elif kind == "jsonl":
            yield from read_jsonl(text, origin)
        elif kind == "json":
            yield from read_json(text, origin)
        elif kind in ("csv", "tsv"):
            yield from read_csv(text, origin, delimiter="\t" if kind == "tsv" else ",")
        elif kind == "html":
            from trucewatch.ingest.html import read_html

            yield read_html(text, origin, url=url)
        elif kind == "feed":
            from trucewatch.ingest.feeds import read_feed

            fetcher = self.fetcher if self.fetch else None
            yield from read_feed(data, origin, fetcher=fetcher)
        else:  # pragma: no cover - KIND_BY_EXTENSION and sniff_kind only name the kinds above
            raise InputError(origin.name, f"unknown input kind {kind!r}")


def _guarded(name: str, results: Iterator[Result]) -> Iterator[Result]:
    """`results`, with whatever ends them early turned into one InputError naming the input."""
    try:
        yield from results
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(name, f"cannot be read ({exc.strerror or exc})")
    except RecursionError:
        yield InputError(name, "nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a parser choking on one input must not stop the rest
        yield InputError(name, f"cannot be parsed ({type(exc).__name__}: {short_reason(exc)})")


def read_inputs(paths: Iterable[str | os.PathLike], *, fetch: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, fetcher: Fetcher | None = None
                ) -> Iterator[Result]:
    """Documents or InputErrors, in input order; one bad input never stops the others."""
    reader = InputReader(fetch=fetch, max_bytes=max_bytes, fetcher=fetcher)
    try:
        for item in expand(paths):
            yield from reader.read(item)
    finally:
        reader.close()
