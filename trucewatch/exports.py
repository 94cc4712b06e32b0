"""Exports: stored events as contract JSON Lines, flat CSV, ACLED-style CSV, PLOVER JSON Lines,
GeoJSON and Parquet.

Two layers, so other records (incidents, findings) can reuse the writers:
- *writers* turn plain dict rows into a format (`write_rows(rows, "csv", out, columns=...)`);
- *shapes* turn one record into one row (`EVENT_SHAPES["acled"]` maps (Document, Event) to an
  ACLED-style dict). A new record kind only needs its own `Shape`s, then
  `export_records(incidents, Shape(incident_row, "csv", INCIDENT_COLUMNS), out)`.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from trucewatch.errors import InputError, TruceWatchError
from trucewatch.exports_data.acled import acled_codes
from trucewatch.places.countries import country_table
from trucewatch.records import ActorRef, Document, Event, Extraction

Row = dict[str, Any]

# --------------------------------------------------------------------------- writers


def _json(value: Any) -> str:
    """JSON as every writer spells it: text kept readable, dates and other objects as str."""
    return json.dumps(value, ensure_ascii=False, default=str)


# Spreadsheets run a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def defused(text: str) -> str:
    """Text a spreadsheet shows instead of running: a leading single quote before a formula start
    (OWASP's rule; a carriage return, written as a newline in CSV, counts too). Numbers are never
    text here, so -3.5 stays a number."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any, *, raw: bool = False) -> Any:
    """CSV cells are text: nested values become JSON, dates ISO, None empty; text defused unless raw."""
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        value = _json(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        # A bare carriage return is not quoted by the csv module and would split the row.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value if raw else defused(value)
    return value


def write_jsonl(rows: Iterable[Row], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(_json(row) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[Row], out: IO[str], columns: list[str], *, raw_cells: bool = False) -> int:
    """CSV for spreadsheets: text cells that would run as formulas are defused (see `defused`);
    `raw_cells` writes them exactly as stored, for programs that read the file."""
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: _cell(row.get(key), raw=raw_cells) for key in columns})
        count += 1
    return count


def write_geojson(rows: Iterable[Row], out: IO[str]) -> int:
    """A FeatureCollection; each row needs `latitude`/`longitude` (null geometry when unknown).

    Written feature by feature so a large export never sits whole in memory.
    """
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in rows:
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        lat, lon = row.get("latitude"), row.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feature = {"type": "Feature", "geometry": geometry, "properties": properties}
        out.write((",\n" if count else "") + _json(feature))
        count += 1
    out.write("\n]}\n")
    return count


def write_parquet(rows: Iterable[Row], out: IO[bytes] | str | Path, columns: list[str], *,
                  by_month: bool = False) -> int:
    """Columns in the given order, typed by name; nested values as JSON text so any Parquet
    reader copes. `by_month`: a dataset folder partitioned by month (trucewatch.scale.parquet)."""
    from trucewatch.scale.parquet import write_parquet as write

    return write(rows, out, columns, by_month=by_month)


TEXT_FORMATS = ("jsonl", "csv", "geojson")
BINARY_FORMATS = ("parquet", "parquet-by-month")


def write_rows(rows: Iterable[Row], writer: str, out, *, columns: list[str] | None = None,
               raw_cells: bool = False) -> int:
    """Write dict rows in one of the base formats; returns how many rows were written."""
    if writer == "jsonl":
        return write_jsonl(rows, out)
    if writer == "geojson":
        return write_geojson(rows, out)
    if writer in ("csv", *BINARY_FORMATS) and not columns:
        raise TruceWatchError(f"the {writer} writer needs the list of columns")
    if writer == "csv":
        return write_csv(rows, out, columns, raw_cells=raw_cells)
    if writer in BINARY_FORMATS:
        return write_parquet(rows, out, columns, by_month=writer == "parquet-by-month")
    raise TruceWatchError(f"unknown writer {writer!r}")


# --------------------------------------------------------------------------- event shapes

def country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    return (country_table().get(iso3) or {}).get("name") or iso3


def _actor_label(actor: ActorRef) -> str:
    return actor.name or actor.text


def _joined(values: Iterable[str | None]) -> str | None:
    kept = [value for value in values if value]
    return "; ".join(kept) if kept else None


def _evidence_text(event: Event) -> str | None:
    return " | ".join(span.text for span in event.evidence) or None


def flat_row(document: Document, event: Event) -> Row:
    """One spreadsheet row per event; lists joined with "; ", claims as JSON."""
    place = event.location
    deaths, hurt = event.fatalities, event.injured
    return {
        "event_id": event.id,
        "document_id": document.id,
        "document_ref": document.ref,
        "published": document.published,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        **event.coding_columns(),
        "location_text": place.text if place else None,
        "location_name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location_precision": place.precision if place else None,
        "actors": _joined(_actor_label(a) for a in event.actors),
        "actor_countries": _joined(a.country for a in event.actors),
        "actor_sectors": _joined(a.sector for a in event.actors),
        "targets": _joined(_actor_label(t) for t in event.targets),
        "target_sectors": _joined(t.sector for t in event.targets),
        "targets_protected": any(t.protected for t in event.targets),
        "fatalities_low": deaths.low if deaths else None,
        "fatalities_best": deaths.best if deaths else None,
        "fatalities_high": deaths.high if deaths else None,
        "injured_low": hurt.low if hurt else None,
        "injured_best": hurt.best if hurt else None,
        "injured_high": hurt.high if hurt else None,
        "claims": [claim.model_dump(mode="json") for claim in event.claims] or None,
        "evidence": _evidence_text(event),
    }


FLAT_COLUMNS = [  # the keys of flat_row, in order
    "event_id", "document_id", "document_ref", "published", "source", "url", "title", "type",
    "status", "plover_event", "plover_mode", "cameo", "acled_event_type", "acled_sub_event_type",
    "when_start", "when_end", "when_precision", "when_text", "location_text", "location_name",
    "geonameid", "latitude", "longitude", "country", "admin1", "admin2", "location_precision",
    "actors", "actor_countries", "actor_sectors", "targets", "target_sectors", "targets_protected",
    "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best",
    "injured_high", "claims", "evidence",
]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "country", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities", "iso",
    # ours
    "document_id", "status", "when_start", "when_end", "plover_event", "cameo", "evidence",
]


