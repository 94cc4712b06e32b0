"""The commitment pages without a browser: the navigation links the list, the list filters by
verdict and party, a commitment's page shows who pledged what, where, when (with precision), how
firm, the verdict with the report's before/after chart, the claims, and links to its incidents."""
from __future__ import annotations

import re

import pytest

from .conftest import login, make_client

BROKEN, KEPT = "test-idlib-strikes", "test-rebel-shelling"  # tests/web/data/pledges.yaml


@pytest.fixture(scope="module")
def viewer(sqlite_scenario):
    with make_client(sqlite_scenario.url) as client:
        login(client, "viewer")
        yield client


def test_the_list_is_linked_from_the_dashboard_and_filters(viewer):
    assert 'href="/commitments" id="nav-commitments"' in viewer.get("/").text
    listed = viewer.get("/commitments").text
    assert re.findall(r'class="commitment-row" data-id="([^"]+)" data-verdict="([^"]+)"', listed) == [
        (BROKEN, "possibly broken"), (KEPT, "kept")]
    assert f'href="/commitments/{BROKEN}"' in listed and "1 → 1 <small>(2 → 4 reports)</small>" in listed
    kept = viewer.get("/commitments", params={"verdict": "kept"}).text
    assert f'data-id="{KEPT}"' in kept and f'data-id="{BROKEN}"' not in kept and 'value="kept" checked' in kept
    assert f'data-id="{BROKEN}"' in viewer.get("/commitments", params={"party": "SYR"}).text
    refused = viewer.get("/commitments", params={"verdict": "guilty"})
    assert refused.status_code == 400 and "The filter &#39;verdict&#39; has no value" in refused.text


def test_a_commitment_page_shows_the_pledge_its_verdict_chart_claims_and_incidents(viewer):
    html = viewer.get(f"/commitments/{BROKEN}").text
    assert 'id="commitment-verdict"' in html and ">possibly broken</span> de-escalation by Syria (SYR) — Idlib" in html
    assert "stops air strike" in html and "precision: city, SYR" in html
    assert "start: precision day, 2016-03-05 to 2016-03-05" in html and "end: precision day" in html
    assert 'id="pledge-firmness">announced (1 independent source(s))' in html
    assert '<svg class="commitment-chart" id="chart-test-idlib-strikes"' in html
    assert html.count('<g class="day">') == 28  # 14 days before, 14 after
    assert 'data-window="before" data-incidents="1" data-reports="2"' in html
    assert 'data-window="after" data-incidents="1" data-reports="4"' in html
    assert "“The air force will hold back from striking Idlib city for two weeks.”" in html
    assert "(characters 0–68)" in html
    links = re.findall(r'data-role="(\w+)"><td><a class="incident-link" href="(/incidents/inc-[0-9a-f]+)"', html)
    assert [role for role, _ in links] == ["breaks", "before"]
    for _, href in links:
        incident = viewer.get(href)
        assert incident.status_code == 200 and 'id="incident"' in incident.text
    kept = viewer.get(f"/commitments/{KEPT}").text
    assert 'id="pledge-condition">conditional: “if the army stops its air strikes”' in kept


def test_anonymous_users_are_sent_to_log_in_and_unknown_ids_are_404(sqlite_scenario, viewer):
    with make_client(sqlite_scenario.url) as anonymous:
        answer = anonymous.get(f"/commitments/{BROKEN}", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
    missing = viewer.get("/commitments/cmt-0000")
    assert missing.status_code == 404 and "There is no commitment &#39;cmt-0000&#39;" in missing.text
