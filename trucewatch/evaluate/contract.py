"""Our own contract gold (docs/gold/contract): invented reports scored field by field.

Reading and checking the gold is in `contract_gold`. Scoring, per report:
- the gold main event is compared with the event extraction marks as main (`choice.main_event`:
  the `main` flag, else the highest salience, else the first event that is not background) —
  what a monitor's exports and checks would use. "main event right" needs the same act family
  and status and one shared anchor (same type or ACLED sub-type, place within 25 km, or
  overlapping dated interval);
- every other gold event is aligned with an unused extracted event of the same act family,
  the most similar first (type, sub-type, status, place, time, toll); a gold event left without
  one counts as wrong on every field;
- fields over all gold events: type, act family, ACLED sub-type, status, toll exact (where the
  gold has a toll; tolls on gold events without one are counted apart), injured exact, place
  within 25 km (for an admin-area gold place: the same admin-1, or within 25 km of its point),
  place country, admin precision, time interval exact / overlapping (dated gold only), actor and
  target countries (micro P/R/F1), claims on the right event with the right stance (and the
  claimant's country where the gold gives one), denials attached;
- the main event's toll, place and sub-type are also reported on their own: they are the
  figures the held-out sets measure;
- counts that must stay 0: background figures that became a toll (the same number, or the
  toll's words overlap the figure's: "more than 300,000" may be read as 300,001), `not_places`
  words used as an event's place, separate `denial` events.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.choice import foreground, main_event, reported_count
from trucewatch.evaluate.contract_gold import read as read_gold
from trucewatch.evaluate.gold import GoldItem
from trucewatch.evaluate.metrics import PRF, Accuracy, Score, ratio
from trucewatch.incidents.geo import haversine_km
from trucewatch.records import Event, Extraction, Location

NEAR_KM = 25.0
ADMIN_PRECISIONS = ("admin1", "admin2", "country")
DENIAL_TYPES = ("denial",)


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    return read_gold(path)


def _family(name: str) -> str | None:
    from trucewatch.ontology import default_ontology

    return default_ontology().family(name) or name


def _sub_type(event: Event | None) -> str:
    return event.acled.sub_event_type if event is not None and event.acled else "none"


def _km(gold: Location | None, ours: Location | None) -> float | None:
    if gold is None or ours is None or None in (gold.lat, gold.lon, ours.lat, ours.lon):
        return None
    return haversine_km(gold.lat, gold.lon, ours.lat, ours.lon)


def place_right(gold: Location, ours: Location | None) -> bool:
    """Within 25 km of the gold point; an admin-area gold place is also met by its own admin-1."""
    km = _km(gold, ours)
    if km is not None and km <= NEAR_KM:
        return True
    if ours is None or gold.precision not in ADMIN_PRECISIONS or ours.country != gold.country:
        return False
    if gold.precision == "country":
        return True
    from trucewatch.places.names import skeleton

    return bool(gold.admin1 and ours.admin1) and skeleton(gold.admin1) == skeleton(ours.admin1)


def dated(event: Event) -> bool:
    return event.when.precision != "unknown"


def overlaps(gold: Event, ours: Event | None) -> bool:
    return ours is not None and ours.when.start <= gold.when.end and gold.when.start <= ours.when.end


def same_act(gold: Event, ours: Event | None) -> bool:
    """Is `ours` the gold act? Same family and status, and one anchor in common."""
    if ours is None or _family(gold.type) != _family(ours.type) or gold.status != ours.status:
        return False
    if ours.type == gold.type or (gold.acled and _sub_type(gold) == _sub_type(ours)):
        return True
    km = _km(gold.location, ours.location)
    if km is not None and km <= NEAR_KM:
        return True
    return dated(gold) and dated(ours) and overlaps(gold, ours)


def similarity(gold: Event, ours: Event) -> int | None:
    """How alike two events are; None when their act families differ (never aligned)."""
    if _family(gold.type) != _family(ours.type):
        return None
    score = 4 * (ours.type == gold.type) + 2 * (_sub_type(gold) == _sub_type(ours))
    score += gold.status == ours.status
    km = _km(gold.location, ours.location)
    score += km is not None and km <= NEAR_KM
    score += dated(gold) and overlaps(gold, ours)
    score += gold.fatalities is not None and reported_count(ours.fatalities) == reported_count(gold.fatalities)
    return score


def align(gold_events: list[Event], main_index: int, ours: list[Event]) -> list[Event | None]:
    """Each gold event's extracted partner: the main one's is extraction's main event; the
    others take the most similar unused event of their family, best pairs first."""
    partners: list[Event | None] = [None] * len(gold_events)
    chosen_main = main_event(ours)
    partners[main_index] = chosen_main
    free = [event for event in foreground(ours) if event is not chosen_main]
    pairs = []
    for g, gold in enumerate(gold_events):
        if g == main_index:
            continue
        for o, event in enumerate(free):
            score = similarity(gold, event)
            if score is not None:
                pairs.append((-score, g, o))
    used: set[int] = set()
    for _, g, o in sorted(pairs):
        if partners[g] is None and o not in used:
            partners[g] = free[o]
            used.add(o)
    return partners


def _countries(actors, initiators: bool) -> set[str]:
    wanted = ("initiator", None) if initiators else ("target", None)
    return {actor.country for actor in actors if actor.country and actor.role in wanted}


def _claim_matches(gold, ours) -> bool:
    if gold.stance != ours.stance:
        return False
    return gold.claimant.country is None or gold.claimant.country == ours.claimant.country


@dataclass
class Scorer:
    main_right: Accuracy = field(default_factory=Accuracy)
    fields: dict[str, Accuracy] = field(default_factory=dict)
    actors: PRF = field(default_factory=PRF)
    targets: PRF = field(default_factory=PRF)
    claims: PRF = field(default_factory=PRF)
    denials: Accuracy = field(default_factory=Accuracy)
    invented_tolls: int = 0
    untolled_gold: int = 0
    background_tolls: int = 0
    background_total: int = 0
    bad_places: int = 0
    not_places_total: int = 0
    denial_events: int = 0
    unmatched_events: int = 0
    gold_events: int = 0
    our_events: int = 0
    reports: int = 0

    def _tally(self, name: str, ok: bool, misses: list, gold, ours, **extra) -> None:
        if not self.fields.setdefault(name, Accuracy()).add(ok):
            misses.append({"field": name, "gold": gold, "predicted": ours, **extra})

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        misses: list[dict] = []
        self.reports += 1
        gold_events = [Event.model_validate(event) for event in item.gold["record"]["events"]]
        main_index = item.gold["main"]
        ours = list(extraction.events) if extraction is not None else []
        kept = foreground(ours)
        partners = align(gold_events, main_index, ours)
        self.gold_events += len(gold_events)
        self.our_events += len(kept)
        self.unmatched_events += len([e for e in kept if not any(e is p for p in partners)])
        gold_main, our_main = gold_events[main_index], partners[main_index]
        if not self.main_right.add(same_act(gold_main, our_main)):
            misses.append({"field": "main event", "gold": gold_main.type,
                           "predicted": our_main.type if our_main else None})
        self._score_main(gold_main, our_main, misses)
        for n, (gold, partner) in enumerate(zip(gold_events, partners), start=1):
            self._score_event(n, gold, partner, misses)
        self._score_counts(item, kept, misses)
        return misses

    def _score_main(self, gold: Event, ours: Event | None, misses: list) -> None:
        if gold.fatalities is not None:
            self._tally("main event: toll exact", reported_count(ours.fatalities if ours else None)
                        == reported_count(gold.fatalities), misses, reported_count(gold.fatalities),
                        reported_count(ours.fatalities) if ours else None)
        if gold.location is not None and gold.location.lat is not None:
            self._tally("main event: place within 25 km", place_right(gold.location, ours and ours.location),
                        misses, gold.location.text, ours.location.text if ours and ours.location else None)
        self._tally("main event: ACLED sub-type", _sub_type(gold) == _sub_type(ours), misses,
                    _sub_type(gold), _sub_type(ours))

    def _score_event(self, n: int, gold: Event, ours: Event | None, misses: list) -> None:
        where = {"event": n}
        self._tally("event type", ours is not None and ours.type == gold.type, misses, gold.type,
                    ours.type if ours else None, **where)
        self._tally("act family", ours is not None and _family(ours.type) == _family(gold.type),
                    misses, _family(gold.type), _family(ours.type) if ours else None, **where)
        self._tally("ACLED sub-type", _sub_type(gold) == _sub_type(ours), misses, _sub_type(gold),
                    _sub_type(ours), **where)
        self._tally("status", ours is not None and ours.status == gold.status, misses, gold.status,
                    ours.status if ours else None, **where)
        ours_toll = reported_count(ours.fatalities) if ours else None
        if gold.fatalities is not None:
            self._tally("toll exact", ours_toll == reported_count(gold.fatalities), misses,
                        reported_count(gold.fatalities), ours_toll, **where)
        else:
            self.untolled_gold += 1
            if ours_toll:
                self.invented_tolls += 1
                misses.append({"field": "toll where the gold has none", "gold": None,
                               "predicted": ours_toll, **where})
        if gold.injured is not None:
            ours_hurt = reported_count(ours.injured) if ours else None
            self._tally("injured exact", ours_hurt == reported_count(gold.injured), misses,
                        reported_count(gold.injured), ours_hurt, **where)
        self._score_place(gold, ours, misses, where)
        if dated(gold):
            ours_when = [ours.when.start.isoformat(), ours.when.end.isoformat()] if ours else None
            gold_when = [gold.when.start.isoformat(), gold.when.end.isoformat()]
            self._tally("when interval exact", ours_when == gold_when, misses, gold_when, ours_when, **where)
            self._tally("when interval overlaps", overlaps(gold, ours), misses, gold_when, ours_when, **where)
        for initiators, tally in ((True, self.actors), (False, self.targets)):
            gold_set = _countries(gold.actors if initiators else gold.targets, initiators)
            ours_set = _countries(ours.actors if initiators else ours.targets, initiators) if ours else set()
            # a gold event naming no country for its side (unnamed gunmen, "police") cannot
            # show a predicted country wrong: only recall and contradictions are counted
            missed, spurious = tally.add_sets(Counter(gold_set), Counter(ours_set if gold_set else ()))
            if missed or spurious:
                misses.append({"field": "actor countries" if initiators else "target countries",
                               "gold": sorted(gold_set), "predicted": sorted(ours_set), **where})
        self._score_claims(gold, ours, misses, where)

    def _score_place(self, gold: Event, ours: Event | None, misses: list, where: dict) -> None:
        place = gold.location
        if place is None:
            return
        ours_place = ours.location if ours else None
        shown = ours_place.text if ours_place else None
        if place.lat is not None:
            self._tally("place within 25 km", place_right(place, ours_place), misses, place.text, shown,
                        km=_km(place, ours_place), **where)
        if place.country:
            self._tally("place country", ours_place is not None and ours_place.country == place.country,
                        misses, place.country, ours_place.country if ours_place else None, **where)
        if place.precision in ADMIN_PRECISIONS:
            self._tally("admin-area precision", ours_place is not None and ours_place.precision == place.precision,
                        misses, place.precision, ours_place.precision if ours_place else None, **where)

    def _score_claims(self, gold: Event, ours: Event | None, misses: list, where: dict) -> None:
        available = list(ours.claims) if ours else []
        found = 0
        for claim in gold.claims:
            match = next((c for c in available if _claim_matches(claim, c)), None)
            if claim.stance == "denies":
                self.denials.add(match is not None)
            if match is None:
                misses.append({"field": "claim", "gold": f"{claim.claimant.text} {claim.stance}",
                               "predicted": None, "sentence": claim.text, **where})
                continue
            available.remove(match)
            found += 1
        self.claims.tp += found
        self.claims.fn += len(gold.claims) - found
        self.claims.fp += len(available)
        for claim in available:
            misses.append({"field": "claim", "gold": None,
                           "predicted": f"{claim.claimant.text} {claim.stance}", "sentence": claim.text,
                           **where})

    def _score_counts(self, item: GoldItem, kept: list[Event], misses: list) -> None:
        for entry in item.gold["background"]:
            self.background_total += 1
            hit = next((e for e in kept if _is_toll_from(e, entry)), None)
            if hit is not None:
                self.background_tolls += 1
                misses.append({"field": "background figure as a toll", "gold": entry["text"],
                               "predicted": hit.fatalities.text if hit.fatalities else None})
        for word in item.gold["not_places"]:
            self.not_places_total += 1
            used = [e for e in kept if e.location is not None and e.location.text.strip()
                    and (word in e.location.text or e.location.text.strip() in word)]
            if used:
                self.bad_places += 1
                misses.append({"field": "not a place, used as one", "gold": word,
                               "predicted": used[0].location.name})
        denials = [e for e in kept if e.type in DENIAL_TYPES]
        self.denial_events += len(denials)
        for event in denials:
            misses.append({"field": "separate denial event", "gold": None, "predicted": event.id})

    def scores(self) -> list[Score]:
        rows = [self.main_right.score("main event right")]
        rows += [tally.score(name) for name, tally in self.fields.items() if name.startswith("main event")]
        order = ("event type", "act family", "ACLED sub-type", "status", "toll exact", "injured exact",
                 "place within 25 km", "place country", "admin-area precision", "when interval exact",
                 "when interval overlaps")
        rows += [self.fields[name].score(name) for name in order if name in self.fields]
        rows += self.actors.scores("actor countries") + self.targets.scores("target countries")
        rows += [
            Score("claims on the right event with the right stance", self.claims.recall,
                  self.claims.tp + self.claims.fn, "recall over gold claims"),
            Score("claims precision", self.claims.precision, self.claims.tp + self.claims.fp,
                  "claims on aligned events"),
            self.denials.score("denials attached"),
            Score("background figures that became tolls", self.background_tolls, self.background_total,
                  "must be 0"),
            Score("tolls where the gold has none", self.invented_tolls, self.untolled_gold, "should be 0"),
            Score("not-places used as an event's place", self.bad_places, self.not_places_total,
                  "must be 0"),
            Score("separate denial events", self.denial_events, self.reports, "must be 0"),
            Score("events per report", ratio(self.our_events, self.reports), self.reports,
                  f"gold: {ratio(self.gold_events, self.reports) or 0:.2f}"),
            Score("unaligned events per report", ratio(self.unmatched_events, self.reports),
                  self.reports, "events no gold event matches"),
        ]
        return rows


def _is_toll_from(event: Event, entry: dict) -> bool:
    """Did this background figure become the event's toll (by its number or its words)?"""
    toll = event.fatalities
    if toll is None:
        return False
    if entry["figure"] in (toll.low, toll.best, toll.high):
        return True
    return bool(toll.text) and (entry["text"] in toll.text or toll.text in entry["text"])
