"""Errors as RFC 9457 problem details (application/problem+json) for the API, and as pages (or
a redirect to the login page) for the browser. Library errors carry no HTTP; the mapping is here."""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from trucewatch.accounts.throttle import Throttled
from trucewatch.audit.versions import StaleEdit
from trucewatch.errors import Conflict, NotFound, Refused, TruceWatchError

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("trucewatch.web")


class Problem(BaseModel):
    """RFC 9457 problem details; some problems add members (errors, current_version, changes)."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class HTTPProblem(Exception):
    """Raised by the web layer itself (authentication, CSRF, tokens in URLs)."""

    def __init__(self, status: int, detail: str, *, kind: str | None = None, headers: dict | None = None,
                 **extra: Any):
        self.status, self.detail, self.kind, self.headers, self.extra = status, detail, kind, headers or {}, extra
        super().__init__(detail)


def problem(status: int, detail: str | None, *, kind: str | None = None, instance: str | None = None,
            headers: dict | None = None, **extra: Any) -> JSONResponse:
    body = {"type": f"urn:trucewatch:problem:{kind}" if kind else "about:blank",
            "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def classify(exc: Exception) -> tuple[int, str | None, dict, dict]:
    """(status, problem kind, extra members, headers) for an exception."""
    if isinstance(exc, HTTPProblem):
        return exc.status, exc.kind, exc.extra, exc.headers
    if isinstance(exc, StaleEdit):
        return 409, "stale-edit", {"expected_version": exc.expected, "current_version": exc.current,
                                   "changes": [c.as_dict() for c in exc.changes]}, {}
    if isinstance(exc, Conflict):
        return 409, "conflict", {}, {}
    if isinstance(exc, NotFound):
        return 404, "not-found", {}, {}
    if isinstance(exc, Throttled):
        return 429, "throttled", {}, {"Retry-After": str(exc.retry_after or 60)}
    if isinstance(exc, Refused):
        return 403, "refused", {}, {}
    return 400, "bad-input", {}, {}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def install(app, render_error) -> None:
    """Register the handlers; `render_error(request, status, detail, extra)` draws the HTML page."""

    def respond(request: Request, status: int, detail: str, kind: str | None, extra: dict, headers: dict):
        if is_api(request):
            return problem(status, detail, kind=kind, instance=request.url.path, headers=headers, **extra)
        if status == 401 and request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            from urllib.parse import quote
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return render_error(request, status, detail, extra, headers)

    async def library_error(request: Request, exc: TruceWatchError):
        status, kind, extra, headers = classify(exc)
        return respond(request, status, str(exc), kind, extra, headers)

    async def web_problem(request: Request, exc: HTTPProblem):
        return respond(request, exc.status, exc.detail, exc.kind, exc.extra, exc.headers)

    async def validation(request: Request, exc: RequestValidationError):
        errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "reason": e.get("msg", "")}
                  for e in exc.errors()]
        detail = "; ".join(f"{e['where']}: {e['reason']}" for e in errors) or "the request is not valid"
        return respond(request, 422, detail, "invalid-request", {"errors": errors}, {})

    async def http_error(request: Request, exc: StarletteHTTPException):
        return respond(request, exc.status_code, str(exc.detail), None, {}, dict(exc.headers or {}))

    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "Something went wrong on the server; the error is in its log.",
                       "server-error", {}, {})

    app.add_exception_handler(TruceWatchError, library_error)
    app.add_exception_handler(HTTPProblem, web_problem)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)


PROBLEM_CONTENT = {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def responses(*statuses: int) -> dict:
    """OpenAPI entries for the problem responses a route may give."""
    return {status: {"model": Problem, "description": HTTPStatus(status).phrase,
                     "content": PROBLEM_CONTENT} for status in statuses}
