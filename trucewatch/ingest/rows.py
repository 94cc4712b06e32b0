"""JSON Lines, JSON arrays and CSV: one report per row, each row judged on its own.

A bad row is named `file:line` and skipped; the rows around it go on, because one broken
export line must not cost a mission the other hundred reports. Whatever a row holds (unpaired
surrogates, JSON nested 100,000 deep, a 5,000-digit number, a field of megabytes, a broken
quote), the failure is that row's alone: `_row_result` turns any exception into its InputError,
and the CSV reader starts again on the next line after a row it cannot parse.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from trucewatch.errors import InputError, short_reason
from trucewatch.ingest.dates import BadDate, parse_published
from trucewatch.ingest.origin import Origin, make_document, size_text
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


def _judged(row: object, origin: Origin, where: str) -> Document:
    if not isinstance(row, dict):
        raise InputError(where, f"expected a JSON object, found {type(row).__name__}")
    return row_document(row, origin, where)


def _row_result(where: str, make: Callable[[], Document]) -> Result:
    """The row's Document, or an InputError naming `where` whatever went wrong with it."""
    try:
        return make()
    except InputError as exc:
        return exc
    except RecursionError:
        return InputError(where, "nested too deeply to read (a row is a flat object of fields)")
    except Exception as exc:  # noqa: BLE001 - one row's surprise must not cost the file
        return InputError(where, f"cannot be read ({type(exc).__name__}: {short_reason(exc)})")


def _json_value(line: str, where: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(where, "JSON nested too deeply to read (a row is a flat object of fields)") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(where, f"unreadable JSON ({short_reason(exc)})") from None


def read_jsonl(text: str, origin: Origin) -> Iterator[Result]:
    """One JSON object per line; blank lines are ignored."""
    any_row = False
    lines = text.splitlines()
    origin.expecting(sum(1 for line in lines if line.strip()))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        any_row = True
        where = f"{origin.name}:{number}"
        yield _row_result(where, lambda: _judged(_json_value(line, where), origin, where))
    if not any_row:
        yield InputError(origin.name, "empty input (no rows)")


def read_json(text: str, origin: Origin) -> Iterator[Result]:
    """One JSON document (an array of reports, or one report), else JSON Lines; parsed once,
    as row files have no size limit."""
    try:
        rows = json.loads(text)
    except (ValueError, RecursionError):
        yield from read_jsonl(text, origin)
        return
    yield from _json_rows(rows, origin)


def _json_rows(rows: object, origin: Origin) -> Iterator[Result]:
    if not isinstance(rows, list):
        rows = [rows]
    origin.expecting(len(rows))
    if not rows:
        yield InputError(origin.name, "empty input (no rows)")
    for number, row in enumerate(rows, start=1):
        where = f"{origin.name}:item {number}"
        yield _row_result(where, lambda: _judged(row, origin, where))


class _Lines:
    """The physical lines of a text (as a file opened with newline="" gives them), counted, so a
    fresh csv reader can take over after a row the last one could not parse."""

    def __init__(self, text: str):
        self._lines = iter(io.StringIO(text, newline=""))
        self.count = 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.count += 1
        return line


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's field size limit (process-wide, 128 KB by default) raised to the text limit: a
    long report is a long field, and the text limit judges it, row by row."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, limit))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_csv(text: str, origin: Origin, *, delimiter: str = ",") -> Iterator[Result]:
    """A header row naming the fields (`text` required), then one report per row."""
    with _field_limit(origin.max_bytes + 1):
        yield from _csv_rows(text, origin, delimiter)


def _csv_rows(text: str, origin: Origin, delimiter: str) -> Iterator[Result]:
    origin.expecting(text.count("\n") - 1)  # about one row per line after the header
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(origin.name, "empty input (no header row)")
        return
    except csv.Error as exc:
        yield InputError(f"{origin.name}:1", f"malformed CSV header ({short_reason(exc)})")
        return
    header = [name.strip().lstrip("\ufeff").lower() for name in header]
    if "text" not in header:
        yield InputError(origin.name, "CSV header has no `text` column")
        return
    while True:
        where = f"{origin.name}:{lines.count + 1}"
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(where, _csv_problem(exc, origin))
            reader = csv.reader(lines, delimiter=delimiter, strict=True)  # go on at the next line
            continue
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            yield InputError(where, f"row has {len(values)} fields where the header has {len(header)}")
            continue
        yield _row_result(where, lambda: _judged(dict(zip(header, values)), origin, where))


def _csv_problem(exc: csv.Error, origin: Origin) -> str:
    if "field larger than field limit" in str(exc):
        return f"a field is over the size limit of {size_text(origin.max_bytes)}"
    return f"malformed CSV row ({short_reason(exc)})"
