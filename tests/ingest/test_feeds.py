"""Feeds against a real HTTP server on loopback, started by the test."""
from __future__ import annotations

import time
from datetime import date
from http.server import BaseHTTPRequestHandler

import pytest

from trucewatch.errors import InputError
from trucewatch.ingest import Fetcher, read_inputs
from trucewatch.records import Document

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{body}</p><p>Residents said the town had been quiet for a week before this.</p>"
        "</article></body></html>")
PAGES = {
    "/a.html": PAGE.format(title="Shelling in Testville",
                           body="Artillery shells struck the eastern district of Testville on Monday, "
                                "the local council said in a statement."),
    "/b.html": PAGE.format(title="Clashes near Mocktown",
                           body="Fighters exchanged fire with army units near Mocktown on Tuesday, "
                                "according to a monitor based in the town."),
    "/flaky.html": PAGE.format(title="Air strike in Demoville",
                               body="An air strike hit a warehouse in Demoville on Wednesday, "
                                    "two residents told the monitor."),
}
ENTRY = """<entry><title>{title}</title><id>urn:test:{slug}</id><link href="{base}{path}"/>
<updated>2016-03-0{day}T08:00:00Z</updated><summary type="html">&lt;p&gt;Summary of {title}.&lt;/p&gt;</summary></entry>"""
ITEMS = [("/a.html", "Shelling in Testville"), ("/slow.html", "Slow page"),
         ("/missing.html", "Missing page"), ("/flaky.html", "Air strike in Demoville"),
         ("/b.html", "Clashes near Mocktown")]


def atom_feed(base: str) -> str:
    entries = "\n".join(ENTRY.format(title=title, slug=path.strip("/"), base=base, path=path, day=n + 1)
                        for n, (path, title) in enumerate(ITEMS))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Example Monitor</title><id>urn:test:feed</id><updated>2016-03-06T00:00:00Z</updated>"
            f"{entries}</feed>")


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, list[float]] = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.hits.setdefault(self.path, []).append(time.monotonic())
        if self.path == "/slow.html":
            time.sleep(1.5)
        if self.path == "/flaky.html" and len(self.hits[self.path]) == 1:
            return self._send(503, "busy", "text/plain")
        if self.path == "/feed.atom":
            return self._send(200, atom_feed(f"http://127.0.0.1:{self.server.server_port}"),
                              "application/atom+xml")
        if self.path in PAGES or self.path == "/slow.html":
            return self._send(200, PAGES.get(self.path, PAGES["/a.html"]), "text/html; charset=utf-8")
        return self._send(404, "not here", "text/plain")

    def _send(self, status, body, content_type):
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(serve_http):
    Handler.hits = {}
    return serve_http(Handler)


def quick_fetcher(**kw):
    return Fetcher(**{"timeout": 0.5, "retries": 1, "backoff": 0.05, "min_interval": 0.0, "allow_private": True, **kw})


def test_feed_items_are_fetched_and_bad_pages_named(server):
    with quick_fetcher() as fetcher:
        results = list(read_inputs([f"{server}/feed.atom"], fetch=True, fetcher=fetcher))
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "InputError", "Document", "Document"]
    slow, missing = results[1], results[2]
    assert slow.source == f"{server}/slow.html" and "timed out" in slow.reason
    assert missing.source == f"{server}/missing.html" and missing.reason == "HTTP 404 Not Found"
    assert len(Handler.hits["/missing.html"]) == 1  # a 404 is not retried
    assert len(Handler.hits["/flaky.html"]) == 2  # a 503 is retried
    first = results[0]
    assert "Artillery shells struck" in first.text
    assert first.url == f"{server}/a.html" and first.path == f"{server}/feed.atom"
    assert first.source == "Example Monitor" and first.ref == "urn:test:a.html"
    assert first.published == date(2016, 3, 1) and first.published_given
    assert results[3].published == date(2016, 3, 4)


def test_feed_without_fetch_uses_summaries(server, tmp_path):
    with quick_fetcher() as fetcher:
        results = list(read_inputs([f"{server}/feed.atom"], fetcher=fetcher))
    assert all(isinstance(r, Document) for r in results) and len(results) == len(ITEMS)
    assert results[0].text == "Summary of Shelling in Testville."
    assert "/a.html" not in Handler.hits  # pages are not fetched without --fetch


def test_feed_from_a_file(server, tmp_path):
    path = tmp_path / "saved.atom"
    path.write_text(atom_feed(server), encoding="utf-8")
    results = list(read_inputs([path]))
    assert [r.title for r in results] == [title for _, title in ITEMS]
    assert results[0].path == str(path)


def test_unreachable_url_is_named(server):
    with quick_fetcher(retries=0) as fetcher:
        [error] = read_inputs([f"{server}/nothing.atom"], fetcher=fetcher)
    assert isinstance(error, InputError) and error.reason == "HTTP 404 Not Found"


def test_requests_to_one_host_are_spaced(server, monkeypatch):
    """On a clock that moves only when the fetcher sleeps, the second request to the same host waits
    the whole interval (server-side timestamps would depend on how busy the machine is)."""
    import trucewatch.ingest.fetch as fetch_module

    clock = {"now": 1000.0, "slept": []}

    def sleep(seconds):
        clock["slept"].append(seconds)
        clock["now"] += seconds

    monkeypatch.setattr(fetch_module.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(fetch_module.time, "sleep", sleep)
    with quick_fetcher(min_interval=0.3) as fetcher:
        fetcher.get(f"{server}/a.html")
        fetcher.get(f"{server}/b.html")
    assert clock["slept"] == [0.3]
    assert "/a.html" in Handler.hits and "/b.html" in Handler.hits


def test_a_page_url_is_read_as_html(server):
    with quick_fetcher() as fetcher:
        [document] = read_inputs([f"{server}/b.html"], fetcher=fetcher)
    assert document.url == f"{server}/b.html" and document.path == f"{server}/b.html"
    assert "Fighters exchanged fire" in document.text


def test_feed_through_the_cli(server, tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TRUCEWATCH_DB"}
    result = subprocess.run(
        [sys.executable, "-m", "trucewatch", "ingest", f"{server}/feed.atom", "--fetch", "--allow-private", "--no-extract",
         "--timeout", "0.5", "--delay", "0", "--db", f"sqlite:///{tmp_path / 'tw.db'}"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.strip() == "3 new, 0 skipped, 2 failed"
    assert f"{server}/missing.html: HTTP 404 Not Found" in result.stderr.splitlines()
    assert f"{server}/slow.html: timed out after 0.5 s (3 attempts)" in result.stderr.splitlines()
