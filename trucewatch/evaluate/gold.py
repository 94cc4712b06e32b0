"""What every gold reader yields, and the checks readers share (required columns, dates, numbers).

Readers yield `GoldItem`s, or an `InputError` for one bad row so the run goes on and reports it;
a file that cannot be read at all raises `InputError` naming the file and the reason.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from trucewatch.errors import InputError


@dataclass
class GoldItem:
    """One gold-coded text: what to extract from, its anchor date, and the gold answers."""

    id: str
    text: str
    published: date | None
    gold: dict = field(default_factory=dict)
    source: str = ""  # file:line or file#id, for the misses file


def open_text(path: Path) -> str:
    """The whole file as text, or an InputError that says why not."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a gold file") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot be read") from None


def read_table(path: Path, required: Sequence[str], *, delimiter: str = ",",
               header: bool = True) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV/TSV as (line number, row); extra columns are fine, missing ones are named.

    Column names are matched without regard to case or surrounding blanks.
    """
    text = open_text(path)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise InputError(str(path), "is empty")
    if header:
        reader = csv.DictReader(lines, delimiter=delimiter)
        names = [name.strip().lower() for name in (reader.fieldnames or [])]
        missing = [column for column in required if column not in names]
        if missing:
            found = ", ".join(name for name in names if name) or "none"
            raise InputError(str(path), f"has no column {', '.join(missing)} (found: {found})")
        reader.fieldnames = names
        rows = reader
        first_line = 2
    else:
        rows = (dict(zip(required, values)) for values in csv.reader(lines, delimiter=delimiter))
        first_line = 1
    try:
        for number, row in enumerate(rows, start=first_line):
            if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
                continue
            yield number, {key: (value or "").strip() if isinstance(value, str) else value
                           for key, value in row.items() if key is not None}
    except csv.Error as exc:
        raise InputError(str(path), f"is not valid CSV ({exc})") from None


def parse_iso_date(value: str, source: str, column: str) -> date:
    """An ISO date (2015-08-11), or a sentence naming the column and the bad value."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(source, f"column {column} is not a date like 2015-08-11: {value!r}") from None


def parse_count(value: str | int | float | None) -> int | None:
    """A gold count: '12', '12.0' or 12 -> 12; blank, 'unknown' or a word -> None (not scored)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value) if value >= 0 else None
    text = str(value).strip().replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number >= 0 else None


def parse_float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
