"""The read API on SQLite and PostgreSQL: every filter, inclusive dates, paging by `next`, `fields=`,
the export formats, single records, and errors as problem details."""
from __future__ import annotations

import csv
import io

import pytest

PROBLEM = "application/problem+json"


def ids(client, scenario, **params) -> set[str]:
    answer = client.get("/api/v1/incidents", params={"limit": 1000, **params}, headers=scenario.headers("viewer"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == len(body["items"])
    return {item["id"] for item in body["items"]}


def places(client, scenario, **params) -> list[str]:
    answer = client.get("/api/v1/incidents", params={"limit": 1000, **params}, headers=scenario.headers("viewer"))
    return sorted(item["place"] or "-" for item in answer.json()["items"])


def test_lists_need_a_signed_in_user(client):
    answer = client.get("/api/v1/incidents")
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith(PROBLEM)
    assert answer.json()["status"] == 401 and answer.json()["title"] == "Unauthorized"


def test_every_incident_is_listed_with_its_verdict(client, scenario):
    body = client.get("/api/v1/incidents", headers=scenario.headers("viewer")).json()
    assert body["total"] == 7 and body["truce"] == "Idlib city humanitarian pause (example)"
    verdicts = sorted(item["verdict"] for item in body["items"])
    assert verdicts.count("possible violation") == 2 and verdicts.count("probable violation") == 1
    assert "violation" in verdicts and "out of scope" in verdicts
    assert all(item["review_status"] == "machine" and item["version"] == 1 for item in body["items"])


def test_date_filters_include_both_end_days(client, scenario):
    # The Idlib market strike is on 2016-03-04; the month-long shelling spans March.
    on_the_day = places(client, scenario, date_after="2016-03-04", date_before="2016-03-04")
    assert on_the_day == ["Idlib", "Idlib"]  # the strike and the month-precision shelling
    assert "Aleppo" in places(client, scenario, date_after="2016-03-20")
    assert "Aleppo" not in places(client, scenario, date_before="2016-03-19")


@pytest.mark.parametrize("params, expected", [
    ({"country": "SYR"}, 6),  # the convoy has no place, so no country
    ({"country": "syr,TUR"}, 6),
    ({"admin1": "idlib"}, 5),  # Idlib city and Maarrat Misrin
    ({"actor": "Free Syrian Army"}, 1),
    ({"actor": "Syria"}, 5),
    ({"actor": "SYR", "grade": "Contested"}, 1),
    ({"type": "shelling"}, 2),
    ({"type": "aerial"}, 3),  # a family: every air strike
    ({"grade": "Confirmed"}, 1),
    ({"verdict": "possible_violation"}, 2),
    ({"verdict": "possible violation,probable_violation"}, 3),
    ({"verdict": ["violation", "out of scope"]}, 2),
    ({"verdict": "unchecked"}, 0),
    ({"review_status": "machine"}, 7),
    ({"review_status": "confirmed"}, 0),
    ({"bbox": "36.0,35.5,37.0,36.1"}, 5),  # Idlib and Maarrat Misrin, not Aleppo
    ({"near": "35.93,36.63", "within_km": "3"}, 4),  # Idlib itself
    ({"near": "35.93,36.63", "within_km": "15"}, 5),  # ... and Maarrat Misrin, 8 km away
    ({"q": "grain market"}, 1),
    ({"q": '"army post"'}, 1),
])
def test_each_filter(client, scenario, params, expected):
    assert len(ids(client, scenario, **params)) == expected


def test_paging_follows_next_links_to_the_end(client, scenario):
    seen, url, params = [], "/api/v1/incidents", {"limit": 2, "order": "desc"}
    while url:
        body = client.get(url, params=params, headers=scenario.headers("viewer")).json()
        seen += [item["id"] for item in body["items"]]
        assert body["total"] == 7
        url, params = body["next"], None
    assert len(seen) == len(set(seen)) == 7
    starts = [client.get(f"/api/v1/incidents/{i}", headers=scenario.headers("viewer")).json()["start"] for i in seen]
    assert starts == sorted(starts, reverse=True)


def test_fields_keep_only_what_is_asked(client, scenario):
    body = client.get("/api/v1/incidents", params={"fields": "verdict,place"}, headers=scenario.headers("viewer")).json()
    assert all(set(item) == {"id", "verdict", "place"} for item in body["items"])
    bad = client.get("/api/v1/incidents", params={"fields": "verdict,password"}, headers=scenario.headers("viewer"))
    assert bad.status_code == 400 and "password" in bad.json()["detail"]


def test_formats_come_from_the_export_writers(client, scenario):
    headers = scenario.headers("viewer")
    flat = client.get("/api/v1/incidents", params={"format": "csv", "limit": 3}, headers=headers)
    assert flat.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(flat.text)))
    assert len(rows) == 3 and "verdict" in rows[0] and rows[0]["incident_id"].startswith("inc-")
    assert 'rel="next"' in flat.headers["link"] and flat.headers["x-total-count"] == "7"
    acled = client.get("/api/v1/events", params={"format": "acled"}, headers=headers)
    assert acled.text.startswith("event_id_cnty,event_date,year")
    shapes = client.get("/api/v1/incidents", params={"format": "geojson", "fields": "verdict"}, headers=headers).json()
    assert shapes["type"] == "FeatureCollection"
    placed = [f for f in shapes["features"] if f["geometry"]]
    assert len(placed) == 6 and set(placed[0]["properties"]) == {"verdict"}
    some = client.get("/api/v1/findings", params={"format": "csv", "fields": "incident,verdict"}, headers=headers)
    assert some.text.splitlines()[0] == "incident,verdict"


