"""Who may write: every write endpoint refuses anonymous callers and viewers (and whoever else the
role table leaves out), and writes nothing when it refuses; CSRF for browser sessions; API tokens
only in the Authorization header; SQL metacharacters in every filter are just text."""
from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa

from .conftest import PASSWORD, ROLES, login, make_client

ALLOWED = {
    "manage_truces": {"admin"},
    "manage_users": {"admin"},
    "edit": {"analyst", "reviewer", "admin"},
}
TRUCE_YAML = """name: {name}
parties: [SYR, "Free Syrian Army"]
area:
  places: [{{name: Idlib, lat: 35.93, lon: 36.63}}]
  buffer_km: 5
start: 2016-03-01T00:00
end: 2016-03-14T23:59
prohibited: [air_strike]
"""
counter = itertools.count()


def audit_rows(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(sa.text("SELECT count(*) FROM audit_log"))
    finally:
        engine.dispose()


def _make_search(url: str, role: str) -> int:
    from trucewatch.accounts.searches import save_search
    from trucewatch.accounts.users import get_user
    from trucewatch.audit import Actor
    from trucewatch.store import open_store

    with open_store(url) as store:
        return save_search(store, get_user(store, role), f"s{next(counter)}", "country=SYR", actor=Actor("t")).id


def _make_token(url: str) -> int:
    from trucewatch.accounts.tokens import issue_token
    from trucewatch.audit import Actor
    from trucewatch.store import open_store

    with open_store(url) as store:
        return issue_token(store, "viewer", name="to revoke", scope="read", expires_days=1, actor=Actor("t"))[0].id


def api_writes(scenario):
    """(permission, method, path, json body) of every API write, fresh names each call."""
    n = next(counter)
    truce = scenario.truce_id
    return [
        ("manage_truces", "POST", "/api/v1/truces", {"yaml": TRUCE_YAML.format(name=f"Pause {n}")}),
        ("manage_truces", "PUT", f"/api/v1/truces/{truce}", None),  # body made with the current version
        ("edit", "POST", f"/api/v1/truces/{truce}/check", None),
        ("manage_users", "POST", "/api/v1/users", {"name": f"new{n}", "role": "viewer", "password": PASSWORD}),
        ("manage_users", "PATCH", "/api/v1/users/viewer", None),  # body made with the current version
        ("manage_users", "POST", "/api/v1/users/viewer/tokens", {"name": f"t{n}", "scope": "read"}),
        ("manage_users", "DELETE", "/api/v1/tokens/{token}", None),
        ("edit", "POST", "/api/v1/searches", {"name": f"search {n}", "query": "verdict=violation"}),
        ("edit", "DELETE", "/api/v1/searches/{search}", None),
    ]


def _body(client, scenario, method, path, body):
    """The request's body; edits carry the record's current version, so only the role decides."""
    admin = scenario.headers("admin")
    if method == "PUT":
        current = client.get(path, headers=admin).json()
        return {"yaml": current["yaml"], "version": current["version"], "reason": "role test"}
    if method == "PATCH":
        current = client.get(path, headers=admin).json()
        return {"version": current["version"], "role": "viewer"}
    return body


def _path(path, scenario, role):
    if "{token}" in path:
        return path.format(token=_make_token(scenario.url))
    if "{search}" in path:
        return path.format(search=_make_search(scenario.url, role))
    return path


@pytest.mark.parametrize("case", range(9))
@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_api_write_is_guarded(sqlite_client, sqlite_scenario, case, role):
    permission, method, path, body = api_writes(sqlite_scenario)[case]
    path = _path(path, sqlite_scenario, role or "admin")
    body = _body(sqlite_client, sqlite_scenario, method, path, body)
    before = audit_rows(sqlite_scenario.url)
    headers = sqlite_scenario.headers(role) if role else {}
    answer = sqlite_client.request(method, path, json=body, headers=headers)
    if role is None:
        assert answer.status_code == 401, answer.text
    elif role in ALLOWED[permission]:
        assert answer.status_code in (200, 201, 204), (role, path, answer.text)
        assert audit_rows(sqlite_scenario.url) > before  # every accepted write is in the audit log
        return
    else:
        assert answer.status_code == 403, (role, path, answer.text)
        assert f"'{permission}'" in answer.json()["detail"]
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert audit_rows(sqlite_scenario.url) == before  # refused: nothing written


def test_a_read_token_cannot_write(sqlite_client, sqlite_scenario):
    answer = sqlite_client.post("/api/v1/searches", json={"name": "x", "query": ""},
                                headers=sqlite_scenario.headers("admin", read=True))
    assert answer.status_code == 403 and "scope is 'read'" in answer.json()["detail"]
    assert sqlite_client.get("/api/v1/me", headers=sqlite_scenario.headers("admin", read=True)).json()["role"] == "admin"


PAGE_WRITES = [  # (permission, path, form fields)
    ("edit", "/searches", {"name": "mine", "query": "country=SYR"}),
    ("edit", "/searches/{search}/delete", {}),
    ("manage_truces", "/truces/new", {"text": "name: x"}),
    ("manage_truces", "/truces/{truce}/edit", {"text": "name: x", "version": "1"}),
    ("edit", "/truces/{truce}/check", {}),
    ("manage_users", "/admin/users", {"name": "someone", "role": "viewer", "password": PASSWORD}),
    ("manage_users", "/admin/users/viewer", {"version": "1", "role": "viewer"}),
    ("manage_users", "/admin/users/viewer/tokens", {"label": "x", "scope": "read"}),
    ("manage_users", "/admin/tokens/{token}/revoke", {}),
]


@pytest.fixture(scope="module")
def browsers(sqlite_scenario):
    """One signed-in test client per role (its cookies), with its CSRF token."""
    clients = {}
    for role in ROLES:
        client = make_client(sqlite_scenario.url).__enter__()
        clients[role] = (client, login(client, role))
    yield clients
    for client, _ in clients.values():
        client.__exit__(None, None, None)


@pytest.mark.parametrize("case", range(len(PAGE_WRITES)))
def test_every_page_form_refuses_viewers_and_anonymous_users(sqlite_client, sqlite_scenario, browsers, case):
    permission, path, form = PAGE_WRITES[case]
    path = path.replace("{truce}", sqlite_scenario.truce_id)
    path = _path(path, sqlite_scenario, "viewer")
    before = audit_rows(sqlite_scenario.url)
    anonymous = make_client(sqlite_scenario.url)
    with anonymous:
        assert anonymous.post(path, data=form, follow_redirects=False).status_code == 401
    client, csrf = browsers["viewer"]
    answer = client.post(path, data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 403 and "text/html" in answer.headers["content-type"]
    assert audit_rows(sqlite_scenario.url) == before
    if permission == "edit":
        client, csrf = browsers["analyst"]
        path = _path(PAGE_WRITES[case][1].replace("{truce}", sqlite_scenario.truce_id), sqlite_scenario, "analyst")
        assert client.post(path, data={**form, "csrf_token": csrf}, follow_redirects=False).status_code == 303


def test_browser_writes_need_the_csrf_token(browsers, sqlite_scenario):
    client, csrf = browsers["analyst"]
    form = {"name": "csrf test", "query": "country=SYR"}
    missing = client.post("/searches", data=form, follow_redirects=False)
    assert missing.status_code == 403 and "CSRF" in missing.text
    wrong = client.post("/searches", data={**form, "csrf_token": "x" * 43}, follow_redirects=False)
    assert wrong.status_code == 403
    elsewhere = client.post("/searches", data={**form, "csrf_token": csrf}, follow_redirects=False,
                            headers={"Origin": "http://evil.example"})
    assert elsewhere.status_code == 403
    # The API with the session cookie needs the token in a header; with an API token it needs none.
    assert client.post("/api/v1/searches", json=form).status_code == 403
    assert client.post("/api/v1/searches", json=form, headers={"X-CSRF-Token": csrf}).status_code == 201
    assert client.post("/searches", data={**form, "csrf_token": csrf}, follow_redirects=False).status_code == 303


def test_login_form_needs_its_csrf_cookie(sqlite_scenario):
    with make_client(sqlite_scenario.url) as client:
        answer = client.post("/login", data={"name": "admin", "password": PASSWORD, "csrf_token": "guess"})
        assert answer.status_code == 403
        assert "tw_session" not in client.cookies


def test_session_cookie_is_httponly_and_samesite(sqlite_scenario):
    with make_client(sqlite_scenario.url, base_url="https://127.0.0.1:8443", secure_cookies=True) as client:
        import re
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        answer = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": token},
                             follow_redirects=False)
        cookie = answer.headers["set-cookie"]
        assert "tw_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie


@pytest.mark.parametrize("where", ["token", "access_token", "api_key", "q", "path"])
def test_tokens_are_never_accepted_in_a_url(sqlite_client, sqlite_scenario, where):
    secret = sqlite_scenario.tokens["admin"]
    if where == "path":
        answer = sqlite_client.get(f"/api/v1/incidents/{secret}")
    else:
        answer = sqlite_client.get("/api/v1/incidents", params={where: secret})
    assert answer.status_code == 400
    assert answer.json()["type"] == "urn:trucewatch:problem:credential-in-url"
    assert secret not in answer.text
    assert sqlite_client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {secret}"}).status_code == 200


def test_revoked_and_unknown_tokens_are_refused(sqlite_client, sqlite_scenario):
    issued = sqlite_client.post("/api/v1/users/viewer/tokens", json={"name": "short-lived", "scope": "read"},
                                headers=sqlite_scenario.headers("admin")).json()
    headers = {"Authorization": f"Bearer {issued['token']}"}
    assert sqlite_client.get("/api/v1/me", headers=headers).status_code == 200
    listed = sqlite_client.get("/api/v1/users/viewer/tokens", headers=sqlite_scenario.headers("admin")).json()
    assert all("token" not in t and "secret_hash" not in t for t in listed)
    assert any(t["id"] == issued["id"] and t["last_used_at"] for t in listed)
    sqlite_client.delete(f"/api/v1/tokens/{issued['id']}", headers=sqlite_scenario.headers("admin"))
    assert sqlite_client.get("/api/v1/me", headers=headers).status_code == 401
    forged = issued["token"][:-4] + "AAAA"
    assert sqlite_client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert sqlite_client.get("/api/v1/me", headers={"Authorization": "Basic YWRtaW46eA=="}).status_code == 401


# "a_b" would match "a bakery" and "%" everything if they reached LIKE unescaped.
METACHARACTERS = ["' OR '1'='1", "1; DROP TABLE incidents; --", "%", "a_b", "\\", "\" UNION SELECT password_hash FROM users --",
                  "a%' OR 1=1 --", "\x00"]
FILTER_NAMES = ["date_after", "date_before", "country", "admin1", "actor", "type", "grade", "verdict",
                "review_status", "bbox", "near", "within_km", "q", "updated_since", "truce", "cursor", "fields",
                "order"]
ENDPOINTS = ["/api/v1/incidents", "/api/v1/events", "/api/v1/documents", "/api/v1/findings",
             "/api/v1/map?zoom=5", "/api/v1/timeline"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_sql_metacharacters_in_every_filter_are_just_text(client, scenario, endpoint):
    headers = scenario.headers("viewer")
    for name, value in itertools.product(FILTER_NAMES, METACHARACTERS):
        answer = client.get(endpoint, params={name: value}, headers=headers)
        assert answer.status_code in (200, 400, 404, 422), (name, value, answer.status_code, answer.text)
        if answer.status_code == 200 and name in ("q", "admin1", "actor") and "total" in answer.json():
            assert answer.json()["total"] == 0, (name, value)  # no report or place contains these
    assert client.get("/api/v1/incidents", headers=headers).json()["total"] == 7  # nothing was dropped
    assert len(client.get("/api/v1/users", headers=scenario.headers("admin")).json()) >= 4


def test_problem_for_unknown_api_route_and_method(sqlite_client, sqlite_scenario):
    missing = sqlite_client.get("/api/v1/nothing-here", headers=sqlite_scenario.headers("viewer"))
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")
    wrong = sqlite_client.put("/api/v1/incidents", headers=sqlite_scenario.headers("admin"))
    assert wrong.status_code == 405 and wrong.json()["status"] == 405


@pytest.mark.parametrize("kind", ['a"b', "a\r\nSet-Cookie: x=1", "nothing"])
def test_a_history_of_an_unknown_kind_is_a_clear_400(sqlite_client, sqlite_scenario, kind):
    """The kind names the download (Content-Disposition): anything but a record kind is refused
    before it reaches a header."""
    from urllib.parse import quote

    answer = sqlite_client.get(f"/api/v1/history/{quote(kind, safe='')}/x", params={"format": "csv"},
                               headers=sqlite_scenario.headers("viewer"))
    assert answer.status_code == 400
    assert "set-cookie" not in answer.headers
    assert "event, incident, finding, truce" in answer.json()["detail"]
    shown = sqlite_client.get("/api/v1/history/truce/x", params={"format": "csv"}, headers=sqlite_scenario.headers("viewer"))
    assert shown.status_code == 200 and shown.headers["content-disposition"] == 'attachment; filename="history-truce.csv"'
