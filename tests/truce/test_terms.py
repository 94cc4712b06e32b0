"""Truce YAML validation: clear errors naming the file, the field and the reason."""
from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.errors import ConfigError
from trucewatch.truce import load_truce, parse_truce
from trucewatch.truce.area import build_area


def _base(example_path) -> dict:
    return yaml.safe_load(example_path.read_text())


def _write(tmp_path, data, name="t.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data))
    return path


def test_example_truce_loads_and_is_documented(example_truce, example_path):
    assert example_truce.parties == ["SYR", "RUS", "Free Syrian Army"]
    assert example_path.read_text().count("#") > 10  # the example explains its fields


@pytest.mark.parametrize("change, field, words", [
    ({"timezone": "Mars/Olympus"}, "timezone", "IANA"),
    ({"prohibited": ["tickling"]}, "prohibited", "unknown act type"),
    ({"end": "2016-02-01T00:00"}, "(top level)", "must come after start"),
    ({"parties": []}, "parties", "at least 1"),
    ({"area": {"buffer_km": -3, "places": ["Idlib"]}}, "area.buffer_km", "greater than or equal"),
    ({"obligations": ["free_lunch"]}, "obligations", "unknown obligation"),
    ({"colour": "blue"}, "colour", "Extra inputs"),
])
def test_invalid_terms_name_file_field_reason(tmp_path, example_path, change, field, words):
    path = _write(tmp_path, {**_base(example_path), **change})
    with pytest.raises(ConfigError) as err:
        load_truce(path)
    message = str(err.value)
    assert str(path) in message and f"'{field}" in message and words in message


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(ConfigError, match="no such truce file"):
        load_truce(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_truce(bad)


def test_geojson_area(tmp_path, example_path):
    square = {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [
        [[36.5, 35.8], [36.8, 35.8], [36.8, 36.1], [36.5, 36.1], [36.5, 35.8]]]}}
    (tmp_path / "area.geojson").write_text(json.dumps(square))
    data = _base(example_path)
    data["area"] = {"geojson": "area.geojson", "buffer_km": 0, "countries": ["SYR"]}
    area = build_area(load_truce(_write(tmp_path, data)))
    assert area.distance_km(35.93, 36.63) == 0
    assert 30 < area.distance_km(36.2, 37.16) < 40  # Aleppo: 0.36 deg east, 0.1 deg north of a corner


def test_missing_geojson_is_a_config_error(tmp_path, example_path):
    data = _base(example_path)
    data["area"] = {"geojson": "nothere.geojson"}
    with pytest.raises(ConfigError, match="does not exist"):
        build_area(load_truce(_write(tmp_path, data)))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "parties", "area", "start", "end", "prohibited", "x"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3)))))
def test_any_mapping_is_accepted_or_a_config_error(data):
    try:
        parse_truce(data, "fuzz.yaml")
    except ConfigError as exc:
        assert str(exc).startswith("fuzz.yaml: ")


def test_area_places_resolve_through_the_gazetteer(tmp_path, example_path):
    places = pytest.importorskip("trucewatch.places")
    if not callable(getattr(places, "search", None)):
        pytest.skip("the gazetteer has no search() yet")
    data = _base(example_path)
    data["area"] = {"places": ["Hama"], "buffer_km": 10}
    area = build_area(load_truce(_write(tmp_path, data)))
    assert area.places[0].how.startswith("gazetteer") and area.countries == {"SYR"}
    assert area.distance_km(35.13, 36.75) == 0  # Hama city centre
    assert area.distance_km(35.93, 36.63) > 70  # Idlib is ~90 km north
