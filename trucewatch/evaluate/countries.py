"""Country names and coder codes to ISO 3166-1 alpha-3, so gold and our records compare alike.

Data: the gazetteer's country table (trucewatch/places/data/countries.tsv, from GeoNames
countryInfo, CC BY 4.0) and data/country_aliases.yaml.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

import yaml

# CAMEO and PLOVER codes for actors that have no country; kept as they are.
NON_STATE_CODES = {"IGO", "NGO", "IMG", "MNC", "UIS", "REB", "INS", "SEP", "UAF", "CVL", "MOS"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case country name -> ISO3, coder code -> ISO3), read once."""
    names: dict[str, str] = {}
    countries = resources.files("trucewatch.places") / "data" / "countries.tsv"
    with countries.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names[row["name"].lower()] = row["iso3"]
    aliases_file = resources.files("trucewatch.evaluate") / "data" / "country_aliases.yaml"
    aliases = yaml.safe_load(aliases_file.read_text(encoding="utf-8"))
    names.update({name.lower(): code for name, code in aliases["names"].items()})
    return names, dict(aliases["codes"])


def country_from_name(name: str | None) -> str | None:
    """'Syria' or 'West Bank and Gaza Strip' -> ISO3; None when unknown."""
    if not name:
        return None
    return _tables()[0].get(name.strip().lower())


def country_in_text(text: str | None) -> str | None:
    """The first country named inside a longer label ('Military Forces of Syria (2000-)')."""
    if not text:
        return None
    names = _tables()[0]
    lowered = text.lower()
    found = [(match.start(), code) for name, code in names.items()
             for match in [re.search(rf"\b{re.escape(name)}\b", lowered)] if match]
    return min(found)[1] if found else None


def country_from_code(code: str | None) -> str | None:
    """First three letters of a CAMEO/PLOVER actor code as ISO3 ('SYRMIL' -> 'SYR', 'JAP' -> 'JPN').

    Non-state codes (IGO, NGO, IMG ...) come back unchanged so they can match our sector codes.
    """
    if not code:
        return None
    head = code.strip().upper()[:3]
    if len(head) < 3 or head == "***":
        return None
    _, aliases = _tables()
    return aliases.get(head, head)


def actor_code(country: str | None, sector: str | None) -> str | None:
    """Our actor in the coder's terms: its country, else its sector when that is a CAMEO code."""
    if country:
        return country.upper()
    if sector and sector.upper() in NON_STATE_CODES:
        return sector.upper()
    return None
