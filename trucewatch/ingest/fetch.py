"""Polite HTTP fetching: timeouts, a few retries with backoff, one request per host at a time.

News sites and mission portals are often slow or flaky; a monitor must not hammer them nor
hang on them. Every failure becomes an InputError naming the URL, so the other items go on.
`timeout` bounds each whole attempt (connect, headers and body), and only http(s) links to
public addresses are fetched unless `allow_private` (see netguard); refusals are not retried.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from trucewatch import __version__
from trucewatch.errors import InputError, short_reason
from trucewatch.ingest.netguard import BlockedAddress, Deadline, GuardedBackend, GuardedTransport

USER_AGENT = f"TruceWatch/{__version__} (open-source truce monitoring; offline research tool)"
RETRY_STATUS = {429, 500, 502, 503, 504}
SCHEMES = ("http", "https")


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str


class Fetcher:
    """A reusable HTTP client; `min_interval` seconds between two requests to the same host."""

    def __init__(self, *, timeout: float = 15.0, retries: int = 2, backoff: float = 1.0,
                 min_interval: float = 1.0, max_bytes: int = 20_000_000, allow_private: bool = False):
        self.timeout = timeout
        self.allow_private = allow_private
        self._deadline = Deadline()
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
            transport=GuardedTransport(GuardedBackend(allow_private=allow_private, deadline=self._deadline)),
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
        """The body of `url`, or InputError(url, reason) after the retries are spent; refused
        links, redirect loops and client errors fail at once."""
        parts = _parts(url)
        attempts = self.retries + 1
        reason = "no attempt made"
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_turn(parts.netloc)
            try:
                return self._get_once(url)
            except BlockedAddress as exc:
                raise InputError(url, str(exc)) from None
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
            except httpx.TooManyRedirects:
                raise InputError(url, "too many redirects (a redirect loop?)") from None
            except httpx.UnsupportedProtocol as exc:
                raise InputError(url, f"refused: redirected to a link that is not http(s) ({short_reason(exc)})") from None
            except httpx.TransportError as exc:
                reason = f"could not connect ({exc.__class__.__name__}: {short_reason(exc)})"
            except _HTTPStatus as exc:
                reason = f"HTTP {exc.status} {exc.phrase}"
                if exc.status not in RETRY_STATUS:
                    raise InputError(url, reason) from None
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:  # decoding, odd URLs ...
                raise InputError(url, f"cannot be fetched ({type(exc).__name__}: {short_reason(exc)})") from None
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        raise InputError(url, reason + tries)

    def _get_once(self, url: str) -> Fetched:
        self._deadline.at = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise _HTTPStatus(response.status_code, response.reason_phrase)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise InputError(url, f"response is over the size limit of {self.max_bytes} bytes")
                return Fetched(str(response.url), bytes(body), response.headers.get("content-type", ""))
        finally:
            self._deadline.at = None


class _HTTPStatus(Exception):
    def __init__(self, status: int, phrase: str):
        self.status = status
        self.phrase = phrase


def _parts(url: str):
    """The URL's parts; InputError (not retried) for anything but a well-formed http(s) URL."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise InputError(url, f"not a valid URL ({short_reason(exc)})") from None
    if parts.scheme.lower() not in SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "a link without a scheme"
        raise InputError(url, f"refused: only http(s) links are fetched, not {shown}")
    if not parts.hostname:
        raise InputError(url, "not a valid URL (no host)")
    return parts
