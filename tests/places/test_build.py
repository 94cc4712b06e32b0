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


def test_admin1_centre_uses_the_whole_extent_of_its_towns():
    # Most towns crowd the southern edge (like British Columbia's); the area point sits mid-extent.
    towns = [(49.0 + i / 1000, -123.0) for i in range(99)] + [(60.0, -123.0)]
    full_lat, _ = spread_centre(towns, trim=0.0)
    assert abs(full_lat - 54.5) < 0.1
    trimmed_lat, _ = spread_centre(towns)
    assert trimmed_lat < full_lat


def test_display_name_prefers_the_english_or_ascii_name():
    from trucewatch.places.build import display_name

    town = {"name": "Ḩamāh", "asciiname": "Hamah", "fclass": "P"}
    assert display_name(town) == "Hamah"
    assert display_name(dict(town, english="Hama")) == "Hama"
    area = {"name": "Île-de-France", "asciiname": "Ile-de-France", "fclass": "A", "english": "Paris Region"}
    assert display_name(area) == "Île-de-France"  # towns' admin1 columns repeat this name


def test_wof_english_name_replaces_ayn_marked_transliterations_only():
    from trucewatch.places.build import wof_english_name

    assert wof_english_name({"name:eng_x_preferred": ["Hama"], "wof:name": "حماه"}) == "Hama"
    marked = {"gn:asciiname": "Ka`bar", "name:und_x_variant": ["Kaabar", "Ka‘bar"]}
    assert wof_english_name(marked) == "Kaabar"
    plain = {"gn:asciiname": "Kafr Nubl", "name:und_x_variant": ["Kafranbel"]}
    assert wof_english_name(plain) is None


def test_natural_earth_long_country_names_are_read_without_sort_forms(tmp_path):
    import json

    from trucewatch.places.build import natural_earth_names

    folder = tmp_path / "naturalearth"
    folder.mkdir()
    feature = {"type": "Feature", "geometry": None, "properties": {
        "ISO_A3": "XYZ", "ADM0_A3": "XYZ", "NAME": "Examplia", "NAME_LONG": "Examplian Federation",
        "FORMAL_EN": "Republic of Examplia", "NAME_SORT": "Examplia, Rep."}}
    (folder / "ne_110m_admin_0_countries.json").write_text(json.dumps({"features": [feature]}))
    names = natural_earth_names(tmp_path)["XYZ"]
    assert "Examplian Federation" in names and "Republic of Examplia" in names
    assert not any("," in name for name in names)


def test_countries_table_carries_iso_numeric_codes():
    import csv

    from trucewatch.places.build import DATA_DIR

    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as handle:
        rows = {row["iso3"]: row for row in csv.DictReader(handle, delimiter="\t")}
    assert rows["SYR"]["iso_numeric"] == "760"
    assert rows["AFG"]["iso_numeric"] == "004"  # zero-padded, as ACLED writes it


def test_country_point_lies_between_the_factbook_point_and_the_landmass_centre():
    from trucewatch.places.build import _blend

    assert _blend((60.0, 100.0), (62.0, 98.0)) == (61.0, 99.0)
    assert _blend(None, (62.0, 98.0)) == (62.0, 98.0)
    assert _blend((60.0, 100.0), None) == (60.0, 100.0)


def test_committed_country_points_are_read(tmp_path):
    from trucewatch.places.build import read_country_points

    path = tmp_path / "points.tsv"
    path.write_text("iso2\tlat\tlon\nSY\t35\t38\n", encoding="utf-8")
    assert read_country_points(path) == {"SY": (35.0, 38.0)}
    assert read_country_points(tmp_path / "missing.tsv") == {}
