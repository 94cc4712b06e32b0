"""Who did it, graded on Airwars' scale, kept apart from whether the act itself is disputed.

Confirmed: the party itself accepts responsibility (its own claim of responsibility, or its own
statement or confirmation naming itself). Fair: two or more independent sources attribute it.
Weak: a single source. Contested: a denial, or sources naming different perpetrators.
Discounted: every source that attributed it retracted.
Only actors the dictionary resolved are graded; unresolved wording ("who", "fighters") is listed
by `unidentified_actors` and never becomes a party.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .actors import actor_key, party_label, same_key, value_key
from .model import Mention, PartyGrade, SourceReport

GRADE_ORDER = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]
SELF_STANCES = {"claims_responsibility", "confirms", "asserts"}  # said of itself, they accept responsibility


@dataclass
class _Evidence:
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    clusters: set[int] = field(default_factory=set)
    sources: dict[str, SourceReport] = field(default_factory=dict)
    confirmed: list[str] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)
    disputed: list[str] = field(default_factory=list)
    retracted_clusters: set[int] = field(default_factory=set)

    def fill_identity(self, name: str | None, country: str | None, sector: str | None) -> None:
        """Keep the first name, country and sector any report gave the actor."""
        self.name = self.name or name
        self.country = self.country or country
        self.sector = self.sector or sector


def _initiators(mention: Mention):
    return [a for a in mention.event.actors if a.role != "target"]


def unidentified_actors(mentions: list[Mention]) -> list[str]:
    """Initiators as written when the dictionary did not resolve them ("gunmen", "its aircraft")."""
    seen: dict[str, str] = {}
    for m in mentions:
        for actor in _initiators(m):
            text = " ".join(actor.text.split())
            if text and actor_key(actor.name, actor.country, actor.sector, actor.text) is None:
                seen.setdefault(text.casefold(), text)
    return list(seen.values())


def grade_parties(mentions: list[Mention], clusters: dict[str, int]) -> list[PartyGrade]:
    """One PartyGrade per identified actor that any source names as (possible) perpetrator."""
    registry: dict[str, _Evidence] = {}
    per_cluster: dict[int, set[str]] = defaultdict(set)

    def canonical(key: str) -> str:
        return next((known for known in registry if same_key(known, key)), key)

    def entry(key: str) -> _Evidence:
        return registry.setdefault(canonical(key), _Evidence())

    def attribute(key: str, mention: Mention, cluster: int) -> None:
        key = canonical(key)
        ev = registry.setdefault(key, _Evidence())
        ev.clusters.add(cluster)
        ev.sources.setdefault(mention.document.id, SourceReport(mention.document.id, mention.outlet, cluster))
        per_cluster[cluster].add(key)

    for m in mentions:
        cluster = clusters.get(m.document.id, 0)
        for actor in _initiators(m):
            key = actor_key(actor.name, actor.country, actor.sector, actor.text)
            if not key:
                continue
            attribute(key, m, cluster)
            entry(key).fill_identity(actor.name, actor.country, actor.sector)
    # claims second, so a claim naming an actor ("Syria") meets the key its reports gave it (SYR)
    for m in mentions:
        cluster = clusters.get(m.document.id, 0)
        for claim in m.event.claims:
            _grade_claim(claim, m, cluster, canonical, entry, attribute, registry, per_cluster)

    grades = []
    for key, ev in registry.items():
        if not ev.clusters and not ev.confirmed:
            continue  # denied or disputed, but no source ever named it: not a party to this incident
        standing = ev.clusters - ev.retracted_clusters
        competitors = _competitors(key, per_cluster)
        reasons: list[str] = []
        if ev.retracted_clusters and not standing and not ev.confirmed:
            grade = "Discounted"
            reasons.append("every source that attributed it retracted")
        elif ev.confirmed:
            grade = "Confirmed"
            reasons += ev.confirmed
        elif ev.denied or ev.disputed or competitors:
            grade = "Contested"
            reasons += ev.denied + ev.disputed
            if competitors:
                reasons.append("other sources name " + ", ".join(party_label(c) for c in sorted(competitors)))
        elif len(standing) >= 2:
            grade = "Fair"
            reasons.append(f"{len(standing)} independent sources attribute it")
        else:
            grade = "Weak"
            reasons.append("a single source attributes it")
        sources = [s for s in ev.sources.values() if s.cluster in standing]
        state = key if party_label(key) != key else None
        grades.append(PartyGrade(key, ev.name, state or ev.country, ev.sector, grade, len(standing), sources,
                                 reasons, label=party_label(key)))
    grades.sort(key=lambda g: (GRADE_ORDER.index(g.grade), g.party))
    return grades


def _grade_claim(claim, m: Mention, cluster: int, canonical, entry, attribute, registry, per_cluster) -> None:
    """Fold one claim into the evidence: attributions, confirmations, denials, disputes, retractions."""
    c = claim.claimant
    claimant = actor_key(c.name, c.country, c.sector, c.text)
    value = value_key(claim.value)
    where = f"{m.outlet}: {claim.stance.replace('_', ' ')} ({claim.about})"
    if claim.stance == "claims_responsibility" or (
            claim.stance in SELF_STANCES and claim.about == "perpetrator" and claimant and same_key(claimant, value)):
        if claimant:
            # only the claimant can accept responsibility; a different value is not its to accept
            attribute(claimant, m, cluster)
            ev = entry(claimant)
            ev.fill_identity(c.name, c.country, c.sector)
            ev.confirmed.append(f"{where}: {c.text} accepted responsibility")
        elif value:
            # an unresolved claimant ("the group") cannot confirm; what it says is one attribution
            attribute(value, m, cluster)
        return
    if claim.about not in ("perpetrator", "occurrence"):
        return
    if claim.stance in ("accuses", "asserts", "confirms") and claim.about == "perpetrator" and value:
        attribute(value, m, cluster)
    elif claim.stance == "denies":
        if claim.about == "perpetrator" and value:
            entry(value).denied.append(f"{where}: {c.text} denied it")
        elif claimant and canonical(claimant) in registry:
            # a named perpetrator denying the act contests its attribution; anyone else's
            # denial of the act is an act dispute only (see act_dispute)
            registry[canonical(claimant)].denied.append(f"{where}: {c.text} denied it")
    elif claim.stance == "disputes" and claim.about == "perpetrator":
        party = value or claimant
        if party:
            entry(party).disputed.append(f"{where}: {c.text} disputed who did it")
    elif claim.stance == "retracts" and claim.about == "perpetrator":
        for party in ([value] if value else list(per_cluster.get(cluster, ()))):
            entry(party).retracted_clusters.add(cluster)


def _competitors(key: str, per_cluster: dict[int, set[str]]) -> set[str]:
    """Parties named by other sources as the perpetrator, never alongside this one."""
    together: set[str] = set()
    others: set[str] = set()
    for parties in per_cluster.values():
        if key in parties:
            together |= parties
        else:
            others |= parties
    return others - together if together else set()  # never named by any source: no competitors


AGAINST = ("denies", "disputes", "retracts")


def attesting_sources(mentions: list[Mention], clusters: dict[str, int]) -> int:
    """Independent sources that report the act in their own words: a report whose only claims
    are denials or counter-accounts and that names no doer and no toll ("officials said it was
    an accidental fire") attests nothing; one that tells the act, even beside a denial, does."""
    attesting = set()
    for m in mentions:
        claims = m.event.claims
        only_against = bool(claims) and all(claim.stance in AGAINST for claim in claims)
        if _initiators(m) or m.event.fatalities or m.event.injured or not only_against:
            attesting.add(clusters.get(m.document.id, 0))
    return len(attesting)


def act_dispute(mentions: list[Mention], accused: set[str] | frozenset[str] = frozenset(),
                independent_sources: int = 1) -> list[str]:
    """Reasons to doubt the act itself happened as described (separate from who did it).

    A denial or counter-account by a party accused of the act (`accused`: the graded parties'
    keys) is that party's word about its own role: it contests the attribution (see
    `grade_parties`) but does not make the act doubtful once two or more independent sources
    attest it (`independent_sources`, counted by `attesting_sources`). With one, it still does.
    """
    reasons = []
    for m in mentions:
        for claim in m.event.claims:
            c = claim.claimant
            claimant = actor_key(c.name, c.country, c.sector, c.text)
            if independent_sources >= 2 and claimant and any(same_key(claimant, key) for key in accused):
                continue
            if claim.about == "occurrence" and claim.stance in AGAINST:
                reasons.append(f"{m.outlet}: {claim.claimant.text} {claim.stance} that it happened")
            elif claim.about == "type" and claim.stance in ("denies", "disputes"):
                alt = f" (says: {claim.value})" if claim.value else ""
                reasons.append(f"{m.outlet}: {claim.claimant.text} disputes what happened{alt}")
    types = sorted({m.event.type for m in mentions})
    if len(types) > 1:
        reasons.append("reports describe it as " + " / ".join(types))
    return reasons
