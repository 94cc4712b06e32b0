"""From a phrase as written to an ActorRef: the phrase's head word decides what the actor is,
the words before it decide whose it is.

"Russian warplanes": head "warplanes" (MIL), owner "Russian" (RUS) -> Russia, RUS, MIL.
"government helicopters": no owner, but "government" says it is a state's -> the implied country.
"Lavrov" on 2016-03-01: a person whose role that day was RUS GOV; on 2030-01-01 only his name.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from trucewatch.actors.index import AliasIndex, Candidate, Hit
from trucewatch.actors.schema import Entry
from trucewatch.records import ActorRef

# A word after a name that makes the name a sponsor, not the owner ("Iranian-backed militias").
SPONSOR_WORDS = frozenset(
    "backed supported sponsored allied aligned affiliated linked funded trained armed made built "
    "equipped inspired based headquartered".split()
)
# A word before a title that says its holder no longer holds it: PLOVER's ELI (former elite).
FORMER_WORDS = frozenset("former ex ousted deposed toppled exiled late erstwhile".split())
# A word before a name that makes it the adversary, not the owner ("anti-Syria journalist").
OPPONENT_WORDS = frozenset({"anti", "counter", "against"})
# A preposition outside any name ends the head phrase: "forces of the Syrian government".
PREPOSITIONS = frozenset(
    "of in from at near on for with by against inside across around into to loyal over under "
    "outside between".split()
)
ARMED = frozenset({"MIL", "REB", "UAF"})
NON_STATE_ARMED = frozenset({"REB", "UAF", "OPP"})
STATE = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})


@dataclass(frozen=True)
class Reading:
    """What one matched name means on the given date."""

    entry: Entry
    kind: str
    name: str | None
    country: str | None
    sector: str | None
    protected: bool
    implies_state: bool


def as_date(on: date | str | None) -> date | None:
    if on is None or isinstance(on, date):
        return on.date() if hasattr(on, "hour") else on
    return date.fromisoformat(str(on)[:10])


def _role_on(entry: Entry, on: date | None):
    if on is None:
        return None
    return next((role for role in entry.roles if role.holds_on(on)), None)


def read(candidate: Candidate, on: date | None, implied: str | None) -> Reading:
    entry = candidate.entry
    country, sector = entry.country, entry.sector
    if entry.kind == "country":
        sector = candidate.sector if candidate.how == "metonym" else None
    elif entry.kind == "person":
        country, sector = None, None  # a person is their office only while holding it
    role = _role_on(entry, on)
    if role is not None:
        country, sector = role.country, role.sector
    if country is None and implied and implied in entry.operates_in:
        country = implied
    return Reading(entry, entry.kind, entry.name, country, sector, entry.protected, entry.implies_state)


def choose(hit: Hit, on: date | None, implied: str | None) -> Reading:
    """Among entries sharing an alias, prefer one in a role on the date ("Assad" in 1990 is
    Hafez, in 2016 Bashar), then one active in the implied country ("coalition" in Yemen)."""
    readings = [read(c, on, implied) for c in hit.candidates]
    if len(readings) > 1 and on is not None:
        in_role = [r for r in readings if _role_on(r.entry, on) is not None]
        readings = in_role + [r for r in readings if r not in in_role]
    if implied:
        for reading in readings:
            if reading.country == implied or implied in reading.entry.operates_in:
                return reading
    return readings[0]


def _split(tokens, hits: list[Hit]) -> tuple[list[Hit], list[Hit], set[int], set[int]]:
    """Hits of the head phrase, hits after a free preposition, sponsors and 'pro-' aligned."""
    covered = {i for hit in hits for i in range(hit.first, hit.last)}
    cut = next((i for i, t in enumerate(tokens) if t.key in PREPOSITIONS and i not in covered), None)
    main = [h for h in hits if cut is None or h.last <= cut]
    after = [h for h in hits if cut is not None and h.first > cut]
    if not main:
        main, after = after, []
    sponsors = {id(h) for h in hits if h.last < len(tokens) and tokens[h.last].key in SPONSOR_WORDS}
    sponsors |= {id(h) for h in hits if h.first > 0 and tokens[h.first - 1].key in OPPONENT_WORDS}
    aligned = {id(h) for h in hits if h.first > 0 and tokens[h.first - 1].key == "pro"}
    return main, after, sponsors, aligned


def resolve_phrase(index: AliasIndex, text: str, on: date | None, implied: str | None,
                   country_names: dict[str, str]) -> ActorRef | None:
    tokens, hits = index.scan(text)
    hits = _drop_common_names_after_modifiers(hits)
    if not hits:
        return None
    main, after, sponsors, aligned = _split(tokens, hits)
    heads = [h for h in main if id(h) not in sponsors and id(h) not in aligned]
    if not heads:
        return None  # only sponsors ("Iranian-backed"): nothing says who the actor is
    head_hit = heads[-1]
    head = choose(head_hit, on, implied)
    modifiers = [choose(h, on, implied) for h in main
                 if h is not head_hit and id(h) not in sponsors and id(h) not in aligned]
    modifiers += [choose(h, on, implied) for h in after if id(h) not in sponsors]
    allies = [choose(h, on, implied) for h in main if id(h) in aligned]
    if head.kind == "term":
        result = _compose(head, modifiers, allies, implied, country_names)
        if head.sector == "GOV" and _former(tokens, main):
            result = replace(result, sector="ELI")
    elif (head.kind == "person" and head.sector is None and (on is None or not head.entry.roles)
          and any(m.kind == "term" for m in modifiers)):
        result = _titled_person(head, modifiers, allies, implied, country_names, _former(tokens, main))
    else:
        result = _named_head(head, head_hit, modifiers)
    return ActorRef(text=text, name=result.name, country=result.country, sector=result.sector,
                    protected=True if result.protected else None)


def _former(tokens, main: list[Hit]) -> bool:
    """ "former president", "ex-minister": a former word right before a hit of the head phrase."""
    return any(h.first > 0 and tokens[h.first - 1].key in FORMER_WORDS for h in main)


def _titled_person(head: Reading, modifiers: list[Reading], allies: list[Reading],
                   implied: str | None, country_names: dict[str, str], former: bool) -> Reading:
    """A person with no role on the date (or no date) but a title in front ("U.N.
    Secretary-General Kofi Annan"): the title, read like any phrase, says who they act for."""
    title_at = max(i for i, m in enumerate(modifiers) if m.kind == "term")
    title = _compose(modifiers[title_at], modifiers[:title_at], allies, implied, country_names)
    return replace(title, name=head.name, sector="ELI" if former and title.sector == "GOV" else title.sector)


def _drop_common_names_after_modifiers(hits: list[Hit]) -> list[Hit]:
    """ "the opposition coalition" is not the US-led coalition: a named actor known by a common
    word ("coalition") is that actor only when nothing in front of it qualifies the word."""
    kept = []
    for hit in hits:
        if kept and kept[-1].last == hit.first:
            hit = replace(hit, candidates=tuple(c for c in hit.candidates if not c.common))
        if hit.candidates:
            kept.append(hit)
    return kept


def _named_head(head: Reading, head_hit: Hit, modifiers: list[Reading]) -> Reading:
    """A named head keeps its identity; a people's or nationals' head takes a country in front
    ("Iraqi Kurds", "Bosnian Serbs"); nationals in the plural ("Syrians") are civilians."""
    plural = any(c.plural for c in head_hit.candidates if c.entry is head.entry)
    country_in_front = next((m for m in reversed(modifiers) if m.kind == "country"), None)
    if head.kind == "people" and country_in_front is not None:
        return replace(head, country=country_in_front.country)
    if head.kind == "country" and plural:
        owner = country_in_front or head
        return replace(head, name=owner.name, country=owner.country, sector="CVL")
    return head


def _owner(modifiers: list[Reading]) -> Reading | None:
    """The nearest named modifier; a people ("Kurdish") only when no state or body is named."""
    named = [m for m in modifiers if m.kind != "term"]
    return next((m for m in reversed(named) if m.kind != "people"), named[-1] if named else None)


def _compose(head: Reading, modifiers: list[Reading], allies: list[Reading], implied: str | None,
             country_names: dict[str, str]) -> Reading:
    """A generic head word ("forces", "hospital") takes its owner from the words before it."""
    owner = _owner(modifiers)
    terms = [m for m in modifiers if m.kind == "term"]
    result = head
    if owner is not None:
        result = _owned(head, owner, implied, country_names)
    armed_term = next((m for m in terms if m.sector in ARMED), None)
    if armed_term is not None and head.protected and head.sector == "AID":
        # "a rebel convoy", "an army truck": armed owners' transport is not humanitarian
        result = replace(result, sector=armed_term.sector, protected=False)
    armed_modifier = next((m for m in terms if m.sector in NON_STATE_ARMED), None)
    if armed_modifier and not head.protected and (owner is None or owner.kind in ("country", "people")):
        if head.sector in ARMED:
            result = replace(result, sector="REB" if armed_modifier.sector == "OPP" else armed_modifier.sector)
        elif head.sector == "GOV" and not head.implies_state:  # "rebel spokesman", "opposition leader"
            result = replace(result, sector=armed_modifier.sector)
    if owner is None:
        state_ally = next((a for a in allies if a.sector == "GOV" or a.implies_state), None)
        if state_ally is not None and head.sector in ARMED:
            country = state_ally.country or implied
            result = replace(result, sector="MIL", country=country, name=country_names.get(country))
        elif result.sector in STATE and (head.implies_state or any(m.implies_state for m in terms)):
            result = replace(result, country=implied, name=country_names.get(implied))
    return result


def _owned(head: Reading, owner: Reading, implied: str | None, country_names: dict[str, str]) -> Reading:
    if owner.kind == "country":
        return replace(head, name=owner.name, country=owner.country)
    if owner.kind == "people":  # "Kurdish forces": no state; armed members are UAF
        sector = "UAF" if head.sector in ARMED else head.sector
        return replace(head, country=implied, sector=sector, name=None)
    if owner.kind == "person":
        if owner.country is None:
            return head
        sector = owner.sector if owner.sector in NON_STATE_ARMED else head.sector
        return replace(head, name=country_names.get(owner.country), country=owner.country, sector=sector)
    if owner.kind == "organisation":  # "UN officials" IGO, "UN peacekeepers" MIL, "UN aid convoy" AID
        sector = head.sector if head.protected or head.sector in ARMED else owner.sector
        return replace(head, name=owner.name, country=owner.country, sector=sector)
    # groups and militaries: "Hezbollah fighters", "Taliban spokesman" are the group itself
    sector = head.sector if head.protected else owner.sector
    return replace(head, name=owner.name, country=owner.country, sector=sector)
