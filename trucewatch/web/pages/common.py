"""Rendering pages: one Jinja2 environment (autoescaping on), the context every page gets, the
error page, and the small helpers templates use (verdict colours, safe links)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from trucewatch.report.svg import VERDICT_COLOURS

from ..deps import Principal

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
UNCHECKED_COLOUR = "#555555"


def safe_href(url: str | None) -> str | None:
    """A URL fit for an href: http(s) only, so a report's "javascript:" URL never becomes a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def local_target(target: str | None, fallback: str = "/") -> str:
    """Where to send the browser after a form (or a login): a path on this site only, never
    another site (no open redirect through `next=`)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def verdict_colour(verdict: str | None) -> str:
    return VERDICT_COLOURS.get(verdict or "", UNCHECKED_COLOUR)


def query_string(pairs) -> str:
    return urlencode(list(pairs))


TEMPLATES.env.globals.update(safe_href=safe_href, verdict_colour=verdict_colour, query_string=query_string)
TEMPLATES.env.filters["label"] = lambda text: (text or "").replace("_", " ")


def page(request: Request, template: str, who: Principal | None, *, status: int = 200, headers: dict | None = None,
         **context):
    """A page with the signed-in user, their permissions and the CSRF token for its forms."""
    settings = request.app.state.settings
    context.update(who=who, csrf=who.session.csrf if who and who.session else "",
                   can=(lambda permission: bool(who and who.can(permission))), title_prefix=settings.title)
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status, headers=headers)


def render_error(request: Request, status: int, detail: str, extra: dict, headers: dict):
    """The HTML face of an error (the API answers the same errors as problem details)."""
    who = getattr(request.state, "who", None)
    return page(request, "error.html", who, status=status, headers=headers, status_code=status, detail=detail,
                extra=extra)


def csrf_field(token: str) -> Markup:
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(token)


TEMPLATES.env.globals["csrf_field"] = csrf_field