def acled_codable(document: Document, event: Event) -> bool:
    """Whether ACLED would code the event: its act has an ACLED mapping and it happened
    (by default: occurred or ongoing; planned, negated and hypothetical acts are not events)."""
    return event.acled is not None and event.status in acled_codes().coded_statuses


def acled_row(document: Document, event: Event) -> Row:
    """ACLED's column names where they apply; our provenance columns after them.

    Code tables come from trucewatch/exports_data/acled_codes.yaml."""
    codes = acled_codes()
    place, when = event.location, event.when
    iso3 = place.country if place else None
    event_type = event.acled.event_type if event.acled else None
    first, *others = event.actors or [None]
    deaths = event.fatalities
    fatalities = (deaths.best if deaths.best is not None else deaths.low) if deaths else None
    number = event.id.rsplit(":", 1)[-1]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{document.id[:10]}-{number}",
        "event_date": when.start,
        "year": when.start.year,
        "time_precision": codes.time_precision.get(when.precision),
        "disorder_type": codes.disorder_type.get(event_type or ""),
        "event_type": event_type,
        "sub_event_type": event.acled.sub_event_type if event.acled else None,
        "actor1": _actor_label(first) if first else None,
        "assoc_actor_1": _joined(_actor_label(a) for a in others),
        "inter1": codes.inter.get(first.sector or "") if first else None,
        "actor2": _actor_label(event.targets[0]) if event.targets else None,
        "country": country_name(iso3),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": (place.name or place.text) if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": codes.geo_precision.get(place.precision) if place else None,
        "source": document.source,
        "notes": event.evidence[0].text if event.evidence else None,
        "fatalities": fatalities if fatalities is not None else 0,
        "iso": (country_table().get(iso3 or "") or {}).get("iso_numeric"),
        "document_id": document.id,
        "status": event.status,
        "when_start": when.start,
        "when_end": when.end,
        "plover_event": event.plover.event if event.plover else None,
        "cameo": event.cameo,
        "evidence": _evidence_text(event),
    }


