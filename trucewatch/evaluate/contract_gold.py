"""Reading our own contract gold: invented reports with the record an analyst would code.

A gold report is a YAML file (or one line of a JSONL file, or an item of a YAML list) with
`id`, `text`, `published`, `source`, `events` in the record contract's event format (docs/contract.md)
plus a `main: true` marker on the headline event, and optionally `background` (figures in the text
that are no event's toll: cumulative counts, datelines, other incidents) and `not_places` (words
that must never be an event's place: abbreviations, claimant capitals, dateline months).
docs/gold/README.md describes the format.

What a coder need not write is completed here: the document object, event ids, claim offsets
(the claim's sentence is found in the text) and, for an undated event, the default interval.
The completed record must validate against the contract's JSON Schema, every quoted span must
occur in the text and every type must be an act type of the ontology, so a slip in the gold is
reported with the file and the reason instead of silently lowering a score.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import yaml

from trucewatch.errors import InputError
from trucewatch.evaluate.gold import GoldItem, open_text
from trucewatch.records import normalise_text, text_id

SUFFIXES = (".yaml", ".yml", ".jsonl", ".json")
UNDATED_LOOKBACK_DAYS = 30  # as the extractor's default interval (extract/data/time.yaml)
# Quoted spans that must be found in the report's text, by field.
QUOTED = (("location", "text"), ("when", "text"), ("fatalities", "text"), ("injured", "text"))


def gold_files(path: Path) -> list[Path]:
    """A file, or every gold file in a folder (sorted by name, so halves are stable)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        if not files:
            raise InputError(str(path), f"holds no gold file ({', '.join(SUFFIXES)})")
        return files
    return [path]


def _records(path: Path) -> Iterator[tuple[str, object]]:
    """(source, raw record) for each report in one file."""
    text = open_text(path)
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{path}:{number}", InputError(f"{path}:{number}", f"is not JSON ({exc.msg})")
        return
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"is not valid YAML ({exc})") from None
    if isinstance(data, list):
        for number, record in enumerate(data, start=1):
            yield f"{path}#{number}", record
    else:
        yield str(path), data


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    """Gold items from a file or folder; a bad report is an InputError and the others go on."""
    for file in gold_files(path):
        for source, record in _records(file):
            if isinstance(record, InputError):
                yield record
                continue
            try:
                yield gold_item(record, source)
            except InputError as exc:
                yield exc


def _published(value, source: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(source, f"published is not a date like 2016-03-10: {value!r}") from None


def gold_item(record, source: str) -> GoldItem:
    """One checked, completed gold report."""
    if not isinstance(record, dict):
        raise InputError(source, "is not a mapping with id, text, published and events")
    missing = [key for key in ("id", "text", "published", "events") if not record.get(key)]
    if missing:
        raise InputError(source, f"has no {', '.join(missing)}")
    item_id = str(record["id"])
    source = f"{source} ({item_id})"
    text = normalise_text(str(record["text"]))
    published = _published(record["published"], source)
    events = record["events"]
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise InputError(source, "events is not a list of event objects")
    mains = [n for n, event in enumerate(events) if event.get("main") is True]
    if len(mains) != 1:
        raise InputError(source, f"marks {len(mains)} events as main; exactly one must be")
    document = {"id": text_id(text), "ref": item_id, "title": record.get("title"),
                "published": published.isoformat(), "source": record.get("source"),
                "url": None, "language": "en"}
    completed = [_complete_event(event, n, document["id"], text, published, source)
                 for n, event in enumerate(events, start=1)]
    expected = {"document": document, "events": completed}
    _validate(expected, source)
    background = _background(record.get("background") or [], text, source)
    not_places = [str(word) for word in record.get("not_places") or []]
    for word in not_places:
        _must_occur(word, text, source, "not_places")
    return GoldItem(id=item_id, text=text, published=published, source=source,
                    gold={"record": expected, "main": mains[0], "background": background,
                          "not_places": not_places, "covers": list(record.get("covers") or [])})


def _complete_event(event: dict, n: int, document_id: str, text: str, published: date,
                    source: str) -> dict:
    event = {key: value for key, value in event.items() if key != "main"}
    event["id"] = f"{document_id}:{n}"
    _check_type(event.get("type"), source)
    when = dict(event.get("when") or {"precision": "unknown"})
    if when.get("precision", "unknown") == "unknown":
        when.setdefault("start", published - timedelta(days=UNDATED_LOOKBACK_DAYS))
        when.setdefault("end", published)
        when["precision"] = "unknown"
    for key in ("start", "end"):
        if isinstance(when.get(key), date):
            when[key] = when[key].isoformat()
    event["when"] = when
    for field, key in QUOTED:
        value = event.get(field)
        if isinstance(value, dict) and value.get(key):
            _must_occur(value[key], text, source, f"event {n} {field}")
    claims = []
    for claim in event.get("claims") or []:
        claim = dict(claim)
        sentence = normalise_text(str(claim.get("text", "")))
        start = text.find(sentence) if sentence else -1
        if start < 0:
            raise InputError(source, f"event {n}: a claim's text is not in the report: {sentence[:60]!r}")
        claim.update(text=sentence, start=start, end=start + len(sentence))
        claims.append(claim)
    event["claims"] = claims
    return event


def _must_occur(span: str, text: str, source: str, where: str) -> None:
    if str(span) not in text:
        raise InputError(source, f"{where}: {str(span)[:60]!r} is not in the report's text")


def _check_type(name, source: str) -> None:
    from trucewatch.ontology import default_ontology

    if name not in default_ontology().acts:
        raise InputError(source, f"type {name!r} is not an act type of trucewatch/ontology/acts.yaml")


def _background(entries: list, text: str, source: str) -> list[dict]:
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) != {"text", "figure"}:
            raise InputError(source, f"a background entry needs exactly text and figure, not {entry!r} "
                                     "(quote a text with commas)")
        _must_occur(entry["text"], text, source, "background")
        found.append({"text": str(entry["text"]), "figure": int(entry["figure"])})
    return found


def _validate(expected: dict, source: str) -> None:
    import jsonschema

    from trucewatch.schema import event_schema

    try:
        jsonschema.validate(expected, event_schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "the record"
        raise InputError(source, f"does not fit the record contract at {where}: {exc.message}") from None
