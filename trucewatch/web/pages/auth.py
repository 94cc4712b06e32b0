"""Logging in and out. The login form is protected against CSRF by a double-submit cookie (there
is no session yet); a new session cookie is issued at every login (no fixation)."""
from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse

from trucewatch.accounts.sessions import end_session, start_session
from trucewatch.accounts.throttle import Throttled
from trucewatch.accounts.users import authenticate
from trucewatch.errors import Refused

from ..deps import LOGIN_CSRF_COOKIE, SESSION_COOKIE, check_csrf, client_address, get_store, principal, same_origin
from ..problems import HTTPProblem
from .common import local_target, page

router = APIRouter(include_in_schema=False)


def _login_form(request: Request, target: str, *, error: str | None = None, status: int = 200, name: str = ""):
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", None, status=status, login_csrf=token, target=target, error=error,
                    name=name)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login",
                        secure=request.app.state.settings.secure_cookies, max_age=3600)
    return response


@router.get("/login")
def login_page(request: Request, next: str | None = None, who=Depends(principal)):
    if who is not None:
        return RedirectResponse(local_target(next), status_code=303)
    return _login_form(request, local_target(next))


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/"),
          csrf_token: str = Form(""), store=Depends(get_store)):
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not same_origin(request) or not csrf_token or not hmac.compare_digest(csrf_token, expected):
        raise HTTPProblem(403, "The login form's security token is missing or out of date (CSRF protection); "
                               "reload the page and try again.", kind="csrf")
    target = local_target(next)
    try:
        user = authenticate(store, name[:200], password, client=client_address(request))
    except Throttled as exc:
        response = _login_form(request, target, error=str(exc), status=429, name=name[:64])
        response.headers["Retry-After"] = str(exc.retry_after or 60)
        return response
    except Refused as exc:
        return _login_form(request, target, error=str(exc), status=401, name=name[:64])
    settings = request.app.state.settings
    cookie, session = start_session(store, user, hours=settings.session_hours)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax", secure=settings.secure_cookies,
                        path="/", max_age=int(settings.session_hours * 3600))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form(""), who=Depends(principal), store=Depends(get_store)):
    if who is not None and who.session is not None:
        check_csrf(request, who, csrf_token, who.session.csrf)
        end_session(store, who.session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
