"""Cross-report fusion: which event mentions describe the same real-world incident.

Mentions are blocked by act family, week bucket and a coarse grid cell (or country for coarse
places), so no two mentions are compared unless they could plausibly match. Each mention then
joins the best compatible incident or starts a new one; precise mentions go first, so a vague
report attaches to one precise incident instead of chaining several together.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from math import floor

from .actors import actor_key
from .families import family_of, tolerances
from .geo import haversine_km
from .model import Mention

TIME_RANK = {"day": 0, "days": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}
PLACE_RANK = {"exact": 0, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4,
              "country": 5, "region": 6, "unknown": 7}
STATUS_GROUP = {"occurred": "real", "ongoing": "real", "negated": "negated",
                "planned": "intended", "hypothetical": "intended"}
COMBATANT_SECTORS = {"MIL", "COP", "REB", "SPY"}
CELL_DEGREES = 1.0
WEEK = 7


@dataclass
class _Prepared:
    mention: Mention
    family: str
    group: str
    lo: int | None  # ordinal days, tolerance included
    hi: int | None
    raw_lo: int | None
    raw_hi: int | None
    time_precision: str
    lat: float | None
    lon: float | None
    radius: float
    place_precision: str
    country: str | None
    admin1: str | None
    fine: bool
    initiators: frozenset[str]
    target_kinds: frozenset[str] = frozenset()  # "protected" and/or "combatant"

    def order(self) -> tuple:
        return (TIME_RANK.get(self.time_precision, 9), PLACE_RANK.get(self.place_precision, 9),
                self.raw_lo if self.raw_lo is not None else 10**9, self.mention.sort_key())


@dataclass
class _Cluster:
    anchor: _Prepared  # the most precise member: its time and place stand for the incident
    members: list[_Prepared] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    initiators: set[str] = field(default_factory=set)
    target_kinds: set[str] = field(default_factory=set)

    def add(self, p: _Prepared) -> None:
        self.members.append(p)
        self.documents.add(p.mention.document.id)
        self.initiators |= p.initiators
        self.target_kinds |= p.target_kinds


def _prepare(m: Mention, time_tol: dict, radius: dict, coarse: set) -> _Prepared:
    e = m.event
    tp = e.when.precision
    if tp == "unknown":
        lo = hi = raw_lo = raw_hi = None
    else:
        raw_lo, raw_hi = e.when.start.toordinal(), e.when.end.toordinal()
        tol = int(time_tol.get(tp, 1))
        lo, hi = raw_lo - tol, raw_hi + tol
    loc = e.location
    pp = loc.precision if loc else "unknown"
    lat = loc.lat if loc else None
    lon = loc.lon if loc else None
    fine = lat is not None and lon is not None and pp not in coarse
    # only identified actors can contradict each other; "its aircraft" may well be "Syria"
    initiators = frozenset(
        k for a in e.actors if a.role != "target"
        for k in [actor_key(a.name, a.country, a.sector, a.text)] if k
    )
    return _Prepared(m, family_of(e.type), STATUS_GROUP.get(e.status, e.status), lo, hi, raw_lo, raw_hi,
                     tp, lat, lon, float(radius.get(pp, 3000)), pp,
                     loc.country if loc else None, loc.admin1 if loc else None, fine, initiators,
                     target_kinds(e))


def target_kinds(event) -> frozenset[str]:
    """What the act was aimed at, coarsely: protected people or places, and/or combatants."""
    kinds = set()
    for t in event.targets:
        if t.protected:
            kinds.add("protected")
        elif t.sector in COMBATANT_SECTORS:
            kinds.add("combatant")
    return frozenset(kinds)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return floor(lat / CELL_DEGREES), floor(lon / CELL_DEGREES)


def _weeks(p: _Prepared) -> range:
    if p.lo is None:
        return range(-1, 0)  # one "undated" bucket
    return range(p.lo // WEEK, p.hi // WEEK + 1)


def _place_keys(p: _Prepared, *, query: bool) -> list[tuple]:
    """Block keys: grid cells for precise places; province, then country, for coarse ones.

    An incident registers under its own keys; a mention queries every key an incident it could
    join may be registered under (neighbouring cells; coarse incidents of its province or country).
    """
    admin1 = p.admin1.casefold() if p.admin1 else None
    if p.fine:
        cx, cy = _cell(p.lat, p.lon)
        if query:
            keys = [("g", cx + dx, cy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)] + [("c", p.country)]
            return keys + ([("a", p.country, admin1)] if admin1 else [])
        return [("g", cx, cy), ("f", p.country)] + ([("fa", p.country, admin1)] if admin1 else [])
    if p.place_precision == "admin1" and admin1:
        if query:
            return [("fa", p.country, admin1), ("a", p.country, admin1), ("c", p.country)]
        return [("a", p.country, admin1), ("ac", p.country)]
    if query:
        return [("f", p.country), ("ac", p.country), ("c", p.country)]
    return [("c", p.country)]


def anchor_fit(p: _Prepared, a: _Prepared) -> tuple[float, float] | None:
    """(time gap in days, place cost) if `p` may join a cluster anchored at `a` as far as the two
    alone can tell, else None. Symmetric, and blind to the cluster's other members, so
    `trucewatch.scale` can rule out pairs of mentions before any cluster exists."""
    if p.group != a.group or p.family != a.family:
        return None
    if (p.lo is None) != (a.lo is None):
        return None
    time_gap = 0.0
    if p.lo is not None:
        if p.lo > a.hi or a.lo > p.hi:
            return None
        time_gap = max(0, max(p.raw_lo, a.raw_lo) - min(p.raw_hi, a.raw_hi))
    if p.fine and a.fine:
        distance = haversine_km(p.lat, p.lon, a.lat, a.lon)
        if distance > p.radius + a.radius:
            return None
        return time_gap, distance / (p.radius + a.radius)
    if p.country and a.country and p.country != a.country:
        return None
    if "admin1" in (p.place_precision, a.place_precision) and p.admin1 and a.admin1 \
            and p.admin1.casefold() != a.admin1.casefold():
        return None
    return time_gap, 1.0


def _compatible(p: _Prepared, c: _Cluster) -> float | None:
    """A cost (lower is closer) if the mention may join the cluster, else None."""
    a = c.anchor
    fit = anchor_fit(p, a)
    if fit is None:
        return None
    time_gap, place_cost = fit
    if p.mention.document.id in c.documents and not _same_act_in_one_document(p, c):
        return None
    if not (p.fine and a.fine) and p.country is None and a.country is None \
            and not (p.initiators & c.initiators):
        return None
    # actors and targets: naming different perpetrators, or a clinic where another report names an
    # army post, is allowed (a contested attribution or act) only when time and place agree tightly.
    tight_place = p.fine and a.fine and place_cost * (p.radius + a.radius) <= max(p.radius, a.radius)
    tight_time = p.time_precision == "day" and a.time_precision == "day" and time_gap == 0
    if p.target_kinds and c.target_kinds and not (p.target_kinds & c.target_kinds) \
            and not (tight_place and tight_time):
        return None
    if p.initiators and c.initiators and not (p.initiators & c.initiators):
        if not (tight_place and tight_time):
            return None
        actor_cost = 1.0
    else:
        actor_cost = 0.0 if p.initiators & c.initiators else 0.5
    return place_cost + time_gap + actor_cost


def _same_act_in_one_document(p: _Prepared, c: _Cluster) -> bool:
    """Two events of one document are one act only if they agree exactly on day and place.

    Extraction should give one event per act per document; this catches the act told twice in
    one report (say, once by the witnesses and once in the denial) without fusing two strikes
    the report tells apart by time or place.
    """
    for other in c.members:
        if other.mention.document.id != p.mention.document.id:
            continue
        if (other.raw_lo, other.raw_hi) != (p.raw_lo, p.raw_hi) or other.time_precision != p.time_precision:
            return False
        if p.initiators and other.initiators and not (p.initiators & other.initiators):
            return False
        if p.fine and other.fine:
            if haversine_km(p.lat, p.lon, other.lat, other.lon) > min(p.radius, other.radius):
                return False
        elif not _contains(p, other):
            return False
    return True


def _contains(p: _Prepared, q: _Prepared) -> bool:
    """One coarse place may hold the other: same country, and same province when both name one."""
    if p.country != q.country:
        return False
    if p.admin1 and q.admin1 and "admin1" in (p.place_precision, q.place_precision):
        return p.admin1.casefold() == q.admin1.casefold()
    return True


def prepare_mentions(mentions: list[Mention]) -> list[_Prepared]:
    """Each mention with what fusion compares, in the order fusion takes them (precise first)."""
    tol = tolerances()
    time_tol, radius = tol["time_tolerance_days"], tol["place_radius_km"]
    coarse = set(tol["coarse_place_precisions"])
    return sorted((_prepare(m, time_tol, radius, coarse) for m in mentions), key=_Prepared.order)


def block_keys(p: _Prepared, *, query: bool) -> list[tuple]:
    """The blocks (family, status group, week, place key) a mention looks in (`query`) or, as an
    incident's anchor, is filed under; in the order fusion looks, which breaks ties."""
    return [(p.family, p.group, week, place)
            for week in _weeks(p) for place in _place_keys(p, query=query)]


