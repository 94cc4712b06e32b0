"""Response headers that keep pages inert (a strict Content-Security-Policy: no inline script, no
third-party anything) and the refusal of credentials in URLs (they end up in logs and histories).

Both are plain ASGI middleware: they run on every request, so they must cost next to nothing.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import parse_qsl

from trucewatch.accounts.tokens import looks_like_token

# Query parameters that name a credential: never accepted, whatever their value.
CREDENTIAL_PARAMS = {"token", "access_token", "api_key", "apikey", "api-key", "key", "auth",
                     "authorization", "bearer", "session", "password", "secret", "jwt"}

CSP = ("default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def csp_allowing(html: str) -> str:
    """The policy plus the hashes of this page's own inline scripts (the self-contained report,
    the API docs), so those run and nothing injected can."""
    hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(m.encode('utf-8')).digest()).decode()}'"
                     for m in INLINE_SCRIPT.findall(html))
    return CSP.format(scripts=hashes)


STRICT = CSP.format(scripts="").encode("latin-1")
BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def credential_in_url(path: str, query: str) -> str | None:
    """The offending parameter (or "path") when a URL carries something credential-like."""
    if looks_like_token(path):
        return "path"
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name.strip().lower() in CREDENTIAL_PARAMS or looks_like_token(value) or looks_like_token(name):
            return name
    return None


class SecurityMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        offending = credential_in_url(scope.get("path", ""), query)
        if offending is not None:
            await _refuse(send, offending)
            return
        static = scope.get("path", "").startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [h for h in BASE_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", STRICT))
                if not static and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))  # pages and data are per user
                message = {**message, "headers": headers + extra}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _refuse(send, offending: str) -> None:
    body = json.dumps({
        "type": "urn:trucewatch:problem:credential-in-url", "title": "Bad Request", "status": 400,
        "detail": f"Credentials are never accepted in a URL (found in '{offending}'): URLs end up in logs "
                  "and browser histories. Send an API token in the header 'Authorization: Bearer <token>'.",
    }).encode("utf-8")
    await send({"type": "http.response.start", "status": 400, "headers": [
        (b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"), *BASE_HEADERS, (b"content-security-policy", STRICT)]})
    await send({"type": "http.response.body", "body": body})
