"""Build the fast SQLite gazetteer index from the committed compact data.

`python -m trucewatch.places.index [--quiet] [--force]` (run by `make setup`) and first use both call
`ensure_index()`. It is idempotent: an index whose stored fingerprint matches the data files is kept.
The index lives next to the package when that folder is writable (git-ignored), else in the user's
cache folder; $TRUCEWATCH_PLACES_INDEX overrides both.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import yaml

from trucewatch.errors import ConfigError
from trucewatch.places.names import index_words, name_key, skeleton

DATA_DIR = Path(__file__).parent / "data"
SCHEMA_VERSION = "6"  # bump when the index layout or the way it is filled changes
DATA_FILES = ("places.tsv.gz", "countries.tsv", "curated.yaml", "demonyms.yaml", "index_words.yaml")
csv.field_size_limit(10_000_000)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
  rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, asciiname TEXT, fclass TEXT, fcode TEXT,
  population INTEGER, country TEXT, country3 TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL,
  precision TEXT, source TEXT, note TEXT, within TEXT
);
CREATE TABLE names (key TEXT, skel TEXT, place INTEGER, kind INTEGER, PRIMARY KEY (key, place))
  WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX names_skel ON names (skel);
CREATE INDEX names_place ON names (place);
CREATE INDEX places_lat ON places (lat, lon);
"""
PRIMARY, ALTERNATE, DEMONYM, COUNTY_STEM = 0, 1, 2, 3


def index_path() -> Path:
    """Where the index is (or will be) kept."""
    override = os.environ.get("TRUCEWATCH_PLACES_INDEX")
    if override:
        return Path(override)
    package_dir = Path(__file__).parent
    if os.access(package_dir, os.W_OK):
        return package_dir / "index.sqlite"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "trucewatch"
    return cache / "places-index.sqlite"


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Hash of the data files and of the code that turns them into keys: editing either rebuilds."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for code in (Path(__file__), Path(__file__).with_name("names.py")):  # keys depend on this code
        digest.update(code.read_bytes())
    for file_name in DATA_FILES:
        path = data_dir / file_name
        if not path.exists():
            raise ConfigError(f"{path}: gazetteer data file is missing; reinstall TruceWatch or run `make gazetteer`.")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stored_fingerprint(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None


def ensure_index(path: Path | None = None, *, force: bool = False, quiet: bool = True) -> Path:
    """Build the index unless an up-to-date one is there; returns its path."""
    path = path or index_path()
    fingerprint = data_fingerprint()
    if not force and stored_fingerprint(path) == fingerprint:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix="places-", suffix=".sqlite.tmp", dir=path.parent)
    os.close(handle)
    try:
        _build(Path(temp_name), fingerprint, quiet=quiet)
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return path


def precision_of(fclass: str, fcode: str) -> str:
    """The contract's precision label a place of this GeoNames feature type gives an event."""
    if fcode.startswith("PCL"):
        return "country"
    if fcode == "ADM1":
        return "admin1"
    if fcode in ("ADM2", "ADM3"):
        return "admin2"
    if fcode in ("PPLX", "PPLL"):
        return "neighbourhood" if fcode == "PPLX" else "city"
    if fclass == "P":
        return "city"
    if fclass == "S":
        return "exact"
    if fclass in ("L", "T", "H", "A"):
        return "region"
    return "city"


class _Writer:
    """Accumulates rows and name keys, flushing in batches."""

    def __init__(self, conn: sqlite3.Connection, iso3: dict[str, str]):
        self.conn, self.iso3 = conn, iso3
        self.rowid = 0
        self.by_id: dict[str, int] = {}
        self.places: list[tuple] = []
        self.names: dict[tuple[str, int], tuple] = {}

    def add_place(self, p: dict) -> int:
        self.rowid += 1
        fclass, fcode = p["fclass"], p["fcode"]
        self.places.append((
            self.rowid, p["id"], p["name"], p.get("asciiname") or p["name"], fclass, fcode,
            int(p.get("population") or 0), p["country"] or None, self.iso3.get(p["country"], p["country"]) or None,
            p.get("admin1") or None, p.get("admin2") or None, float(p["lat"]), float(p["lon"]),
            p.get("precision") or precision_of(fclass, fcode), p.get("source"), p.get("note"),
            p.get("within"),
        ))
        self.by_id[p["id"]] = self.rowid
        return self.rowid

    def add_name(self, name: str, rowid: int, kind: int) -> None:
        key = name_key(name)
        if key and (key, rowid) not in self.names:
            self.names[(key, rowid)] = (key, skeleton(name), rowid, kind)

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (" + ",".join("?" * 17) + ")", self.places)
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", self.names.values())
        self.places, self.names = [], {}


