"""Request-scoped things and the guards: who is asking, and whether they may.

One place decides who may do what: `require(permission)` (permissions per role come from
trucewatch/accounts/data/roles.yaml). It also enforces CSRF for any state-changing request
made with a session cookie (a form field or the X-CSRF-Token header must match the session's
token, and a cross-site Origin is refused); requests with an API token carry no cookie, so
they need no CSRF token.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import Depends, Request

from trucewatch.accounts.sessions import Session, find_session
from trucewatch.accounts.tokens import ApiToken, token_user
from trucewatch.accounts.users import User
from trucewatch.audit.log import Actor

from .problems import HTTPProblem

SESSION_COOKIE = "tw_session"
LOGIN_CSRF_COOKIE = "tw_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
MAX_ROW_ID = 2**31 - 1  # row numbers in paths: larger ones are refused before they reach the database


def get_store(request: Request):
    return request.app.state.store


def get_settings(request: Request):
    return request.app.state.settings


@dataclass(frozen=True)
class Principal:
    user: User
    permissions: frozenset[str]
    session: Session | None = None
    token: ApiToken | None = None

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    def actor(self, request: Request) -> Actor:
        return self.user.actor("api" if request.url.path.startswith("/api/") else "web")


def principal(request: Request, store=Depends(get_store)) -> Principal | None:
    """The signed-in user (API token in the Authorization header, else the session cookie), or None."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise HTTPProblem(401, "Send an API token as 'Authorization: Bearer <token>'.", kind="unauthenticated",
                              headers={"WWW-Authenticate": "Bearer"})
        found = token_user(store, value.strip())
        if found is None:
            raise HTTPProblem(401, "That API token is unknown, expired or revoked.", kind="unauthenticated",
                              headers={"WWW-Authenticate": "Bearer"})
        user, token = found
        return Principal(user, token.permissions_of(user), token=token)
    session = find_session(store, request.cookies.get(SESSION_COOKIE))
    if session is not None:
        return Principal(session.user, session.user.permissions, session=session)
    return None


async def sent_csrf(request: Request) -> str | None:
    """The CSRF token a state-changing request carries: header, else form field."""
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None:  # not sent: a same-site form in older browsers, or a script
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def check_csrf(request: Request, who: Principal | None, token: str | None, expected: str | None) -> None:
    if request.method in SAFE_METHODS or (who is not None and who.token is not None):
        return
    if not same_origin(request):
        raise HTTPProblem(403, "This request came from another site; it was refused (CSRF protection).",
                          kind="csrf")
    if not token or not expected or not hmac.compare_digest(token, expected):
        raise HTTPProblem(403, "The form's security token is missing or out of date (CSRF protection); "
                               "reload the page and try again.", kind="csrf")


def require(permission: str):
    """A dependency that returns the Principal if it may `permission`, else refuses (401/403)."""

    def guard(request: Request, who: Principal | None = Depends(principal),
              token: str | None = Depends(sent_csrf)) -> Principal:
        request.state.who = who  # the error page, if any, still shows who is signed in
        if who is None:
            raise HTTPProblem(401, "Sign in first (or send an API token as 'Authorization: Bearer <token>').",
                              kind="unauthenticated", headers={"WWW-Authenticate": "Bearer"})
        if not who.can(permission):
            reason = (f"this token's scope is '{who.token.scope}'" if who.token is not None and
                      permission in who.user.permissions else f"your role is '{who.user.role}'")
            raise HTTPProblem(403, f"You may not do this: it needs the '{permission}' permission and {reason}.",
                              kind="forbidden")
        check_csrf(request, who, token, who.session.csrf if who.session else None)
        return who

    guard.__name__ = f"require_{permission}"
    return guard


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None