def plover_record(document: Document, event: Event) -> Row:
    """A PLOVER-style event: type, mode, actors and targets with country and sector codes."""
    def actor(a: ActorRef) -> Row:
        return {"text": a.text, "name": a.name, "country": a.country, "sector": a.sector}

    place = event.location
    return {
        "id": event.id,
        "date": event.when.start.isoformat(),
        "date_end": event.when.end.isoformat(),
        "event_type": event.plover.event if event.plover else None,
        "mode": event.plover.mode if event.plover else None,
        "context": [],
        "actor": [actor(a) for a in event.actors],
        "recipient": [actor(t) for t in event.targets],
        "location": place.model_dump(mode="json", exclude_none=True) if place else None,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "status": event.status,
        "cameo": event.cameo,
        "source": document.source,
        "document_id": document.id,
        "url": document.url,
    }


def parquet_event_row(document: Document, event: Event) -> Row:
    """The flat row plus the whole event as contract JSON, so the file can be read back."""
    return {**flat_row(document, event), "event": event.model_dump(mode="json")}


def geojson_properties(document: Document, event: Event) -> Row:
    """The flat row (keeps latitude/longitude for the writer to turn into a Point)."""
    return flat_row(document, event)


@dataclass(frozen=True)
class Shape:
    """How one format renders records: a row function, a base writer, the column order, and
    optionally which records the format can express at all (`keeps`; the rest are skipped)."""

    row: Callable[..., Row]
    writer: str
    columns: list[str] | None = None
    keeps: Callable[..., bool] | None = None


@dataclass(frozen=True)
class ExportCounts:
    written: int
    skipped: int = 0  # records the format cannot express (e.g. events ACLED would not code)


EVENT_SHAPES: dict[str, Shape] = {
    "csv": Shape(flat_row, "csv", FLAT_COLUMNS),
    "acled": Shape(acled_row, "csv", ACLED_COLUMNS, keeps=acled_codable),
    "plover": Shape(plover_record, "jsonl"),
    "geojson": Shape(geojson_properties, "geojson"),
    "parquet": Shape(parquet_event_row, "parquet", FLAT_COLUMNS + ["event"]),
}
FORMATS = ("jsonl", *EVENT_SHAPES)


def document_row(document: Document) -> Row:
    """A stored report as an ingest row (`id` is its own id, as in JSONL/CSV input), so an
    export of documents can be ingested again and gives the same documents."""
    return {"id": document.ref, "text": document.text, "published": document.published,
            "title": document.title, "url": document.url, "source": document.source,
            "document_id": document.id, "published_given": document.published_given,
            "path": document.path, "language": document.language, "retrieved": document.retrieved}


DOCUMENT_COLUMNS = list(document_row(Document.from_text("x")).keys())
DOCUMENT_SHAPES: dict[str, Shape] = {
    "jsonl": Shape(document_row, "jsonl"),
    "csv": Shape(document_row, "csv", DOCUMENT_COLUMNS),
    "parquet": Shape(document_row, "parquet", DOCUMENT_COLUMNS),
}


def by_month(shape: Shape) -> Shape:
    """The same shape written as a Parquet dataset partitioned by month."""
    if shape.writer != "parquet":
        raise InputError("--partition-by", "only the parquet format can be partitioned by month")
    return Shape(shape.row, "parquet-by-month", shape.columns, shape.keeps)


def export_documents_counted(store, fmt: str, out: IO | str | Path | None = None, *,
                             start: date | None = None, end: date | None = None,
                             partition_by: str | None = None, raw_cells: bool = False) -> ExportCounts:
    """Write the stored reports (text and provenance), published within [start, end]; csv cells
    are defused against spreadsheet formulas unless `raw_cells`."""
    if fmt not in DOCUMENT_SHAPES:
        raise InputError(fmt, f"unknown format for documents; choose one of {', '.join(DOCUMENT_SHAPES)}")
    shape = partitioned(DOCUMENT_SHAPES[fmt], partition_by)
    return export_records_counted(store.documents(since=start, until=end), shape, out, raw_cells=raw_cells)


def partitioned(shape: Shape, partition_by: str | None) -> Shape:
    if partition_by is None:
        return shape
    if partition_by != "month":
        raise InputError("--partition-by", f"{partition_by!r}: only `month` is supported")
    return by_month(shape)


def in_range(event: Event, start: date | None, end: date | None) -> bool:
    """An event is in the range when its time span overlaps it (both ends inclusive)."""
    return (start is None or event.when.end >= start) and (end is None or event.when.start <= end)


