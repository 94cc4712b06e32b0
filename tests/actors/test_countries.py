"""Countries: names, demonyms and capitals standing for governments."""
from __future__ import annotations

import pytest


def test_every_iso_country_is_present(dictionary):
    countries = {e.id for e in dictionary.entries.values() if e.kind == "country"}
    assert len(countries) >= 249
    assert {"SYR", "RUS", "USA", "TUR", "IRN", "YEM", "SDN", "PSE", "UKR"} <= countries


@pytest.mark.parametrize("text, iso3", [
    ("Syrian", "SYR"), ("Russian", "RUS"), ("American", "USA"), ("Iranian", "IRN"),
    ("Turkish", "TUR"), ("the United States", "USA"), ("Americans", "USA"), ("Britain", "GBR"),
    ("Türkiye", "TUR"), ("the Netherlands", "NLD"), ("Lebanese", "LBN"), ("Yemeni", "YEM"),
])
def test_lookup_country_reads_names_and_demonyms(dictionary, text, iso3):
    assert dictionary.lookup_country(text) == iso3


@pytest.mark.parametrize("text", ["Kurdish", "Kurds", "Damascus", "Syrian warplanes", "", "the"])
def test_lookup_country_refuses_what_is_not_a_country_name(dictionary, text):
    assert dictionary.lookup_country(text) is None


@pytest.mark.parametrize("text, iso3, sector", [
    ("Damascus", "SYR", "GOV"), ("Moscow", "RUS", "GOV"), ("Washington", "USA", "GOV"),
    ("Ankara", "TUR", "GOV"), ("Tehran", "IRN", "GOV"), ("the Kremlin", "RUS", "GOV"),
    ("the White House", "USA", "GOV"), ("the Pentagon", "USA", "MIL"),
])
def test_capitals_and_seats_of_government_stand_for_the_state(resolve, text, iso3, sector):
    name, country, got_sector, _ = resolve(text)
    assert (country, got_sector) == (iso3, sector)


def test_a_bare_country_name_has_no_sector(resolve):
    assert resolve("Syria") == ("Syria", "SYR", None, None)


def test_capitals_that_are_common_words_are_not_governments(resolve):
    # Malé (Maldives) would turn every "male" into a government.
    assert resolve("a male nurse")[1:3] == (None, "MED")
