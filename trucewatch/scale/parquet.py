"""Parquet for bulk data: documents, events and incidents (pyarrow, in the default install).

Writing streams rows in row groups, into one file or into a dataset partitioned by month
(hive style, `DIR/month=2016-03/part-0.parquet`, which pyarrow, DuckDB, Spark and pandas read as
one table). Our columns are typed by name (COLUMN_TYPES), so every file and every month has the
same schema whatever its first rows hold (other columns take the type of their first value);
nested values (claims, locations, parties) are JSON text, which any Parquet reader can load.

Reading gives back what was written: documents through ingest's own row reader (a documents
file is an ingest input, read one row group at a time), events as (document id, Event) from
their lossless `event` column, incidents as the dicts the exports and `trucewatch incidents` use.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from itertools import chain
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any

from trucewatch.batching import chunks
from trucewatch.errors import InputError, TruceWatchError
from trucewatch.records import Document, Event, Extraction

ROWS_PER_GROUP = 10_000
PARTITION_COLUMN = "month"
UNDATED = "undated"
MONTH_SOURCES = ("when_start", "start", "published")  # events, incidents, documents
COLUMN_TYPES = {
    "date": ("published", "when_start", "when_end", "start", "end", "event_date"),
    "float": ("latitude", "longitude"),
    "int": ("geonameid", "fatalities", "fatalities_low", "fatalities_best", "fatalities_high",
            "injured_low", "injured_best", "injured_high", "independent_sources", "documents", "year"),
    "bool": ("targets_protected", "act_disputed", "published_given"),
    "timestamp": ("retrieved",),
}


def _kind_of(column: str, sample: list[dict] = ()) -> str:
    """A column's kind: by its name when it is one of ours, else by its first value in `sample`
    (the first row group), so other records keep their numbers; all empty: text."""
    for kind, columns in COLUMN_TYPES.items():
        if column in columns:
            return kind
    for row in sample:
        value = row.get(column)
        if value is not None:
            return _kind_of_value(value)
    return "text"


def _kind_of_value(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, datetime):
        return "timestamp"
    if isinstance(value, date):
        return "date"
    return "text"


def schema_for(columns: list[str], *, partitioned: bool = False, sample: list[dict] = ()):
    import pyarrow as pa

    kinds = {"date": pa.date32(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_(),
             "timestamp": pa.timestamp("us", tz="UTC"), "text": pa.string()}
    fields = [pa.field(column, kinds[_kind_of(column, sample)]) for column in columns]
    if partitioned:
        fields.append(pa.field(PARTITION_COLUMN, pa.string()))
    return pa.schema(fields)


def _text(value: Any) -> str | None:
    """Text cells: nested values as JSON text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _day(value: Any) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return value.date()
    return value


def _utc(value: Any) -> datetime | None:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _same(value: Any) -> Any:
    return value


CONVERT = {"text": _text, "date": _day, "timestamp": _utc}


def month_of(row: dict) -> str:
    """The partition a row goes to: the month of its event, incident or publication date."""
    for column in MONTH_SOURCES:
        if column in row:
            value = row[column]
            if isinstance(value, (date, datetime)):
                return value.strftime("%Y-%m")
            if isinstance(value, str) and len(value) >= 7:
                return value[:7]
            return UNDATED
    return UNDATED


def _batches(rows: Iterable[dict], columns: list[str], counter: list[int], partitioned: bool):
    """(schema, record batches): the schema is settled by the first row group, then kept."""
    import pyarrow as pa

    groups = chunks(rows, ROWS_PER_GROUP)
    first = next(groups, [])
    schema = schema_for(columns, partitioned=partitioned, sample=first)
    converters = [CONVERT.get(_kind_of(column, first), _same) for column in columns]

    def batches():
        for chunk in chain([first], groups) if first else ():
            data = {column: [convert(row.get(column)) for row in chunk]
                    for column, convert in zip(columns, converters)}
            if partitioned:
                data[PARTITION_COLUMN] = [month_of(row) for row in chunk]
            counter[0] += len(chunk)
            yield pa.RecordBatch.from_pydict(data, schema=schema)

    return schema, batches()