def contract_records(extractions: Iterable[Extraction], start: date | None = None,
                     end: date | None = None, *, all_events: bool = True) -> Iterator[Row]:
    """Contract objects (document + its events in the range); documents without any are left out.
    Without `all_events`, only each report's main and salient events."""
    for extraction in extractions:
        events = [event for event in extraction.events if in_range(event, start, end)
                  and (all_events or event.reported())]
        if events:
            yield extraction.model_copy(update={"events": events}).contract()


def _spread(function: Callable, item: Any):
    return function(*item) if isinstance(item, tuple) else function(item)


def export_records_counted(items: Iterable[Any], shape: Shape,
                           out: IO | str | Path | None = None, *, raw_cells: bool = False) -> ExportCounts:
    """The generic path: one row per item through `shape.row`, written by `shape.writer`;
    items `shape.keeps` refuses are counted as skipped.

    Tuples are spread into the row function (events come as (document, event) pairs); an
    incident export passes incidents and a Shape whose row function takes one incident.
    """
    skipped = 0

    def kept() -> Iterator[Any]:
        nonlocal skipped
        for item in items:
            if shape.keeps is None or _spread(shape.keeps, item):
                yield item
            else:
                skipped += 1

    rows = (_spread(shape.row, item) for item in kept())
    written = write_to(rows, shape.writer, out, columns=shape.columns, raw_cells=raw_cells)
    return ExportCounts(written, skipped)


def export_records(items: Iterable[Any], shape: Shape, out: IO | str | Path | None = None) -> int:
    """Like `export_records_counted`, returning only the number of rows written."""
    return export_records_counted(items, shape, out).written


def export_events_counted(store, fmt: str, out: IO | str | Path | None = None, *,
                          start: date | None = None, end: date | None = None,
                          partition_by: str | None = None, raw_cells: bool = False,
                          all_events: bool = False) -> ExportCounts:
    """Write the store's events in `fmt` to `out` (a path, an open file, or None for stdout).

    Events are kept when their date span overlaps [start, end], and only each report's main and
    salient events unless `all_events` (which also keeps background mentions, with their status).
    Counts the rows written (for jsonl: documents, each with its events) and the events the
    format cannot express. `partition_by="month"` (parquet): a dataset folder with one partition
    per month.
    """
    if fmt not in FORMATS:
        raise InputError(fmt, f"unknown export format; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        if partition_by is not None:
            raise InputError("--partition-by", "only the parquet format can be partitioned by month")
        return ExportCounts(write_to(contract_records(store.extractions(), start, end, all_events=all_events),
                                     "jsonl", out))
    pairs = ((document, event) for document, event in store.events(since=start, until=end)
             if all_events or event.reported())
    shape = partitioned(EVENT_SHAPES[fmt], partition_by)
    return export_records_counted(pairs, shape, out, raw_cells=raw_cells)


def export_events(store, fmt: str, out: IO | str | Path | None = None, *,
                  start: date | None = None, end: date | None = None, all_events: bool = False) -> int:
    """Like `export_events_counted`, returning only the number of rows written."""
    return export_events_counted(store, fmt, out, start=start, end=end, all_events=all_events).written


def write_to(rows: Iterable[Row], writer: str, out: IO | str | Path | None, *,
             columns: list[str] | None = None, raw_cells: bool = False) -> int:
    """Open `out` as the writer needs (text or bytes; None is stdout) and write the rows; a file
    is written whole or not at all (trucewatch.outputs.atomic_output)."""
    from trucewatch.outputs import atomic_output, atomic_path

    if writer in BINARY_FORMATS and out is None:
        raise TruceWatchError(f"{writer} output is binary: give a file with --out")
    options = {"columns": columns, "raw_cells": raw_cells}
    try:
        if writer in BINARY_FORMATS and isinstance(out, (str, Path)):
            with atomic_path(out) as temporary:
                return write_rows(rows, writer, str(temporary), **options)
        if writer in BINARY_FORMATS:
            return write_rows(rows, writer, out, **options)
        if out is None:
            return write_rows(rows, writer, sys.stdout, **options)
        if isinstance(out, (str, Path)):
            with atomic_output(out) as handle:
                return write_rows(rows, writer, handle, **options)
        return write_rows(rows, writer, out, **options)
    except OSError as exc:
        raise TruceWatchError(f"Cannot write the export to {out}: {exc.strerror or exc}.") from exc
