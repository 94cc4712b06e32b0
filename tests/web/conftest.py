"""A small, hand-built record for the server's tests (no language model needed): reports around an
invented Idlib pause, one with script, event-handler and javascript: payloads in its text and URL,
checked against the example truce and a hand-written pledge (data/pledges.yaml); one user per
role, each with a write token; a real HTTP server on a free loopback port when a test needs one.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import trucewatch
from trucewatch.incidents.samples import FSA, GOV, IS, make_document, make_event

from ..conftest import CHROMIUM  # the session's one Chromium (and the `browser` fixture) live there

BROWSER_MARKS = [  # a browser test module's pytestmark
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true",
                       reason="headless Chromium is not installed (required when CI=true)"),
]
ARTIFACTS = Path(os.environ.get("TRUCEWATCH_ARTIFACTS") or Path(__file__).resolve().parents[2] / "test-artifacts") / "browser"
EXAMPLE_TRUCE = Path(trucewatch.__file__).parent / "truce" / "examples" / "example_truce.yaml"
PLEDGES = Path(__file__).with_name("data") / "pledges.yaml"  # a hand-written pledge the strikes break
PASSWORD = "a long test passphrase"
ROLES = ("viewer", "analyst", "reviewer", "admin")
XSS_TEXT = ('Witnesses wrote <script>window.__xss = 1</script> near the bakery in Idlib on Thursday. '
            'A poster showed <img src="x" onerror="window.__xss = 2"> and a flyer gave '
            '<a href="javascript:window.__xss = 3">this link</a> as its address. Jets struck the bakery later.')
XSS_URL = "javascript:window.__xss = 4"


def _pairs():
    """(document, event) pairs: the fused and checked record every web test reads."""
    from trucewatch.records import Claim, Claimant

    a = make_document("Government jets bombed the grain market in Idlib on Friday, killing nine people. "
                      "The army denied any strike.", "Wire A", "2016-03-04")
    b = make_document("Warplanes hit the grain market of Idlib on Friday and eleven people died, rescuers said.",
                      "Wire B", "2016-03-04")
    c = make_document("Rebels of the Free Syrian Army said they shelled an army post in Maarrat Misrin.",
                      "Wire C", "2016-03-06")
    d = make_document("Islamic State fighters clashed with a rival group near Idlib.", "Wire D", "2016-03-09")
    e = make_document("Jets struck a depot in Aleppo after the pause had ended.", "Wire E", "2016-03-20")
    f = make_document(XSS_TEXT, "Wire <b>F</b>", "2016-03-10").model_copy(update={"url": XSS_URL})
    g = make_document("Shells fell somewhere in the province earlier this month, a council said.", "Wire G",
                      "2016-03-12")
    h = make_document("A convoy was turned back at a checkpoint, aid workers said; its route was not given.",
                      "Wire H", "2016-03-08")
    denial = [("the army", "Syria", "SYR", "MIL", "denies", "occurrence", None)]
    pairs = [
        (a, make_event(a, actors=[GOV], killed=(9, 9, 9), claims=denial)),
        (b, make_event(b, killed=(11, 11, 11))),
        (c, make_event(c, type="shelling", place="Maarrat Misrin", day="2016-03-06", actors=[FSA],
                       claims=[("rebels", "Free Syrian Army", "SYR", "REB", "claims_responsibility",
                                "perpetrator", "Free Syrian Army")])),
        (d, make_event(d, type="armed_clash", actors=[IS])),
        (e, make_event(e, place="Aleppo", actors=[GOV])),
        (f, make_event(f, actors=[GOV], day="2016-03-10")),
        (g, make_event(g, type="shelling", day="2016-03-01", end="2016-03-31", precision="month", actors=[GOV])),
        (h, make_event(h, type="aid_blocked", place=None, actors=[GOV])),
    ]
    # The XSS report's claim quotes the payload sentence too, so it is shown on the incident page.
    doc, event = pairs[5]
    sentence_end = doc.text.index("Thursday.") + len("Thursday.")
    claim = Claim(claimant=Claimant(text="witnesses", sector="CVL"), stance="asserts", about="occurrence",
                  text=doc.text[:sentence_end], start=0, end=sentence_end)
    pairs[5] = (doc, event.model_copy(update={"claims": [claim]}))
    return pairs


@dataclass
class Scenario:
    url: str
    tokens: dict[str, str] = field(default_factory=dict)  # role -> write-scope token
    read_token: str = ""  # admin's read-scope token
    truce_id: str = ""

    def headers(self, role: str, *, read: bool = False) -> dict:
        return {"Authorization": f"Bearer {self.read_token if read else self.tokens[role]}"}


def build_scenario(url: str) -> Scenario:
    from trucewatch.accounts.passwords import cheapest_hashing
    from trucewatch.accounts.tokens import issue_token
    from trucewatch.accounts.users import add_user
    from trucewatch.audit import Actor
    from trucewatch.commitments import check_commitments
    from trucewatch.records import Extraction
    from trucewatch.store import open_store
    from trucewatch.truce.run import run_check
    from trucewatch.truce.stored import list_truces

    actor = Actor(name="test-setup", via="cli")
    with open_store(url) as store, cheapest_hashing():
        pairs = _pairs()
        store.add([d for d, _ in pairs], [Extraction(document=d, events=[e]) for d, e in pairs])
        _, incidents, _ = run_check(EXAMPLE_TRUCE, store, actor=actor)
        check_commitments(store, files=[PLEDGES], incidents=incidents)
        scenario = Scenario(url, truce_id=list_truces(store)[0].id)
        for role in ROLES:
            add_user(store, role, role, PASSWORD, actor=actor)
            scenario.tokens[role] = issue_token(store, role, name="tests", scope="write", expires_days=1,
                                                actor=actor)[1]
        scenario.read_token = issue_token(store, "admin", name="read-only", scope="read", expires_days=1,
                                          actor=actor)[1]
    return scenario


@pytest.fixture(scope="module")
def scenario(module_store_url) -> Scenario:
    """The record, the users and their tokens, on SQLite and on PostgreSQL (shared by a module)."""
    return build_scenario(module_store_url)


@pytest.fixture(scope="module")
def sqlite_scenario(tmp_path_factory) -> Scenario:
    """The same on SQLite only, for tests whose subject is not the database."""
    return build_scenario(f"sqlite:///{tmp_path_factory.mktemp('web') / 'trucewatch.db'}")


def make_client(url: str, base_url: str = "http://127.0.0.1:8000", **settings):
    from fastapi.testclient import TestClient

    from trucewatch.web import Settings, create_app

    app = create_app(Settings(db_url=url, **settings))
    return TestClient(app, base_url=base_url)


@pytest.fixture(scope="module")
def client(scenario):
    with make_client(scenario.url) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def sqlite_client(sqlite_scenario):
    with make_client(sqlite_scenario.url) as test_client:
        yield test_client


def login(test_client, name: str, password: str = PASSWORD) -> str:
    """Sign a test client in through the login form; returns the session's CSRF token."""
    import re

    form = test_client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    done = test_client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"},
                            follow_redirects=False)
    assert done.status_code == 303, done.text
    page = test_client.get("/")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


class LiveServer:
    """uvicorn on 127.0.0.1 and a port the OS picked, in a thread of this process."""

    def __init__(self, url: str):
        import uvicorn

        from trucewatch.web import Settings, create_app

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(Settings(db_url=url)), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, name: str) -> None:
    page.goto("/")
    assert "/login" in page.url
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("#login")
    page.wait_for_selector("#who")
    assert page.inner_text("#who").startswith(name)