def write_parquet(rows: Iterable[dict], out: IO[bytes] | str | Path, columns: list[str], *,
                  by_month: bool = False) -> int:
    """Write rows (streamed, a row group at a time) to one Parquet file, or with `by_month` to a
    dataset directory with one `month=YYYY-MM` folder per month; returns the rows written."""
    import pyarrow.parquet as pq

    counter = [0]
    schema, batches = _batches(rows, columns, counter, by_month)
    if not by_month:
        with pq.ParquetWriter(out, schema) as writer:
            for batch in batches:
                writer.write_batch(batch, row_group_size=ROWS_PER_GROUP)
        return counter[0]
    import pyarrow.dataset as ds

    if not isinstance(out, (str, Path)):
        raise TruceWatchError("a Parquet dataset partitioned by month needs a folder to write to (--out DIR)")
    ds.write_dataset(batches, base_dir=str(out), schema=schema, format="parquet",
                     partitioning=ds.partitioning(schema_for([PARTITION_COLUMN]), flavor="hive"),
                     existing_data_behavior="delete_matching", basename_template="part-{i}.parquet",
                     max_rows_per_group=ROWS_PER_GROUP)
    return counter[0]


# ------------------------------------------------------------------ reading

def row_groups(path: str | os.PathLike) -> Iterator[list[dict]]:
    """The rows of a Parquet file or of a (month-partitioned) dataset folder, one row group at a
    time; the partition column is dropped (it repeats a date the rows carry)."""
    import pyarrow.parquet as pq

    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.parquet") if not _hidden(p, path))
    else:
        files = [path]
    for file in files:
        try:
            parquet = pq.ParquetFile(file)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
            raise InputError(str(file), f"not a readable Parquet file ({exc})") from None
        for group in range(parquet.num_row_groups):
            rows = parquet.read_row_group(group).to_pylist()
            for row in rows:
                row.pop(PARTITION_COLUMN, None)
            yield rows


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "_")) for part in path.relative_to(root).parts)


def read_rows(path: str | os.PathLike) -> Iterator[dict]:
    for rows in row_groups(path):
        yield from rows


def read_documents(path: str | os.PathLike) -> Iterator[Document | InputError]:
    """Documents of a documents file (or any Parquet file with a `text` column), as ingest reads
    them: a bad row is an InputError naming `file:row N`, the others go on."""
    from trucewatch.ingest.origin import Origin

    stat = os.stat(path)
    origin = Origin(name=str(path), path=str(path),
                    fallback_date=datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc).date())
    yield from document_rows(path, origin)


def document_rows(path: str | os.PathLike, origin) -> Iterator[Document | InputError]:
    """Ingest's reader for Parquet: each row group in turn, each row judged on its own."""
    from trucewatch.ingest.rows import row_document

    number = 0
    for rows in row_groups(path):
        for row in rows:
            number += 1
            where = f"{origin.name}:row {number}"
            if isinstance(row.get("published"), (date, datetime)):
                row["published"] = row["published"].isoformat()
            try:
                yield row_document(row, origin, where)
            except InputError as exc:
                yield exc
    if number == 0:
        yield InputError(origin.name, "empty input (no rows)")


def read_events(path: str | os.PathLike) -> Iterator[tuple[str, Event]]:
    """(document id, Event) per row of an events file written by `export --format parquet`."""
    for number, row in enumerate(read_rows(path), start=1):
        record = row.get("event")
        if not record:
            raise InputError(f"{path}:row {number}", "no `event` column: not an events file written by TruceWatch")
        yield row["document_id"], Event.model_validate_json(record)


def read_extractions(documents: str | os.PathLike, events: str | os.PathLike) -> Iterator[Extraction]:
    """Documents with their events again, from a documents file and an events file (for fusing
    an export elsewhere: `trucewatch.incidents.fuse(read_extractions(...))`)."""
    by_document: dict[str, list[Event]] = {}
    for document_id, event in read_events(events):
        by_document.setdefault(document_id, []).append(event)
    for item in read_documents(documents):
        if isinstance(item, InputError):
            raise item
        events = sorted(by_document.get(item.id, []), key=_position)  # months split a report's events
        yield Extraction(document=item, events=events)


def _position(event: Event) -> tuple:
    """An event's place in its report: ids are `<document id>:<n>`."""
    number = event.id.rsplit(":", 1)[-1]
    return (0, int(number)) if number.isdigit() else (1, event.id)


def read_incidents(path: str | os.PathLike) -> Iterator[dict]:
    """Incident rows of an incidents file written by `export --what incidents --format parquet`."""
    yield from read_rows(path)
