"""PLOVER gold JSON (a JSON array of coded sentences; DOCUMENT records are notes and skipped).

Event types of older PLOVER drafts (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) and their renamed
modes (strike-hun, demo-org ...) are read as their PLOVER 2021 successors
(data/plover_versions.yaml) before comparison.

Scored per record, on the best-matching event (see `choice`): event type accuracy; mode accuracy
where the gold has a mode; actor country and sector recall (each gold source actor found among
our initiators — country by the first three letters of its code, sector by the first three letters
of its sector); target country recall the same way among our targets; dead and injured exact (our `best`, else `low`) where the gold gives a number.

Like PETRARCH, PLOVER coders code a sentence's reporting act: "Palestinians blamed Israel for
the bombing" is an accusation, which our record keeps as a claim on the bombing. Such a claim
(see `petrarch.claimant_view`) is therefore also a candidate event, coded as the claimant's act,
after the events themselves, so it is chosen only when the gold names the accusation.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.choice import best_matching, initiators, reported_count
from trucewatch.evaluate.countries import actor_code, country_from_code
from trucewatch.evaluate.datafiles import load
from trucewatch.evaluate.gold import GoldItem, open_text, parse_count
from trucewatch.evaluate.metrics import Accuracy, Score
from trucewatch.evaluate.petrarch import claimant_view
from trucewatch.records import Event, Extraction, Plover


def _actors(value) -> list[dict]:
    """Gold actor lists come as a list of objects, an empty string or null."""
    if isinstance(value, dict):
        return [value]
    return [actor for actor in value or [] if isinstance(actor, dict)] if isinstance(value, list) else []


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    try:
        records = json.loads(open_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(records, list):
        raise InputError(str(path), "is not a JSON array of PLOVER records")
    for number, record in enumerate(records, start=1):
        source = f"{path}#{number}"
        if not isinstance(record, dict):
            yield InputError(source, "is not a JSON object")
            continue
        if record.get("event") == "DOCUMENT":
            continue
        record_id = str(record.get("id") or f"record-{number}")
        missing = [key for key in ("text", "event") if not record.get(key)]
        if missing:
            yield InputError(source, f"record {record_id} has no {' or '.join(missing)}")
            continue
        try:
            published = date.fromisoformat(str(record.get("date") or "")[:10])
        except ValueError:
            published = None
        yield GoldItem(
            id=record_id,
            text=" ".join(str(record["text"]).split()),
            published=published,
            gold={
                "event": current_type(str(record["event"])),
                "coded_event": str(record["event"]).upper(),
                "mode": current_mode(record.get("mode")),
                "source": _actors(record.get("source")),
                "target": _actors(record.get("target")),
                "dead": parse_count(record.get("dead")),
                "injured": parse_count(record.get("injured")),
            },
            source=source,
        )


def current_type(name: str | None) -> str | None:
    """An event type in PLOVER 2021 terms (older drafts' names mapped forward)."""
    if not name:
        return None
    name = name.upper()
    return load("plover_versions.yaml")["event_types"].get(name, name)


def candidates(events: list[Event]) -> list[Event]:
    """Our events, then the reported view of each violent event a named side accuses someone of
    or claims (the claimant's act, with its PLOVER code)."""
    views = []
    for event in events:
        view = claimant_view(event)
        if view is not None and view[0].plover:
            act, reported = view
            views.append(reported.model_copy(update={
                "plover": Plover(event=act.plover.event, mode=act.plover.mode), "type": act.name}))
    return list(events) + views


def current_mode(name: str | None) -> str | None:
    """A mode in PLOVER 2021 terms ("strike-hun" of the earlier draft is "hunger")."""
    if not name:
        return None
    return load("plover_versions.yaml").get("modes", {}).get(name, name)


class Scorer:
    def __init__(self) -> None:
        self.type, self.mode = Accuracy(), Accuracy()
        self.country, self.sector = Accuracy(), Accuracy()
        self.dead, self.injured = Accuracy(), Accuracy()
        self.target = Accuracy()

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        gold = item.gold
        event = best_matching(candidates(extraction.events),
                              lambda e: e.plover is not None and current_type(e.plover.event) == gold["event"])
        misses = []
        ours_type = current_type(event.plover.event) if event and event.plover else None
        if not self.type.add(ours_type == gold["event"]):
            misses.append({"field": "event type", "gold": gold["event"], "predicted": ours_type,
                           "coded": gold["coded_event"]})
        if gold["mode"]:
            ours_mode = event.plover.mode if event and event.plover else None
            if not self.mode.add(ours_mode == gold["mode"]):
                misses.append({"field": "mode", "gold": gold["mode"], "predicted": ours_mode})
        actors = initiators(event)
        codes = [actor_code(actor.country, actor.sector) for actor in actors]
        sectors = [(actor.sector or "").upper()[:3] for actor in actors]
        for actor in gold["source"]:
            country = country_from_code(actor.get("code"))
            if country and not self.country.add(country in codes):
                misses.append({"field": "actor country", "gold": country, "predicted": codes,
                               "actor": actor.get("actorText")})
            sector = (actor.get("sector") or "").upper()[:3]
            if sector and sector != "***" and not self.sector.add(sector in sectors):
                misses.append({"field": "actor sector", "gold": sector, "predicted": sectors,
                               "actor": actor.get("actorText")})
        target_codes = [actor_code(actor.country, actor.sector) for actor in (event.targets if event else [])]
        for actor in gold["target"]:
            country = country_from_code(actor.get("code"))
            if country and not self.target.add(country in target_codes):
                misses.append({"field": "target country", "gold": country, "predicted": target_codes,
                               "actor": actor.get("actorText")})
        for field, tally, ours in (("dead", self.dead, event.fatalities if event else None),
                                   ("injured", self.injured, event.injured if event else None)):
            if gold[field] is not None and not tally.add(reported_count(ours) == gold[field]):
                misses.append({"field": field, "gold": gold[field], "predicted": reported_count(ours)})
        return misses

    def scores(self) -> list[Score]:
        return [
            self.type.score("event type accuracy", "best-matching event; PLOVER 2021 names"),
            self.mode.score("mode accuracy", "records with a gold mode"),
            self.country.score("actor country recall", "gold source actors"),
            self.sector.score("actor sector recall", "gold source actors with a sector"),
            self.target.score("target country recall", "gold target actors"),
            self.dead.score("dead exact", "records with a gold number"),
            self.injured.score("injured exact", "records with a gold number"),
        ]
