"""The report's map: town labels, the conflict country's provinces, the truce area and a legend,
all inside the one offline HTML file (issue 11 item 6)."""
from __future__ import annotations

import re
from datetime import date

from trucewatch.report import write_report
from trucewatch.report.svg import LABEL_LIMIT, incident_map

SQUARE = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "North Province"},
     "geometry": {"type": "Polygon", "coordinates": [[[36.0, 35.5], [37.0, 35.5], [37.0, 36.5], [36.0, 36.5],
                                                      [36.0, 35.5]]]}},
    {"type": "Feature", "properties": {"name": "Far Province"},
     "geometry": {"type": "Polygon", "coordinates": [[[80.0, 10.0], [81.0, 10.0], [81.0, 11.0], [80.0, 10.0]]]}},
]}


def point(lon, lat, place, verdict="violation", n=1):
    return {"lon": lon, "lat": lat, "place": place, "verdict": verdict, "id": f"inc-{place}-{n}",
            "label": f"2016-03-07 air strike at {place}"}


def test_each_place_is_labelled_once_with_its_town_name():
    points = [point(36.6, 35.9, "Saraqib, Idlib"), point(36.6, 35.9, "Saraqib, Idlib", n=2),
              point(36.2, 35.6, "Ariha", "possible violation")]
    svg = incident_map(points, None, [])
    labels = re.findall(r'class="place-label"[^>]*>([^<]+)</text>', svg)
    assert sorted(labels) == ["Ariha", "Saraqib"]


def test_labels_do_not_pile_up_on_each_other():
    points = [point(36.0 + i * 0.0001, 35.0, f"Town{i}") for i in range(5)]
    svg = incident_map(points, None, [])
    assert len(re.findall(r'class="place-label"', svg)) < 5


def test_labels_are_capped_and_unresolved_names_are_not_labelled():
    points = [point(30 + i, 30 + (i % 7), f"Place{i}") for i in range(LABEL_LIMIT + 10)]
    points.append(point(35.0, 35.0, "“the farm” (place not resolved)"))
    svg = incident_map(points, None, [])
    assert len(re.findall(r'class="place-label"', svg)) <= LABEL_LIMIT
    assert "the farm" not in "".join(re.findall(r'class="place-label"[^>]*>([^<]+)<', svg))


def test_provinces_near_the_map_are_drawn_with_their_names_and_a_legend():
    svg = incident_map([point(36.6, 35.9, "Saraqib")], None, [[(36.1, 35.6), (36.9, 35.6), (36.9, 36.2),
                                                               (36.1, 35.6)]], admin_areas=SQUARE)
    assert svg.count('class="admin1"') == 1 and "<title>North Province</title>" in svg
    assert "Far Province" not in svg
    legend = re.search(r'<g id="map-legend".*?</g>', svg).group(0)
    assert "violation" in legend and "truce area" in legend and "province boundary" in legend
    assert "Who&#x27;s On First" in svg


def test_place_names_are_escaped():
    svg = incident_map([point(36.6, 35.9, "<b>Idlib</b>")], None, [])
    assert "<b>" not in svg and "&lt;b&gt;Idlib" in svg


def test_the_report_map_shows_the_conflict_countrys_provinces_and_stays_offline(scenario, tmp_path):
    truce, incidents, findings = scenario
    html = write_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14),
                        out=tmp_path / "r.html").read_text()
    svg = re.search(r'<svg id="incident-map".*?</svg>', html, re.S).group(0)
    assert 'class="admin1"' in svg and "<title>Idlib</title>" in svg
    assert 'class="place-label"' in svg and 'id="map-legend"' in svg
    assert not re.search(r'(src|href)="https?:', svg)
