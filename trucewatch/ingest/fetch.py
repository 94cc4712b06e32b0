"""Polite HTTP fetching: timeouts, a few retries with backoff, one request per host at a time.

News sites and mission portals are often slow or flaky; a monitor must not hammer them nor
hang on them. Every failure becomes an InputError naming the URL, so the other items go on.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from trucewatch import __version__
from trucewatch.errors import InputError

USER_AGENT = f"TruceWatch/{__version__} (open-source truce monitoring; offline research tool)"
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str


class Fetcher:
    """A reusable HTTP client; `min_interval` seconds between two requests to the same host."""

    def __init__(self, *, timeout: float = 15.0, retries: int = 2, backoff: float = 1.0,
                 min_interval: float = 1.0, max_bytes: int = 20_000_000):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.max_bytes = max_bytes
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_for_turn(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
            if last is not None:
                pause = self.min_interval - (time.monotonic() - last)
                if pause > 0:
                    time.sleep(pause)
            self._last_request[host] = time.monotonic()

    def get(self, url: str) -> Fetched:
        """The body of `url`, or InputError(url, reason) after the retries are spent."""
        host = urlsplit(url).netloc
        attempts = self.retries + 1
        reason = "no attempt made"
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_turn(host)
            try:
                return self._get_once(url)
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
            except httpx.TransportError as exc:
                reason = f"could not connect ({exc.__class__.__name__}: {exc})"
            except _HTTPStatus as exc:
                reason = f"HTTP {exc.status} {exc.phrase}"
                if exc.status not in RETRY_STATUS:
                    raise InputError(url, reason) from None
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        raise InputError(url, reason + tries)

    def _get_once(self, url: str) -> Fetched:
        with self._client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise _HTTPStatus(response.status_code, response.reason_phrase)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > self.max_bytes:
                    raise InputError(url, f"response is over the size limit of {self.max_bytes} bytes")
            return Fetched(str(response.url), bytes(body), response.headers.get("content-type", ""))


class _HTTPStatus(Exception):
    def __init__(self, status: int, phrase: str):
        self.status = status
        self.phrase = phrase
