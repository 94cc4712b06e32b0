"""Commitments from extracted statements: each fused pledge incident, one commitment per party.

Pledges are read from incidents, not raw events, so a pledge told by three outlets is one
commitment with three reports, its independent sources counted once, and its party graded by the
same attribution machinery as any act. The statement's sentence then gives what the extraction
record does not hold: the interval's words, a condition, and the violent acts it names ("scale
back air strikes and shelling") — those are other events of the same sentence.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from trucewatch.incidents.actors import country_names, party_label
from trucewatch.incidents.families import family_of, types_in_family
from trucewatch.incidents.model import Incident, Mention, PartyGrade
from trucewatch.records import Event, Location

from .conditions import condition_of
from .firmness import firmness_of, reporter_kind, reporting_stances
from .interval import read_interval
from .kinds import Kind, kind_named, kind_of, not_committing_sectors, statement_types
from .record import Commitment, Party, Report, commitment_id

NAMED_ACT_STATUSES = {"planned", "negated"}  # named by the pledge; hypothetical ones sit in its condition
UNDONE = {"planned", "negated", "hypothetical"}


def sentence_of(mention: Mention) -> tuple[str, int, int]:
    """The statement's words and their offsets: its evidence span, else the document's start."""
    text = mention.document.text
    if mention.event.evidence:
        span = mention.event.evidence[0]
        return text[span.start:span.end], span.start, span.end
    end = text.find(".") + 1 or len(text)
    return text[:end], 0, end


def _target_words(event: Event) -> list[str]:
    return [t.text for t in event.targets]


def _overlaps(a: Event, b: Event) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a.evidence for y in b.evidence)


def _named_acts(mention: Mention, siblings: list[Event], kind: Kind) -> list[str]:
    """Fusion families of the acts the statement's own sentence names among those the kind stops."""
    covered = set().union(*(types_in_family(entry) | {entry} for entry in kind.stops)) if kind.stops else set()
    named = {family_of(e.type) for e in siblings
             if e.id != mention.event.id and e.status in NAMED_ACT_STATUSES and e.type in covered
             and _overlaps(e, mention.event)}
    return sorted(named)


def _reports(mentions: list[Mention], party: Party) -> list[Report]:
    stances = reporting_stances()
    reports = []
    for m in mentions:
        doc = m.document
        common = {"document": doc.id, "outlet": m.outlet, "published": doc.published, "ref": doc.ref,
                  "url": doc.url}
        claims = [c for c in m.event.claims if c.stance in stances]
        for c in claims:
            reports.append(Report(**common, claimant=c.claimant, stance=c.stance,
                                  reporter=reporter_kind(c.claimant, party), quote=c.text,
                                  start=c.start, end=c.end))
        if not claims:
            quote, start, end = sentence_of(m)
            reports.append(Report(**common, reporter="the outlet", quote=quote, start=start, end=end))
    return reports


def _party(grade: PartyGrade | None, inc: Incident, mention: Mention) -> Party:
    initiators = [a for a in mention.event.actors if a.role != "target"]
    if grade is None:
        words = inc.unidentified_actors[0] if inc.unidentified_actors else None
        return Party(key=None, label=words or "unidentified", text=words)
    text = next((a.text for a in initiators if grade.name and a.name == grade.name
                 or grade.country and a.country == grade.country), None)
    return Party(key=grade.party, label=grade.label or party_label(grade.party), text=text,
                 name=grade.name, country=grade.country, sector=grade.sector)


def _place(inc: Incident, mention: Mention, siblings: list[Event], party: Party) -> Location | None:
    """The statement's place, else a place its sentence gives an act it names, else the party's country."""
    if inc.location is not None:
        return inc.location
    for e in siblings:
        if e.location is not None and _overlaps(e, mention.event):
            return e.location
    if party.country and party.country in country_names():
        name = country_names()[party.country]
        return Location(text=name, name=name, country=party.country, precision="country",
                        note="no place named: the party's country")
    return None


def _made(mention: Mention) -> date | None:
    """The statement's date when extraction dated it to a day no later than publication."""
    when, published = mention.event.when, mention.document.published
    if when.precision == "day" and (published is None or when.start <= published):
        return when.start
    return None


def _commitment(inc: Incident, kind: Kind, mentions: list[Mention], grade: PartyGrade | None,
                siblings: dict[str, list[Event]]) -> Commitment:
    first = mentions[0]
    others = siblings.get(first.document.id, [])
    sentence, offset, _ = sentence_of(first)
    party = _party(grade, inc, first)
    named = _named_acts(first, others, kind) if kind.named_acts else []
    stops = named or list(kind.stops)
    starts, ends = read_interval(sentence, first.document.published, made=_made(first), promise=kind.promise)
    condition = next((c for c in (condition_of(sentence_of(m)[0]) for m in mentions) if c), None)
    reports = _reports(mentions, party)
    reasons = list(grade.reasons) if grade else ["the committing party is not identified"]
    firmness = firmness_of(grade.grade if grade else None, [r.reporter for r in reports],
                           grade.independent_sources if grade else inc.independent_sources, reasons)
    acts = stops if kind.promise == "stops" else sorted({m.event.type for m in mentions})
    return Commitment(
        id=commitment_id(inc.id, party.key or party.label, kind.name), kind=kind.name, label=kind.label,
        promise=kind.promise, party=party, acts=acts, breached_by=stops, obligations=list(kind.obligations),
        performs=list(kind.performs), place=_place(inc, first, others, party), starts=starts, ends=ends,
        conditional=condition is not None, condition=condition, firmness=firmness, reports=reports,
        origin="extracted", source=inc.id, event_ids=[m.event.id for m in mentions])


def build_commitments(incidents: Iterable[Incident]) -> list[Commitment]:
    """One commitment per pledge incident and committing party, earliest first."""
    incidents = list(incidents)
    types = statement_types()
    pledged: list[tuple[Incident, dict[str, list[Mention]]]] = []
    for inc in incidents:
        if types.isdisjoint(inc.types or (inc.type,)):
            continue
        by_kind: dict[str, list[Mention]] = defaultdict(list)
        for m in inc.mentions:
            kind = kind_of(m.event.type, m.event.status, sentence_of(m)[0], _target_words(m.event))
            if kind is not None:
                by_kind[kind.name].append(m)
        if by_kind:
            pledged.append((inc, by_kind))
    documents = {m.document.id for _, by_kind in pledged for ms in by_kind.values() for m in ms}
    siblings: dict[str, list[Event]] = defaultdict(list)
    for inc in incidents:
        if inc.status in UNDONE:  # acts a pledge names are planned or negated; fusion never mixes
            for m in inc.mentions:  # those with done acts, so only such incidents need reading
                if m.document.id in documents:
                    siblings[m.document.id].append(m.event)
    skip = not_committing_sectors()
    commitments = []
    for inc, by_kind in pledged:
        # no identified party: kept as an unidentified one only when the reports name somebody
        # ("the rebels"); a pledge with no pledger at all ("a chance for the truce") is no commitment
        grades = [g for g in inc.parties if g.sector not in skip] or \
            ([None] if not inc.parties and inc.unidentified_actors else [])
        for name, mentions in by_kind.items():
            for grade in grades:
                commitments.append(_commitment(inc, kind_named(name), mentions, grade, siblings))
    return sorted(commitments, key=lambda c: (c.starts.at, c.id))