def cluster_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions into incidents; each group is sorted earliest mention first."""
    return [members for _, members in ordered_clusters(mentions)]


def ordered_clusters(mentions: list[Mention]) -> list[tuple[tuple, list[Mention]]]:
    """The incidents in the order fusion makes them, each with its anchor's place in that order
    (`_Prepared.order`), so incidents fused apart can be put back in one process's order."""
    return cluster_prepared(prepare_mentions(mentions))


def cluster_prepared(prepared: list[_Prepared]) -> list[tuple[tuple, list[Mention]]]:
    """`ordered_clusters` of mentions prepared already, given in fusion's order."""
    index: dict[tuple, list[int]] = defaultdict(list)
    clusters: list[_Cluster] = []
    for p in prepared:
        best, best_cost, seen = None, None, set()
        for key in block_keys(p, query=True):
            for ci in index.get(key, ()):
                if ci in seen:
                    continue
                seen.add(ci)
                cost = _compatible(p, clusters[ci])
                if cost is not None and (best_cost is None or cost < best_cost):
                    best, best_cost = ci, cost
        if best is None:
            clusters.append(_Cluster(anchor=p))
            best = len(clusters) - 1
            for key in block_keys(p, query=False):
                index[key].append(best)
        clusters[best].add(p)
    return [(c.anchor.order(), sorted((p.mention for p in c.members), key=Mention.sort_key))
            for c in clusters]


def summary_type(mentions: list[Mention]) -> str:
    """The act type most reports give (ties: the most precise report's)."""
    counts = Counter(m.event.type for m in mentions)
    top = max(counts.values())
    for m in sorted(mentions, key=lambda m: TIME_RANK.get(m.event.when.precision, 9)):
        if counts[m.event.type] == top:
            return m.event.type
    return mentions[0].event.type


def time_bounds(mentions: list[Mention]) -> tuple[date | None, date | None, str]:
    """The tightest interval all dated reports agree on (else the most precise report's)."""
    dated = [m.event.when for m in mentions if m.event.when.precision != "unknown"]
    if not dated:
        return None, None, "unknown"
    finest = min(dated, key=lambda w: (TIME_RANK.get(w.precision, 9), w.start))
    lo = max(w.start for w in dated)
    hi = min(w.end for w in dated)
    if lo <= hi:
        return lo, hi, finest.precision
    return finest.start, finest.end, finest.precision


def best_location(mentions: list[Mention]):
    located = [m.event.location for m in mentions if m.event.location is not None]
    if not located:
        return None
    return min(located, key=lambda loc: (PLACE_RANK.get(loc.precision, 9), loc.lat is None))
