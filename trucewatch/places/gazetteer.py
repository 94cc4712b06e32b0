"""Name lookup over the SQLite index: exact keys, transliteration skeletons, then fuzzy keys.

Opening costs one SQLite connection (no data is loaded into memory), so the gazetteer is ready in
milliseconds; lookups are cached because stories repeat their place names.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from functools import lru_cache

from rapidfuzz import fuzz, process

from trucewatch.places.index import COUNTY_STEM, DEMONYM, PRIMARY, ensure_index
from trucewatch.places.model import Place
from trucewatch.places.names import name_key, skeleton

_COLUMNS = ("rowid, id, name, asciiname, fclass, fcode, population, country, country3, admin1, "
            "admin2, lat, lon, precision, source, note, within")
# Match strength by how the name was found.
EXACT_PRIMARY, EXACT_ALTERNATE = 1.0, 0.96
EXACT_COUNTY_STEM = 0.9  # "Gwinnett" for Gwinnett County: a short form, weaker than a real name
SKELETON_LONG, SKELETON_SHORT = 0.86, 0.8
FUZZY_CUTOFF = 87  # rapidfuzz ratio on name keys below which a name is not the same name
FUZZY_SCALE = 0.8
MAX_ROWS = 400


class Gazetteer:
    """Read-only access to the place index."""

    def __init__(self, path=None):
        self.path = ensure_index(path)
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.candidates = lru_cache(maxsize=20_000)(self._candidates)
        self._spelled_like = lru_cache(maxsize=20_000)(self._places_for_key)
        self.exists = lru_cache(maxsize=100_000)(self._exists)  # asked for many word runs per story
        self.skeleton_exists = lru_cache(maxsize=100_000)(self._skeleton_exists)

    def query(self, sql: str, params: tuple) -> list[tuple]:
        """Rows of a read-only query on the index (for summaries other modules cache)."""
        return self._query(sql, params)

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _places(self, matches: dict[int, tuple[float, int]]) -> list[Place]:
        if not matches:
            return []
        rowids = list(matches)[:MAX_ROWS]
        marks = ",".join("?" * len(rowids))
        rows = self._query(f"SELECT {_COLUMNS} FROM places WHERE rowid IN ({marks})", tuple(rowids))
        places = []
        for row in rows:
            place = _place(row)
            place.match, kind = matches[row[0]]
            place.extra["demonym"] = kind == DEMONYM
            places.append(place)
        return places

    def _candidates(self, name: str, country: str | None = None, fuzzy: bool = True) -> tuple[Place, ...]:
        """Every place the name may denote, each with `match` set; best matches first."""
        if too_long_for_a_place(name):
            return ()
        key = name_key(name)
        if not key:
            return ()
        places = self._spelled_like(key, skeleton(name), False)
        if fuzzy and not places and len(key) >= 5:
            places = self._spelled_like(key, "", True)
        if len(key) <= 2 and not name.replace(".", "").strip().isupper():
            # "St." or "St" is Street or Saint, not Sète under a short alternate name; written in
            # capitals ("LA", "D.C.") such a name is the town's own abbreviation
            places = tuple(p for p in places if p.fclass != "P" or p.match >= EXACT_PRIMARY)
        if country:
            code = country.upper()
            places = tuple(p for p in places if code in (p.country, p.country3))
        return places

    def _places_for_key(self, key: str, skel: str, near_misses: bool) -> tuple[Place, ...]:
        """The places whose names have this key or a transliteration of it (or, with `near_misses`,
        a near-miss spelling), best matches first. Cached by key: "ALEPPO", "Aleppo" and the
        lookups with and without near misses share one answer."""
        if near_misses:
            matches = self._fuzzy(key)
        else:
            matches = self._spelled_matches(key, skel)
        places = self._places(matches)
        places.sort(key=lambda p: (-round(p.match, 2), -p.prominence))
        return tuple(places)

    def _spelled_matches(self, key: str, skel: str) -> dict[int, tuple[float, int]]:
        """Names with this key, and with this transliteration skeleton and a close spelling."""
        matches: dict[int, tuple[float, int]] = {}
        for rowid, kind in self._query("SELECT place, kind FROM names WHERE key = ?", (key,)):
            strength = {PRIMARY: EXACT_PRIMARY, COUNTY_STEM: EXACT_COUNTY_STEM}.get(kind, EXACT_ALTERNATE)
            if strength > matches.get(rowid, (0, 0))[0]:
                matches[rowid] = (strength, kind)
        # A looser spelling never ranks beside a place whose own name matches outright (see
        # disambiguate.MATCH_MARGIN), so the transliteration step is skipped then.
        exact_primary = any(kind == PRIMARY for _, kind in matches.values())
        if skel and skel != key and not exact_primary:
            other_keys = [row[0] for row in self._query(
                "SELECT DISTINCT key FROM names WHERE skel = ? LIMIT 3000", (skel,))]
            # Long skeletons are distinctive enough for a looser spelling, short ones need a closer one.
            scale, cutoff = (SKELETON_LONG, 68) if len(skel) >= 4 else (SKELETON_SHORT, 70)
            close = process.extract(key, other_keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                    limit=None) if len(skel) >= 2 else []
            strengths = {other_key: scale * (0.9 + similarity / 1000)
                         for other_key, similarity, _ in close if other_key != key}
            for rowid, kind, other_key in self._rows_for_keys(list(strengths)):
                if strengths[other_key] > matches.get(rowid, (0, 0))[0]:
                    matches[rowid] = (strengths[other_key], kind)
        return matches

    def _fuzzy(self, key: str) -> dict[int, tuple[float, int]]:
        """Near-miss spellings: keys sharing the first three letters, ranked by rapidfuzz."""
        prefix = key[:3]
        keys = [row[0] for row in self._query(
            "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ?",
            (prefix, prefix + "\uffff", len(key) - 2, len(key) + 2),
        )]
        best = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
        similarity = {other_key: score for other_key, score, _ in best}
        matches = {}
        for rowid, kind, other_key in self._rows_for_keys(list(similarity)):
            strength = FUZZY_SCALE * similarity[other_key] / 100
            if strength > matches.get(rowid, (0, 0))[0]:
                matches[rowid] = (strength, kind)
        return matches

    def _rows_for_keys(self, keys: list[str]) -> list[tuple]:
        """(place, kind, key) for every name with one of these keys, in one query."""
        if not keys:
            return []
        keys = keys[:MAX_ROWS]
        marks = ",".join("?" * len(keys))
        return self._query(f"SELECT place, kind, key FROM names WHERE key IN ({marks})", tuple(keys))

    def get(self, place_id: str) -> Place | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (str(place_id),))
        return _place(rows[0]) if rows else None

    def names_of(self, place: Place) -> list[str]:
        """Name keys the index holds for a place (for tests and the `place` command)."""
        return [row[0] for row in self._query(
            "SELECT n.key FROM names n JOIN places p ON p.rowid = n.place WHERE p.id = ?", (place.id,))]

    def nearest(self, lat: float, lon: float, radius_deg: float = 0.3) -> Place | None:
        """The nearest populated place within a small box (for admin names outside the polygons)."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            "AND fclass = 'P' AND admin1 IS NOT NULL",
            (lat - radius_deg, lat + radius_deg, lon - radius_deg, lon + radius_deg),
        )
        if not rows:
            return None
        return _place(min(rows, key=lambda r: (r[11] - lat) ** 2 + (r[12] - lon) ** 2))

    def _exists(self, key: str) -> bool:
        """Whether any place has this name key."""
        return bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def _skeleton_exists(self, skel: str) -> bool:
        """Whether any place has a name with this transliteration skeleton."""
        return bool(self._query("SELECT 1 FROM names WHERE skel = ? LIMIT 1", (skel,)))