def _build(path: Path, fingerprint: str, *, quiet: bool) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(SCHEMA)
    iso3 = _country_codes()
    writer = _Writer(conn, iso3)
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
        for count, row in enumerate(reader, 1):
            rowid = writer.add_place(row)
            writer.add_name(row["name"], rowid, PRIMARY)
            for alt in filter(None, row["altnames"].split("|")):
                writer.add_name(alt, rowid, ALTERNATE)
            stem = county_stem(row["name"]) if row["fcode"] in ("ADM1", "ADM2") else None
            if stem:
                writer.add_name(stem, rowid, COUNTY_STEM)  # "Gwinnett" for Gwinnett County
            if count % 50_000 == 0:
                writer.flush()
                if not quiet:
                    print(f"  {count} places", file=sys.stderr)
    writer.flush()
    _add_curated(writer)
    _add_demonyms(writer)
    writer.flush()
    conn.executescript(INDEXES)
    conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


_COUNTY_WORDS = tuple(" " + word for word in index_words()["county_words"])  # " County": a whole word


def county_stem(name: str) -> str | None:
    """A county's name without the word "County" ("Gwinnett" for "Gwinnett County"): local news
    writes it so."""
    for word in _COUNTY_WORDS:
        if name.endswith(word) and len(name) > len(word) + 2:
            return name[: -len(word)]
    return None


def _country_codes() -> dict[str, str]:
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as handle:
        return {row["iso2"]: row["iso3"] for row in csv.DictReader(handle, delimiter="\t")}


def load_yaml(file_name: str) -> dict:
    path = DATA_DIR / file_name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc}).") from exc


def _add_curated(writer: _Writer) -> None:
    """Hand-curated places, plus extra names for places the open sources already have."""
    data = load_yaml("curated.yaml")
    for alias in data.get("aliases", []):
        rowid = writer.by_id.get(str(alias["id"]))
        if rowid is None:
            raise ConfigError(f"curated.yaml: alias target {alias['id']} is not in the gazetteer.")
        for name in alias["names"]:
            writer.add_name(name, rowid, ALTERNATE)
    for place in data.get("places", []):
        for field in ("id", "name", "country", "lat", "lon", "precision", "source"):
            if field not in place:
                raise ConfigError(f"curated.yaml: place {place.get('name', '?')!r} lacks {field!r}.")
        fcode, fclass = _curated_codes(place)
        row = dict(place, fclass=fclass, fcode=fcode, asciiname=place["name"],
                   population=place.get("population", 0), source=place["source"],
                   note=place.get("note"), within=place.get("within"))
        rowid = writer.add_place(row)
        writer.add_name(place["name"], rowid, PRIMARY)
        for alt in place.get("alt", []):
            writer.add_name(alt, rowid, ALTERNATE)
        for demonym in place.get("demonyms", []):  # "Central American": the region, as a demonym
            writer.add_name(demonym, rowid, DEMONYM)


def _curated_codes(place: dict) -> tuple[str, str]:
    """Feature code and class of a curated place: its own code, else one implied by its precision
    (index_words.yaml), so that curated places rank and filter like GeoNames ones."""
    words = index_words()
    fcode = place.get("fcode") or words["curated_fcode_by_precision"].get(place["precision"],
                                                                           words["curated_fcode_default"])
    return fcode, words["curated_fclass_by_fcode"].get(fcode, words["curated_fclass_default"])


def _add_demonyms(writer: _Writer) -> None:
    """Demonyms and short country names resolve to the country."""
    country_rows = {}
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            country_rows[row["iso2"]] = row["geonameid"]
    for iso2, words in load_yaml("demonyms.yaml").get("countries", {}).items():
        rowid = writer.by_id.get(country_rows.get(iso2, ""))
        if rowid is None:
            raise ConfigError(f"demonyms.yaml: country {iso2} is not in the gazetteer.")
        for word in words:
            writer.add_name(word, rowid, DEMONYM)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the TruceWatch gazetteer index.")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    args = parser.parse_args(argv)
    path = ensure_index(force=args.force, quiet=args.quiet)
    if not args.quiet:
        print(f"gazetteer index ready: {path}")


if __name__ == "__main__":
    main()
