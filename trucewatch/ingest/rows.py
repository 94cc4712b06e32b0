"""JSON Lines, JSON arrays and CSV: one report per row, each row judged on its own.

A bad row is named `file:line` and skipped; the rows around it go on, because one broken
export line must not cost a mission the other hundred reports.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

from trucewatch.errors import InputError
from trucewatch.ingest.dates import BadDate, parse_published
from trucewatch.ingest.origin import Origin, make_document
from trucewatch.records import Document

FIELDS = ("text", "published", "title", "url", "source", "id")
Result = Document | InputError


def row_document(row: Mapping, origin: Origin, where: str) -> Document:
    """A row's fields to a Document; raises InputError naming `where` when the row is unusable."""
    text = row.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(where, "row has no `text`")
    if not isinstance(text, str):
        raise InputError(where, f"`text` must be a string, not {type(text).__name__}")
    published = None
    if row.get("published") not in (None, ""):
        try:
            published = parse_published(row["published"], what="`published` field")
        except BadDate as exc:
            raise InputError(where, str(exc)) from None
    extra = {}
    for key in ("title", "url", "source", "id"):
        value = row.get(key)
        if isinstance(value, (dict, list)):
            raise InputError(where, f"`{key}` must be a string, not {type(value).__name__}")
        extra[key] = None if value is None else str(value).strip()
    return make_document(
        text,
        origin,
        where=where,
        published=published,
        ref=extra["id"] or (where if origin.is_stdin else origin.path),
        title=extra["title"],
        url=extra["url"],
        source=extra["source"],
    )


def _judged(row: object, origin: Origin, where: str) -> Result:
    if not isinstance(row, dict):
        return InputError(where, f"expected a JSON object, found {type(row).__name__}")
    try:
        return row_document(row, origin, where)
    except InputError as exc:
        return exc


def read_jsonl(text: str, origin: Origin) -> Iterator[Result]:
    """One JSON object per line; blank lines are ignored."""
    any_row = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        any_row = True
        where = f"{origin.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _judged(row, origin, where)
    if not any_row:
        yield InputError(origin.name, "empty input (no rows)")


def read_json(text: str, origin: Origin) -> Iterator[Result]:
    """One JSON document (an array of reports, or one report), else JSON Lines; parsed once,
    as row files have no size limit."""
    try:
        rows = json.loads(text)
    except ValueError:
        yield from read_jsonl(text, origin)
        return
    yield from _json_rows(rows, origin)


def _json_rows(rows: object, origin: Origin) -> Iterator[Result]:
    if not isinstance(rows, list):
        rows = [rows]
    if not rows:
        yield InputError(origin.name, "empty input (no rows)")
    for number, row in enumerate(rows, start=1):
        yield _judged(row, origin, f"{origin.name}:item {number}")


def read_csv(text: str, origin: Origin, *, delimiter: str = ",") -> Iterator[Result]:
    """A header row naming the fields (`text` required), then one report per row."""
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(origin.name, "empty input (no header row)")
        return
    except csv.Error as exc:
        yield InputError(f"{origin.name}:1", f"malformed CSV header ({exc})")
        return
    header = [name.strip().lstrip("\ufeff").lower() for name in header]
    if "text" not in header:
        yield InputError(origin.name, "CSV header has no `text` column")
        return
    line = reader.line_num + 1
    while True:
        where = f"{origin.name}:{line}"
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(where, f"malformed CSV row ({exc})")
            return  # the csv module cannot resynchronise after a broken quote
        line = reader.line_num + 1
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            yield InputError(where, f"row has {len(values)} fields where the header has {len(header)}")
            continue
        yield _judged(dict(zip(header, values)), origin, where)
