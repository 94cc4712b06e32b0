"""Points map to country, governorate and district through the polygons."""
from trucewatch.places import admin_of, country_outlines


def test_points_fall_inside_syrian_governorates():
    assert admin_of(36.20, 37.16).admin1 == "Aleppo"  # Aleppo city
    assert admin_of(33.57, 36.40).admin1 == "Rif-dimashq"  # Douma
    assert admin_of(35.93, 36.63).admin1 == "Idlib"
    assert admin_of(35.33, 40.14).country == "SYR"


def test_district_comes_with_the_governorate():
    area = admin_of(33.57, 36.40)
    assert area.admin2 == "Duma"


def test_points_outside_the_polygons_use_the_country_outline():
    assert admin_of(48.85, 2.35).country == "FRA"
    assert admin_of(0.0, -30.0).country is None  # open ocean


def test_country_outlines_is_geojson_with_iso3_codes():
    outlines = country_outlines()
    assert outlines["type"] == "FeatureCollection"
    codes = {f["properties"]["iso3"] for f in outlines["features"]}
    assert {"SYR", "LBN", "YEM", "FRA"} <= codes
