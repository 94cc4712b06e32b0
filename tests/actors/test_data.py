"""Hygiene of the packaged data files."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from trucewatch.actors import build_countries
from trucewatch.actors.loader import DATA_DIR

# Aliases deliberately shared: the date or the story's country decides between the entries.
SHARED = {("coalition",), ("coalitions",), ("assad",), ("al", "assad"), ("president", "assad")}
COUNTRY_INFO = Path("/work/shared/data/geo/geonames/countryInfo.txt")


def test_no_alias_is_shared_by_accident(dictionary):
    shared = {key for key, candidates in dictionary.index._index.items()
              if len({c.entry.id for c in candidates}) > 1}
    assert shared == SHARED


def test_named_kinds_all_have_names_and_terms_have_sectors(dictionary):
    for entry in dictionary.entries.values():
        assert entry.name or entry.kind == "term", entry.id
        assert entry.sector or entry.kind in ("country", "person"), entry.id


def test_uncertain_roles_are_explained_or_flagged(dictionary):
    people = [e for e in dictionary.entries.values() if e.kind == "person"]
    assert len(people) >= 40
    assert any(role.uncertain for e in people for role in e.roles)


@pytest.mark.skipif(not COUNTRY_INFO.exists(), reason="GeoNames countryInfo.txt not available")
def test_countries_yaml_is_what_the_build_script_makes():
    built = build_countries.build(COUNTRY_INFO)
    shipped = yaml.safe_load((DATA_DIR / "countries.yaml").read_text(encoding="utf-8"))["actors"]
    assert shipped == built
