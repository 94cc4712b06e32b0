"""Classes 4, 5 and 6 against a real HTTP server on loopback: one bad feed item fails alone, the
timeout bounds the whole request, and links from feeds to loopback, private, link-local or
non-HTTP(S) addresses are refused unless --allow-private."""
from __future__ import annotations

import gzip
import time
from http.server import BaseHTTPRequestHandler

import pytest

from trucewatch.errors import InputError
from trucewatch.ingest import Fetcher
from trucewatch.store import open_store

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>"
        "<p>Residents said the town had been quiet for a week before this happened.</p></article></body></html>")
PAGES = {
    "/good1.html": PAGE.format(title="Shelling in Hama", body="Artillery shells struck the eastern "
                               "district of Hama on Monday, the local council said in a statement."),
    "/good2.html": PAGE.format(title="Clashes near Idlib", body="Fighters exchanged fire with army units "
                               "near Idlib on Tuesday, according to a monitor based in the town."),
    "/internal/secret": PAGE.format(title="Internal admin page", body="This page sits on an internal "
                                    "address and must never be stored from a feed link by default."),
}


BOMB = gzip.compress(b"\0" * 40_000_000, compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):  # noqa: N802
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/loop":
            return self._redirect("/loop")
        if self.path == "/to-file":
            return self._redirect("file:///etc/passwd")
        if self.path == "/trickle-body":
            return self._trickle(headers_first=True)
        if self.path == "/trickle-headers":
            return self._trickle(headers_first=False)
        if self.path == "/bomb":  # 40 MB of zeros in 40 kB of gzip
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            self.wfile.write(BOMB)
            return None
        if self.path in PAGES:
            return self._send(200, PAGES[self.path].encode("utf-8"))
        return self._send(404, b"not here")

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _trickle(self, *, headers_first: bool):
        """One byte every 0.2 s for up to 60 s: each read is quick, the whole never ends."""
        raw = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
               + b"<p>" + b"x" * 99_997)
        try:
            if headers_first:
                head, raw = raw.split(b"\r\n\r\n", 1)
                self.wfile.write(head + b"\r\n\r\n")
                self.wfile.flush()
            deadline = time.monotonic() + 60
            for byte in raw:
                if time.monotonic() > deadline:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _send(self, status, data):
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server(serve_http):
    Handler.hits = {}
    return serve_http(Handler)


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link><pubDate>Mon, 07 Mar 2016 10:00:00 GMT"
                    f"</pubDate><description>Summary {n}.</description></item>" for n, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>{items}</channel></rss>'


def test_links_to_internal_addresses_are_refused_by_default(server, tmp_path, hostile):
    port = server.rsplit(":", 1)[1]
    refused = [f"{server}/internal/secret", f"http://localhost:{port}/internal/secret",
               f"http://[::1]:{port}/internal/secret", "http://10.11.12.13/admin", "http://192.168.0.1/",
               "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:9/", "file:///etc/passwd",
               "ftp://example.org/file.txt", "javascript:alert(1)"]
    feed = tmp_path / "feed.rss"
    feed.write_text(rss(refused), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    started = time.monotonic()
    done = hostile.run_cli("ingest", str(feed), "--fetch", "--no-extract", "--db", db, cwd=tmp_path)
    named = [link for link in refused if not link.startswith("file:")] + ["file://", "etc/passwd"]
    err = hostile.assert_named_failure(done, *named)  # feedparser writes file:/// as file://
    assert time.monotonic() - started < 60  # refused at once, not retried with backoff
    assert err.count("refused") >= len(refused) and "--allow-private" in err
    assert Handler.hits.get("/internal/secret") is None  # never fetched
    assert "0 new" in hostile.text_of(done)[0]
    allowed = hostile.run_cli("ingest", str(feed), "--fetch", "--no-extract", "--allow-private", "--db", db,
                              "--delay", "0", cwd=tmp_path)
    assert "1 new" in hostile.text_of(allowed)[0] and Handler.hits.get("/internal/secret")


def test_a_url_named_on_the_command_line_needs_allow_private_for_loopback(server, tmp_path, hostile):
    done = hostile.run_cli("ingest", f"{server}/good1.html", "--no-extract", "--db",
                           f"sqlite:///{tmp_path / 'tw.db'}", cwd=tmp_path)
    hostile.assert_named_failure(done, f"{server}/good1.html", "loopback", "--allow-private")


def test_each_bad_item_fails_alone(server, tmp_path, hostile):
    links = [f"{server}/good1.html", f"{server}/loop", f"{server}/to-file", f"{server}/missing",
             "http://[not a host/", f"{server}/good2.html"]
    feed = tmp_path / "feed.rss"
    feed.write_text(rss(links), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    done = hostile.run_cli("ingest", str(feed), "--fetch", "--no-extract", "--allow-private", "--delay", "0",
                           "--db", db, cwd=tmp_path)
    err = hostile.assert_named_failure(done, f"{server}/loop", f"{server}/to-file", f"{server}/missing",
                                       "http://[not a host/")
    assert "redirect" in err
    assert "2 new" in hostile.text_of(done)[0]
    with open_store(db) as store:
        assert {d.url for d in store.documents()} == {f"{server}/good1.html", f"{server}/good2.html"}
    assert Handler.hits["/to-file"] == 1  # a redirect to file:// is refused at once, not retried


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_the_timeout_bounds_the_whole_request(server, path):
    fetcher = Fetcher(timeout=1.0, retries=0, min_interval=0, allow_private=True)
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetcher.get(server + path)
    assert time.monotonic() - started < 3.0
    fetcher.close()


def test_a_trickling_item_times_out_and_the_feed_goes_on(server, tmp_path, hostile):
    feed = tmp_path / "feed.rss"
    feed.write_text(rss([f"{server}/trickle-body", f"{server}/good2.html"]), encoding="utf-8")
    started = time.monotonic()
    done = hostile.run_cli("ingest", str(feed), "--fetch", "--no-extract", "--allow-private", "--timeout", "0.5",
                           "--delay", "0", "--db", f"sqlite:///{tmp_path / 'tw.db'}", cwd=tmp_path)
    err = hostile.assert_named_failure(done, f"{server}/trickle-body", "timed out")
    assert time.monotonic() - started < 30, err
    assert "1 new" in hostile.text_of(done)[0]


def test_a_gzip_bomb_stops_at_the_size_limit(server):
    fetcher = Fetcher(timeout=10, retries=0, min_interval=0, allow_private=True, max_bytes=2_000_000)
    with pytest.raises(InputError, match="over the size limit"):
        fetcher.get(server + "/bomb")
    fetcher.close()
