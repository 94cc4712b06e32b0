"""Pieces of the maintainer build script that do not need ../shared."""
from trucewatch.places.build import distinct_names, keep_name, spread_centre
from trucewatch.places.index import precision_of


def test_alternate_names_that_only_differ_in_spelling_marks_are_dropped():
    kept = distinct_names("Deir ez-Zor", ["Deir ez Zor", "Dayr az Zawr", "دير الزور", "Дейр-эз-Зор"])
    assert kept == ["Dayr az Zawr", "دير الزور"]  # same key dropped; Cyrillic not kept


def test_keep_name_rejects_overlong_and_foreign_script_names():
    assert keep_name("Khan Shaykhun")
    assert not keep_name("x" * 80)
    assert not keep_name("大马士革")


def test_area_centre_ignores_outlying_towns():
    towns = [(10.0, 20.0 + i / 100) for i in range(100)] + [(50.0, 80.0)]
    lat, lon = spread_centre(towns)
    assert abs(lat - 10.0) < 0.5 and abs(lon - 20.5) < 0.5


def test_feature_codes_map_to_contract_precisions():
    assert precision_of("A", "PCLI") == "country"
    assert precision_of("A", "ADM1") == "admin1"
    assert precision_of("P", "PPLX") == "neighbourhood"
    assert precision_of("P", "PPLA") == "city"
    assert precision_of("S", "AIRP") == "exact"
