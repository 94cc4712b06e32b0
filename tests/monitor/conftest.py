"""Real loopback HTTP servers for the watch tests: two news feeds (RSS) whose items link to article
pages, and a webhook receiver that records every POST and can be told to fail or hang. The
reports are invented; the truce is the demo's (Hama)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

import trucewatch

DEMO_TRUCE = Path(trucewatch.__file__).parent / "demo" / "truce.yaml"
REPORTS = {
    # feed a: Orontes Wire; feed b: Valley Monitor (two outlets: independent sources)
    "a1": ("a", "2016-03-09", "Morning bulletin, 9 March",
           "Government helicopters dropped barrel bombs on a market in the village of Qamhana, north of Hama, "
           "on 8 March, killing at least six civilians, local activists said."),
    "b1": ("b", "2016-03-09", "Clinic report from the north",
           "Six people died when Syrian army helicopters struck the market of Qamhana near Hama on 8 March, "
           "according to a doctor at the village clinic."),
    "a2": ("a", "2016-03-18", "Evening bulletin, 18 March",
           "The Free Syrian Army claimed responsibility for shelling an army checkpoint in Maardes, on the northern "
           "edge of Hama, on 17 March. The group said the checkpoint had been used to fire on farms nearby."),
    "b2": ("b", "2016-03-24", "Statement from the south",
           "The Free Syrian Army claimed responsibility for shelling a government barracks in the south of Hama "
           "city on 23 March, saying the barracks housed snipers."),
}
OUTLETS = {"a": "Orontes Wire", "b": "Valley Monitor"}
PAGE = ('<html><head><title>{title}</title><meta property="og:site_name" content="{outlet}"></head>'
        "<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


class Feeds:
    """The feed server's content: which items each feed lists now (tests add items)."""

    def __init__(self):
        self.items = {"a": ["a1", "a2"], "b": ["b1"]}
        self.lock = threading.Lock()

    def add(self, slug: str) -> None:
        with self.lock:
            self.items[REPORTS[slug][0]].append(slug)

    def rss(self, feed: str, base: str) -> str:
        with self.lock:
            slugs = list(self.items[feed])
        entries = []
        for slug in slugs:
            _, day, title, _ = REPORTS[slug]
            stamp = format_datetime(datetime.fromisoformat(day).replace(hour=8, tzinfo=timezone.utc))
            entries.append(f"<item><title>{title}</title><link>{base}/pages/{slug}.html</link>"
                           f"<guid>urn:tw-test:{slug}</guid><pubDate>{stamp}</pubDate>"
                           f"<description>{title}.</description></item>")
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{OUTLETS[feed]}</title>'
                f"<link>{base}/</link><description>test feed</description>{''.join(entries)}</channel></rss>")


def _reply(handler, status: int, body: str, kind: str) -> None:
    data = body.encode("utf-8")
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass


@pytest.fixture
def feeds(serve_http):
    content = Feeds()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path in ("/a.xml", "/b.xml"):
                return _reply(self, 200, content.rss(self.path[1], base), "application/rss+xml")
            slug = self.path.removeprefix("/pages/").removesuffix(".html")
            if slug in REPORTS:
                feed, _, title, text = REPORTS[slug]
                return _reply(self, 200, PAGE.format(title=title, outlet=OUTLETS[feed], text=text),
                              "text/html; charset=utf-8")
            return _reply(self, 404, "not here", "text/plain")

        def log_message(self, *args):
            pass

    content.base = serve_http(Handler)
    return content


@dataclass
class Receiver:
    """Every POST (time, parsed body, status answered); `fail_first` answers 503 to the first n,
    `hang_first` seconds the first one waits before its answer."""

    url: str = ""
    posts: list = field(default_factory=list)
    fail_first: int = 0
    hang_first: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    answered: dict = field(default_factory=dict)  # POST number -> when its answer went out

    def delivered(self) -> list[dict]:
        with self.lock:
            return [body for _, body, status in self.posts if status == 200]

    def attempts(self, alert_id: int) -> list[tuple[float, int, float]]:
        """(arrived, status, answered) of each POST of one alert."""
        with self.lock:
            return [(at, status, self.answered.get(n, at)) for n, (at, body, status) in enumerate(self.posts)
                    if body.get("id") == alert_id]


@pytest.fixture
def receiver(serve_http):
    found = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            with found.lock:
                n = len(found.posts)
                status = 503 if n < found.fail_first else 200
                found.posts.append((time.monotonic(), body, status))
            if n == 0 and found.hang_first:
                time.sleep(found.hang_first)
            _reply(self, status, "{}", "application/json")
            with found.lock:
                found.answered[n] = time.monotonic()

        def log_message(self, *args):
            pass

    found.url = serve_http(Handler)
    return found


class Watch:
    """`trucewatch watch` in its own process; its cycle lines are collected as they come."""

    def __init__(self, *args: str):
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "400"}
        self.process = subprocess.Popen([sys.executable, "-m", "trucewatch", "watch", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.errors), daemon=True).start()

    @staticmethod
    def _read(stream, into: list) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def cycles(self) -> int:
        return sum(1 for line in self.lines if " report(s); " in line)

    def wait_for(self, condition, timeout: float = 120.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                raise AssertionError(f"watch exited ({self.process.returncode}): {self.errors[-5:]}")
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; out: {self.lines[-3:]} err: {self.errors[-3:]}")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
