"""/api/v1/commitments on SQLite and PostgreSQL: read by every signed-in role and by nobody else,
filtered by verdict and party, paged by `next`, as JSON or CSV; one commitment with its verdict,
windows, claims and links to its incidents; an unknown id is a 404 problem."""
from __future__ import annotations

import csv
import io

import pytest

from trucewatch.web.api.models import CommitmentOut

from .conftest import ROLES

PROBLEM = "application/problem+json"
BROKEN, KEPT = "test-idlib-strikes", "test-rebel-shelling"  # tests/web/data/pledges.yaml


def test_anonymous_callers_are_refused_with_a_problem(client):
    for path in ("/api/v1/commitments", f"/api/v1/commitments/{BROKEN}"):
        answer = client.get(path)
        assert answer.status_code == 401 and answer.headers["content-type"].startswith(PROBLEM)
        assert answer.json()["type"] == "urn:trucewatch:problem:unauthenticated"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_list(client, scenario, role):
    body = client.get("/api/v1/commitments", headers=scenario.headers(role)).json()
    assert body["total"] == 2 and body["next"] is None
    assert [(item["id"], item["verdict"]) for item in body["items"]] == [(BROKEN, "possibly broken"), (KEPT, "kept")]


def test_a_read_token_reads_one(client, scenario):
    assert client.get(f"/api/v1/commitments/{KEPT}", headers=scenario.headers("admin", read=True)).status_code == 200


def test_list_items_carry_rates_and_reports_per_window(client, scenario):
    body = client.get("/api/v1/commitments", params={"verdict": "possibly_broken"},
                      headers=scenario.headers("viewer")).json()
    (item,) = body["items"]
    assert item["party"] == "SYR" and item["place"] == "Idlib" and item["firmness"] == "announced"
    assert (item["before_incidents"], item["after_incidents"]) == (1, 1)  # the market strike; the bakery strike
    assert item["before_reports"] == 2 and item["after_reports"] == 4
    assert len(item["breach_incidents"]) == 1 and item["breach_incidents"][0].startswith("inc-")


@pytest.mark.parametrize("params, expected", [
    ({"verdict": "kept"}, [KEPT]),
    ({"verdict": "broken,kept"}, [KEPT]),
    ({"verdict": ["possibly broken", "kept"]}, [BROKEN, KEPT]),
    ({"verdict": "unchecked"}, []),
    ({"party": "SYR"}, [BROKEN]),
    ({"party": "free syrian army"}, [KEPT]),
    ({"party": "Syria (SYR)"}, [BROKEN]),
    ({"party": "Russia"}, []),
    ({"kind": "de_escalation", "order": "desc"}, [KEPT, BROKEN]),
    ({"date_after": "2016-03-19"}, [KEPT]),  # the army's pledge ended on the 18th; the rebels' has no end
    ({"date_before": "2016-03-06"}, [BROKEN]),
])
def test_filters(client, scenario, params, expected):
    body = client.get("/api/v1/commitments", params=params, headers=scenario.headers("viewer")).json()
    assert [item["id"] for item in body["items"]] == expected and body["total"] == len(expected)


def test_a_verdict_no_commitment_can_have_is_a_sentence(client, scenario):
    answer = client.get("/api/v1/commitments", params={"verdict": "violation"}, headers=scenario.headers("viewer"))
    assert answer.status_code == 400 and answer.headers["content-type"].startswith(PROBLEM)
    assert "'verdict'" in answer.json()["detail"] and "kept" in answer.json()["detail"]


def test_paging_follows_next_and_fields_choose(client, scenario):
    headers = scenario.headers("viewer")
    first = client.get("/api/v1/commitments", params={"limit": 1, "fields": "verdict"}, headers=headers).json()
    assert first["total"] == 2 and first["items"] == [{"id": BROKEN, "verdict": "possibly broken"}]
    second = client.get(first["next"], headers=headers).json()
    assert second["items"] == [{"id": KEPT, "verdict": "kept"}] and second["next"] is None
    bad = client.get("/api/v1/commitments", params={"fields": "password"}, headers=headers)
    assert bad.status_code == 400 and "password" in bad.json()["detail"]


def test_csv_is_the_export_writers_with_a_next_link(client, scenario):
    answer = client.get("/api/v1/commitments", params={"format": "csv", "limit": 1}, headers=scenario.headers("viewer"))
    assert answer.headers["content-type"].startswith("text/csv") and answer.headers["x-total-count"] == "2"
    assert 'rel="next"' in answer.headers["link"]
    (row,) = csv.DictReader(io.StringIO(answer.text))
    assert row["commitment_id"] == BROKEN and row["verdict"] == "possibly broken" and row["after_reports"] == "4"


def test_one_commitment_with_verdict_windows_claims_and_incident_links(client, scenario):
    headers = scenario.headers("viewer")
    body = client.get(f"/api/v1/commitments/{BROKEN}", headers=headers).json()
    CommitmentOut.model_validate(body)  # every field the schema requires is there
    assert body["verdict"] == "possibly broken" and body["party"]["key"] == "SYR"
    assessment = body["assessment"]
    assert assessment["before"]["reports"] == 2 and assessment["after"]["reports"] == 4
    assert assessment["after"]["breaches"] == 1 and assessment["trace"]
    (claim,) = body["reports"]
    assert claim["quote"].startswith("The air force will hold back") and (claim["start"], claim["end"]) == (0, 68)
    roles = {link["role"]: link for link in body["incidents"]}
    assert set(roles) == {"breaks", "before"} and roles["breaks"]["verdict"] == "possible violation"
    for link in body["incidents"]:
        assert link["page"] == f"/incidents/{link['id']}"
        incident = client.get(link["href"], headers=headers)
        assert incident.status_code == 200 and incident.json()["id"] == link["id"]
    kept = client.get(f"/api/v1/commitments/{KEPT}", headers=headers).json()
    assert kept["conditional"] is True and kept["condition"] == "if the army stops its air strikes"
    assert kept["firmness"]["grade"] == "reported" and kept["incidents"][0]["role"] == "before"


@pytest.mark.parametrize("path", ["/api/v1/commitments/cmt-0000", "/api/v1/commitments/test-idlib"])
def test_unknown_commitments_are_404_problems(client, scenario, path):
    answer = client.get(path, headers=scenario.headers("viewer"))
    assert answer.status_code == 404 and answer.headers["content-type"].startswith(PROBLEM)
    assert answer.json()["type"] == "urn:trucewatch:problem:not-found"


def test_the_schema_lists_both_operations(client, scenario):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get"} <= set(paths["/api/v1/commitments"]) and "404" in paths["/api/v1/commitments/{commitment_id}"]["get"]["responses"]