def _place(row: tuple) -> Place:
    (_, place_id, name, asciiname, fclass, fcode, population, country, country3, admin1, admin2,
     lat, lon, precision, source, note, within) = row
    return Place(id=place_id, name=name, asciiname=asciiname, fclass=fclass, fcode=fcode,
                 population=population or 0, country=country, country3=country3, admin1=admin1,
                 admin2=admin2, lat=lat, lon=lon, precision=precision, source=source, note=note,
                 within=within)


_lock = threading.Lock()
_instance: Gazetteer | None = None


def _forget_in_child() -> None:
    """A forked worker opens its own connection: SQLite connections must not cross a fork."""
    global _instance
    _instance = None


os.register_at_fork(after_in_child=_forget_in_child)


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, opened on first use (building the index if needed). Asked for
    thousands of times per story, so it checks for a fork at the fork, not at each call."""
    global _instance
    instance = _instance
    if instance is not None:
        return instance
    with _lock:
        if _instance is None:
            _instance = Gazetteer()
        return _instance


# No place name is longer (GeoNames' longest keys are 63 letters, ~13 words); longer text is not
# a name, and matching it costs time quadratic in its words (20,000 words: minutes, gigabytes).
MAX_NAME_CHARS = 200


def too_long_for_a_place(name: str) -> bool:
    return len(name) > MAX_NAME_CHARS
