"""Which event mentions fusion could ever compare, found per blocking partition.

Fusion (`trucewatch.incidents.fusion`) files each incident under blocks (act family, status
group, week, place key) and lets a mention look only in the blocks it queries; it then compares
the mention with each incident's anchor (`anchor_fit`) before looking at anything else. So two
mentions can influence each other only through a chain of pairs that share a block, one querying
what the other would be filed under, and pass `anchor_fit`. The connected parts of that graph
can be fused apart, in parallel, and give exactly the incidents of one process.

Steps (all arrays, no Python object per pair):
  `sketch`       per partition of mentions: each mention's numbers for `anchor_fit` and its
                 blocks, routed to edge buckets by (family, group, month-ish of weeks)
  `bucket_parts` per edge bucket: the pairs inside each block, then connected parts (scipy)
  `join_parts`   on the client: parts that share a mention are joined (the cross-partition
                 edges), giving one component number per mention
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from trucewatch.incidents.fusion import block_keys
from trucewatch.incidents.geo import EARTH_RADIUS_KM

WEEKS_PER_ROUTE = 4  # a mention's blocks mostly lie in one or two consecutive weeks: keep them together
PLACE_SLACK_KM = 1e-3  # floating-point slack: an extra pair costs nothing, a missed one would
MAX_PAIRS = 4_000_000  # pairs compared per numpy step, to bound memory in crowded blocks
QUERY, FILE = 0, 1  # a mention looks in a block / an anchor is filed under it
PARTITION_BITS = 32


def stable_code(value) -> int:
    """A 64-bit number for a key, the same in every process (Python's hash() is salted)."""
    digest = hashlib.blake2b(repr(value).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _text_code(value: str | None) -> int:
    return stable_code(value) if value else 0


@dataclass
class Sketch:
    """Rows of mentions (what `anchor_fit` reads) and their block entries, as arrays."""

    gid: list = field(default_factory=list)
    dated: list = field(default_factory=list)
    lo: list = field(default_factory=list)
    hi: list = field(default_factory=list)
    fine: list = field(default_factory=list)
    lat: list = field(default_factory=list)
    lon: list = field(default_factory=list)
    radius: list = field(default_factory=list)
    country: list = field(default_factory=list)
    admin1: list = field(default_factory=list)
    admin1_level: list = field(default_factory=list)
    entries: list = field(default_factory=list)  # (block code, row, QUERY or FILE)

    def add_row(self, gid: int, p) -> int:
        self.gid.append(gid)
        self.dated.append(p.lo is not None)
        self.lo.append(p.lo if p.lo is not None else 0)
        self.hi.append(p.hi if p.hi is not None else 0)
        self.fine.append(p.fine)
        self.lat.append(p.lat if p.fine else 0.0)
        self.lon.append(p.lon if p.fine else 0.0)
        self.radius.append(p.radius)
        self.country.append(_text_code(p.country))
        self.admin1.append(_text_code(p.admin1.casefold() if p.admin1 else None))
        self.admin1_level.append(p.place_precision == "admin1")
        return len(self.gid) - 1

    def frozen(self) -> dict[str, np.ndarray]:
        types = {"gid": np.int64, "dated": bool, "lo": np.int64, "hi": np.int64, "fine": bool,
                 "lat": np.float64, "lon": np.float64, "radius": np.float64, "country": np.int64,
                 "admin1": np.int64, "admin1_level": bool}
        arrays = {name: np.asarray(getattr(self, name), dtype=kind) for name, kind in types.items()}
        entries = np.asarray(self.entries, dtype=np.int64).reshape(-1, 3)
        arrays.update(key=entries[:, 0].copy(), row=entries[:, 1].copy(), role=entries[:, 2].astype(np.int8))
        return arrays


def gid_of(partition: int, index: int) -> int:
    return (partition << PARTITION_BITS) | index


def sketch(prepared: list, partition: int, buckets: int) -> dict[int, dict[str, np.ndarray]]:
    """Edge bucket -> the arrays of the mentions (in `prepared` order) with blocks routed there."""
    parts: dict[int, Sketch] = {}
    known: dict[tuple, tuple[int, int]] = {}  # block -> (code, bucket): neighbours share blocks
    for index, p in enumerate(prepared):
        rows: dict[int, int] = {}
        for role, keys in ((QUERY, block_keys(p, query=True)), (FILE, block_keys(p, query=False))):
            for key in keys:
                entry = known.get(key)
                if entry is None:
                    family, group, week, _ = key
                    route = stable_code((family, group, week // WEEKS_PER_ROUTE)) % buckets
                    entry = known[key] = (stable_code(key), route)
                code, bucket = entry
                part = parts.get(bucket)
                if part is None:
                    part = parts[bucket] = Sketch()
                row = rows.get(bucket)
                if row is None:
                    row = rows[bucket] = part.add_row(gid_of(partition, index), p)
                part.entries.append((code, row, role))
    return {bucket: part.frozen() for bucket, part in parts.items()}


def _concatenate(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    rows = {name: np.concatenate([part[name] for part in parts])
            for name in parts[0] if name not in ("key", "row", "role")}
    offsets = np.cumsum([0] + [len(part["gid"]) for part in parts[:-1]])
    rows["key"] = np.concatenate([part["key"] for part in parts])
    rows["row"] = np.concatenate([part["row"] + offset for part, offset in zip(parts, offsets)])
    rows["role"] = np.concatenate([part["role"] for part in parts])
    return rows


def may_pair(a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """`anchor_fit(row i, row j) is not None`, or True where floating point leaves doubt: the
    matrix of len(i) x len(j). Mirrors incidents.fusion.anchor_fit (families and groups are
    equal inside a block)."""
    ci, cj = i[:, None], j[None, :]
    dated = a["dated"]
    ok = dated[ci] == dated[cj]
    both = dated[ci] & dated[cj]
    ok &= ~both | ((a["lo"][ci] <= a["hi"][cj]) & (a["lo"][cj] <= a["hi"][ci]))
    fine = a["fine"][ci] & a["fine"][cj]
    near = _distance_km(a, ci, cj) <= a["radius"][ci] + a["radius"][cj] + PLACE_SLACK_KM
    country_i, country_j = a["country"][ci], a["country"][cj]
    same_country = (country_i == 0) | (country_j == 0) | (country_i == country_j)
    admin_i, admin_j = a["admin1"][ci], a["admin1"][cj]
    admin_level = a["admin1_level"][ci] | a["admin1_level"][cj]
    same_admin = ~admin_level | (admin_i == 0) | (admin_j == 0) | (admin_i == admin_j)
    return ok & np.where(fine, near, same_country & same_admin)


def _distance_km(a: dict[str, np.ndarray], ci: np.ndarray, cj: np.ndarray) -> np.ndarray:
    """Haversine, as incidents.geo.haversine_km, over a matrix of pairs."""
    lat1, lat2 = np.radians(a["lat"][ci]), np.radians(a["lat"][cj])
    dlat = lat2 - lat1
    dlon = np.radians(a["lon"][cj] - a["lon"][ci])
    h = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def bucket_parts(*parts: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(gid, part label) for every mention row of one edge bucket: mentions joined by a pair
    that may fuse, inside any block of the bucket, share a label."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    parts = [part for part in parts if part is not None and len(part["gid"])]
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a = _concatenate(parts)
    order = np.lexsort((a["role"], a["key"]))
    keys, rows, roles = a["key"][order], a["row"][order], a["role"][order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    sources, targets = [], []
    for start, end in zip(starts, ends):
        if roles[start] != QUERY or roles[end - 1] != FILE:
            continue  # nobody looks here, or nothing is filed here
        split = start + int(np.searchsorted(roles[start:end], FILE))
        looking, filed = rows[start:split], rows[split:end]
        step = max(1, MAX_PAIRS // len(filed))
        for first in range(0, len(looking), step):
            i = looking[first:first + step]
            pairs = may_pair(a, i, filed) & (i[:, None] != filed[None, :])
            qi, fj = np.nonzero(pairs)
            if len(qi):
                sources.append(i[qi])
                targets.append(filed[fj])
    count = len(a["gid"])
    if sources:
        src, dst = np.concatenate(sources), np.concatenate(targets)
    else:
        src = dst = np.zeros(0, np.int64)
    graph = coo_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    return a["gid"], labels.astype(np.int64)


def join_parts(results: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """(gids sorted, component per gid): parts of different buckets that share a mention are
    one component; a mention's parts are the cross-partition edges joined here."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    results = [(gids, labels) for gids, labels in results if len(gids)]
    if not results:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    gids, inverse = np.unique(np.concatenate([g for g, _ in results]), return_inverse=True)
    label_nodes, offset = [], len(gids)
    for _, labels in results:
        label_nodes.append(labels + offset)
        offset += int(labels.max()) + 1
    nodes = np.concatenate(label_nodes)
    graph = coo_matrix((np.ones(len(nodes), dtype=np.int8), (inverse, nodes)), shape=(offset, offset))
    _, components = connected_components(graph, directed=False)
    return gids, components[:len(gids)].astype(np.int64)
