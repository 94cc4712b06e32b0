"""The gazetteer's country table (places/data/countries.tsv): names and codes by ISO3."""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def country_table() -> dict[str, dict[str, str]]:
    """ISO3 -> row of the country table (iso2, name, and iso_numeric when it has one)."""
    try:
        text = resources.files("trucewatch.places").joinpath("data/countries.tsv").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    return {row["iso3"]: row for row in reader if row.get("iso3")}


def iso2(code: str | None) -> str | None:
    """An ISO3 code as ISO2 ("AFG" -> "AF"); an ISO2 code as it is; None when unknown."""
    if not code:
        return None
    if len(code) == 2:
        return code
    return (country_table().get(code) or {}).get("iso2")
