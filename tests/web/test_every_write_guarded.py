"""Every route that changes something, found by walking the app (so a route added later is
covered without anyone listing it here): an anonymous caller is refused with 401 and a viewer
with 403, before any body or record is looked at. The few writes a viewer may make are named."""
from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from .conftest import make_client

SAFE = {"GET", "HEAD", "OPTIONS"}
VIEWER_MAY = {("POST", "/login"), ("POST", "/logout"), ("POST", "/jobs"), ("POST", "/api/v1/jobs")}
ANYONE_MAY = {("POST", "/login"), ("POST", "/logout")}


def writes(app) -> list[tuple[str, str]]:
    """(method, path) of every route that is not a plain read. FastAPI 0.16x keeps included
    routers whole and lists their routes as "effective route contexts"; older ones copy them."""
    found = []
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):
            routes = list(route.effective_route_contexts())
        else:
            routes = [route] if isinstance(route, APIRoute) else []
        for one in routes:
            found += [(method, one.path) for method in sorted(set(one.methods or ()) - SAFE)]
    return found


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


@pytest.fixture(scope="module")
def routes(sqlite_scenario):
    with make_client(sqlite_scenario.url) as client:
        yield client, writes(client.app)


def test_the_walk_finds_the_writes(routes):
    _, found = routes
    assert len(found) >= 30
    assert ("PATCH", "/api/v1/events/{event_id}") in found and ("POST", "/review/bulk") in found


def test_every_write_refuses_anonymous_callers_and_viewers(routes, sqlite_scenario):
    client, found = routes
    viewer = sqlite_scenario.headers("viewer")
    for method, path in found:
        url = concrete(path)
        if (method, path) not in ANYONE_MAY:
            anonymous = client.request(method, url, json={}, follow_redirects=False)
            assert anonymous.status_code == 401, (method, path, anonymous.status_code)
        if (method, path) not in VIEWER_MAY:
            answer = client.request(method, url, json={}, headers=viewer, follow_redirects=False)
            assert answer.status_code == 403, (method, path, answer.status_code)