def test_events_documents_findings_and_single_records(client, scenario):
    headers = scenario.headers("viewer")
    events = client.get("/api/v1/events", params={"actor": "Free Syrian Army"}, headers=headers).json()
    assert events["total"] == 1 and events["items"][0]["verdict"] == "violation"
    event = client.get(f"/api/v1/events/{events['items'][0]['id']}", headers=headers).json()
    assert event["document"]["source"] == "Wire C" and event["incident"].startswith("inc-")
    documents = client.get("/api/v1/documents", params={"q": "bakery"}, headers=headers).json()
    assert documents["total"] == 1 and "text" not in documents["items"][0]
    document = client.get(f"/api/v1/documents/{documents['items'][0]['id']}", headers=headers).json()
    assert "<script>" in document["text"] and document["events"]  # stored as written; pages escape it
    findings = client.get("/api/v1/findings", params={"verdict": "violation"}, headers=headers).json()
    assert findings["total"] == 1 and findings["items"][0]["trace"]
    incident = client.get(f"/api/v1/incidents/{findings['items'][0]['incident']}", headers=headers).json()
    assert incident["findings"][0]["verdict"] == "violation" and incident["mentions"]
    assert incident["review_status"] == "machine" and incident["history"] == []


def test_documents_refuse_filters_that_mean_nothing_for_them(client, scenario):
    answer = client.get("/api/v1/documents", params={"verdict": "violation"}, headers=scenario.headers("viewer"))
    assert answer.status_code == 400 and "does not apply to documents" in answer.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/incidents/inc-0000", "/api/v1/events/x:1", "/api/v1/documents/abc",
                                  "/api/v1/truces/no-such-truce"])
def test_unknown_records_are_404_problems(client, scenario, path):
    answer = client.get(path, headers=scenario.headers("viewer"))
    assert answer.status_code == 404 and answer.headers["content-type"].startswith(PROBLEM)
    assert answer.json()["type"] == "urn:trucewatch:problem:not-found"


@pytest.mark.parametrize("params, word", [
    ({"date_after": "2016-03-10", "date_before": "2016-03-01"}, "date_before"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"near": "91,0"}, "near"),
    ({"within_km": "5"}, "within_km"),
    ({"verdict": "guilty"}, "verdict"),
    ({"type": "picnic"}, "type"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"truce": "no such truce"}, "truce"),
])
def test_bad_filters_are_sentences(client, scenario, params, word):
    answer = client.get("/api/v1/incidents", params=params, headers=scenario.headers("viewer"))
    assert answer.status_code in (400, 404), answer.text
    assert word in answer.json()["detail"]


def test_map_timeline_and_list_agree(client, scenario):
    headers = scenario.headers("viewer")
    params = {"date_after": "2016-03-01", "date_before": "2016-03-14", "verdict": ["possible violation", "probable violation"]}
    listed = client.get("/api/v1/incidents", params=params, headers=headers).json()["total"]
    clusters = client.get("/api/v1/map", params={**params, "zoom": 7}, headers=headers).json()
    series = client.get("/api/v1/timeline", params=params, headers=headers).json()
    assert listed == 3
    assert clusters["total"] == listed == clusters["in_view"] + clusters["unplaced"]
    assert sum(f["properties"]["count"] for f in clusters["features"]) == clusters["in_view"]
    assert series["total"] == listed
    assert sum(day["total"] for day in series["days"]) + sum(series["imprecise"].values()) == listed


def test_deleted_needs_a_time_and_pages(client, scenario):
    headers = scenario.headers("viewer")
    assert client.get("/api/v1/deleted", headers=headers).status_code == 422
    body = client.get("/api/v1/deleted", params={"since": "2000-01-01T00:00:00Z"}, headers=headers).json()
    assert body == {"items": [], "next": None}


def test_gazetteer_search(client, scenario):
    found = client.get("/api/v1/places", params={"q": "Idlib", "country": "SYR"}, headers=scenario.headers("viewer"))
    assert found.status_code == 200 and found.json()[0]["country"] == "SYR"
