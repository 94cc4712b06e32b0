"""Class 14 (and what held): truce files and their area files are bounded in size, read only
when they are regular files, decoded with a named error, and their shapes checked, so each
failure is one sentence naming the file."""
from __future__ import annotations

import json
import os

import pytest

from trucewatch.errors import ConfigError
from trucewatch.truce import load_truce
from trucewatch.truce.area import build_area

TRUCE = """name: Area truce
parties: [SYR]
area: {geojson: AREA, buffer_km: 0}
start: 2016-03-01T00:00
end: 2016-03-31T23:59
prohibited: [air_strike]
"""
PLACE_TRUCE = TRUCE.replace("{geojson: AREA, buffer_km: 0}", "{places: [{name: Hama, lat: 35.13, lon: 36.75}]}")
SQUARE = {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 36], [36, 35]]]}


def _truce(tmp_path, area: str):
    path = tmp_path / "truce.yaml"
    path.write_text(TRUCE.replace("AREA", json.dumps(area)), encoding="utf-8")
    return path


@pytest.mark.parametrize("content, reason", [
    ([1, 2], "must be a GeoJSON object"),
    ({"type": "Feature", "properties": {}}, "has no geometry"),
    ({"type": "Feature", "geometry": None}, "has no geometry"),
    ({"type": "FeatureCollection", "features": "nope"}, "features"),
    ({"type": "FeatureCollection", "features": [1, {"geometry": SQUARE}]}, "feature 1"),
    ({"type": "FeatureCollection", "features": []}, "has no geometry"),
    ({"type": "Polygon", "coordinates": "x"}, "no valid geometry"),
    ({"type": "Point", "coordinates": [36, 35]}, "Polygon or MultiPolygon"),
    ("just a string", "must be a GeoJSON object"),
])
def test_malformed_area_files_are_named(content, reason, tmp_path):
    (tmp_path / "area.geojson").write_text(json.dumps(content), encoding="utf-8")
    terms = load_truce(_truce(tmp_path, "area.geojson"))
    with pytest.raises(ConfigError, match="area.geojson") as caught:
        build_area(terms)
    assert reason in str(caught.value)


def test_area_from_a_device_or_an_oversized_file_is_refused_quickly(tmp_path, hostile):
    big = tmp_path / "big.geojson"
    with open(big, "wb") as handle:
        handle.truncate(80_000_000)  # sparse: 80 MB of zeros, over the limit, costs no disk
    for area, reason in (("/dev/zero", "not a regular file"), (str(big), "over the size limit")):
        terms = load_truce(_truce(tmp_path, area))
        with pytest.raises(ConfigError, match=reason):
            build_area(terms)
    done = hostile.run_cli("check", str(_truce(tmp_path, "/dev/zero")), "--db",
                           f"sqlite:///{tmp_path / 'tw.db'}", cwd=tmp_path, timeout=60)
    hostile.assert_named_failure(done, "/dev/zero", "not a regular file")


def test_valid_area_still_works(tmp_path):
    (tmp_path / "area.geojson").write_text(json.dumps({"type": "Feature", "geometry": SQUARE}), encoding="utf-8")
    area = build_area(load_truce(_truce(tmp_path, "area.geojson")))
    assert area.distance_km(35.5, 36.5) == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_truce_files_with_a_byte_order_mark_are_read(encoding, tmp_path):
    path = tmp_path / "truce.yaml"
    path.write_bytes(("# Trêve\n" + PLACE_TRUCE).encode(encoding))
    assert load_truce(path).name == "Area truce"


def test_latin1_truce_file_is_named(tmp_path, hostile):
    path = tmp_path / "truce.yaml"
    path.write_bytes(("# Trêve de Hama\n" + PLACE_TRUCE).encode("latin-1"))
    with pytest.raises(ConfigError, match="truce.yaml.*not UTF-8"):
        load_truce(path)
    done = hostile.run_cli("check", str(path), "--db", f"sqlite:///{tmp_path / 'tw.db'}", cwd=tmp_path)
    hostile.assert_named_failure(done, "truce.yaml", "not UTF-8")


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "not UTF-8"),
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_text(PLACE_TRUCE + "description: |\n" + "  words words words\n" * 80_000), "over the size limit"),
    (lambda p: p.write_text("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                            "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"), "field"),
    (lambda p: p.write_text("!!python/object/apply:os.system ['echo pwned']\n"), "not valid YAML"),
    (lambda p: p.write_text("- name: x\n- parties: [SYR]\n"), "must be a mapping"),
    (lambda p: p.write_text(PLACE_TRUCE.replace("parties: [SYR]", "parties: SYR\nextra_field: 1")), "extra_field"),
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: p.write_text(PLACE_TRUCE.replace("parties: [SYR]", 'parties: ["\\ud800"]')), "surrogate"),
])
def test_bad_truce_files_are_one_named_sentence(make, reason, tmp_path, hostile):
    path = tmp_path / "truce.yaml"
    make(path)
    with pytest.raises(ConfigError, match=reason):
        load_truce(path)
    done = hostile.run_cli("check", str(path), "--db", f"sqlite:///{tmp_path / 'tw.db'}", cwd=tmp_path, timeout=60)
    hostile.assert_named_failure(done, "truce.yaml")
    assert not (tmp_path / "pwned").exists()
