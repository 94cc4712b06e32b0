"""Who did it, graded on Airwars' scale, kept apart from whether the act itself is disputed.

Confirmed: the party accepts responsibility. Fair: two or more independent sources attribute it.
Weak: a single source. Contested: a denial, or sources naming different perpetrators.
Discounted: every source that attributed it retracted.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .actors import actor_key, identified, same_key, value_key
from .model import Mention, PartyGrade, SourceReport

GRADE_ORDER = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]


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
    identified: bool = False  # named by the dictionary or by a claim's value, not just "gunmen"


def _canonical(key: str, registry: dict[str, _Evidence]) -> str:
    """The registered key this one names: same key, or the actor's dictionary name ("Syria" -> SYR)."""
    for known, ev in registry.items():
        if same_key(known, key) or same_key(ev.name, key):
            return known
    return key


def grade_parties(mentions: list[Mention], clusters: dict[str, int]) -> list[PartyGrade]:
    """One PartyGrade per actor named as (possible) perpetrator in any mention."""
    registry: dict[str, _Evidence] = {}
    per_cluster: dict[int, set[str]] = defaultdict(set)

    def entry(key: str) -> tuple[str, _Evidence]:
        key = _canonical(key, registry)
        return key, registry.setdefault(key, _Evidence())

    def attribute(key: str, mention: Mention, cluster: int, *, named: bool = False) -> None:
        key, ev = entry(key)
        ev.identified = ev.identified or named
        ev.clusters.add(cluster)
        ev.sources.setdefault(mention.document.id, SourceReport(mention.document.id, mention.outlet, cluster))
        per_cluster[cluster].add(key)

    for m in mentions:
        cluster = clusters.get(m.document.id, 0)
        for actor in m.event.actors:
            if actor.role == "target":
                continue
            key = actor_key(actor.name, actor.country, actor.sector, actor.text)
            if not key:
                continue
            attribute(key, m, cluster)
            _, ev = entry(key)
            ev.identified = ev.identified or identified(actor.name, actor.country)
            ev.name = ev.name or actor.name
            ev.country = ev.country or actor.country
            ev.sector = ev.sector or actor.sector
    # claims second, so a claim naming an actor ("Syria") meets the key its reports gave it (SYR)
    for m in mentions:
        cluster = clusters.get(m.document.id, 0)
        for claim in m.event.claims:
            c = claim.claimant
            claimant = actor_key(c.name, c.country, c.sector, c.text)
            value = value_key(claim.value)
            where = f"{m.outlet}: {claim.stance} ({claim.about})"
            if claim.stance == "claims_responsibility":
                party = value or claimant
                if party:
                    attribute(party, m, cluster, named=bool(value or c.name or c.country))
                    entry(party)[1].confirmed.append(f"{where}: {c.text} claimed responsibility")
                continue
            if claim.about not in ("perpetrator", "occurrence"):
                continue
            if claim.stance in ("accuses", "asserts", "confirms") and claim.about == "perpetrator" and value:
                attribute(value, m, cluster, named=True)
                if claim.stance == "confirms" and same_key(claimant, value):
                    entry(value)[1].confirmed.append(f"{where}: {c.text} confirmed its own role")
            elif claim.stance == "confirms" and claim.about == "occurrence" and claimant:
                key = _canonical(claimant, registry)
                if key in registry and registry[key].clusters:
                    registry[key].confirmed.append(f"{where}: {c.text} confirmed the act")
            elif claim.stance == "denies":
                if claim.about == "perpetrator" and value:
                    entry(value)[1].denied.append(f"{where}: {c.text} denied it")
                elif claimant and _canonical(claimant, registry) in registry:
                    # a named perpetrator denying the act contests its attribution; anyone else's
                    # denial of the act is an act dispute only (see act_dispute)
                    registry[_canonical(claimant, registry)].denied.append(f"{where}: {c.text} denied it")
            elif claim.stance == "disputes" and claim.about == "perpetrator":
                party = value or claimant
                if party:
                    entry(party)[1].disputed.append(f"{where}: {c.text} disputed who did it")
            elif claim.stance == "retracts" and claim.about == "perpetrator":
                targets = [value] if value else list(per_cluster.get(cluster, ()))
                for party in targets:
                    entry(party)[1].retracted_clusters.add(cluster)

    grades = []
    for key, ev in registry.items():
        standing = ev.clusters - ev.retracted_clusters
        named = {k for k, e in registry.items() if e.identified}
        competitors = _competitors(key, per_cluster, named) if ev.identified else set()
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
                reasons.append("other sources name " + ", ".join(sorted(competitors)))
        elif len(standing) >= 2:
            grade = "Fair"
            reasons.append(f"{len(standing)} independent sources attribute it")
        else:
            grade = "Weak"
            reasons.append("a single source attributes it")
        sources = [s for s in ev.sources.values() if s.cluster in standing]
        grades.append(PartyGrade(key, ev.name, ev.country if ev.country else (key if len(key) == 3 and key.isupper() else None),
                                 ev.sector, grade, len(standing), sources, reasons))
    grades.sort(key=lambda g: (GRADE_ORDER.index(g.grade), g.party))
    return grades


def _competitors(key: str, per_cluster: dict[int, set[str]], named: set[str]) -> set[str]:
    """Identified parties named by other sources as the perpetrator, never alongside this one."""
    together: set[str] = set()
    others: set[str] = set()
    for parties in per_cluster.values():
        parties = parties & named
        if key in parties:
            together |= parties
        else:
            others |= parties
    if not any(key in p for p in per_cluster.values()):
        return set()
    return others - together


def act_dispute(mentions: list[Mention]) -> list[str]:
    """Reasons to doubt the act itself happened as described (separate from who did it)."""
    reasons = []
    for m in mentions:
        for claim in m.event.claims:
            if claim.about == "occurrence" and claim.stance in ("denies", "disputes", "retracts"):
                reasons.append(f"{m.outlet}: {claim.claimant.text} {claim.stance} that it happened")
            elif claim.about == "type" and claim.stance in ("denies", "disputes"):
                alt = f" (says: {claim.value})" if claim.value else ""
                reasons.append(f"{m.outlet}: {claim.claimant.text} disputes what happened{alt}")
    types = sorted({m.event.type for m in mentions})
    if len(types) > 1:
        reasons.append("reports describe it as " + " / ".join(types))
    return reasons
