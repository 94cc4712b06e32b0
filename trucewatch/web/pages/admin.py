"""Admin pages: users (add, change role, disable) and their API tokens (issue, revoke)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse

from trucewatch.accounts.roles import role_names, scope_names
from trucewatch.accounts.tokens import issue_token, list_tokens, revoke_token
from trucewatch.accounts.users import add_user, list_users, update_user
from trucewatch.audit import recent

from ..deps import MAX_ROW_ID, get_store, require
from .common import page

router = APIRouter(include_in_schema=False)
ADMIN = require("manage_users")


def _admin_page(request, who, store, *, issued=None, error=None, status=200):
    return page(request, "admin.html", who, status=status, users=list_users(store), tokens=list_tokens(store),
                roles=role_names(), scopes=scope_names(), issued=issued, error=error,
                log=recent(store, limit=50))


@router.get("/admin")
def admin_page(request: Request, who=Depends(ADMIN), store=Depends(get_store)):
    return _admin_page(request, who, store)


@router.post("/admin/users")
def user_add(request: Request, name: str = Form(""), role: str = Form("viewer"), password: str = Form(""),
             who=Depends(ADMIN), store=Depends(get_store)):
    add_user(store, name.strip(), role, password, actor=who.actor(request))
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{name}")
def user_edit(name: str, request: Request, version: int = Form(...), role: str = Form(""),
              disabled: str = Form(""), reason: str = Form(""), who=Depends(ADMIN), store=Depends(get_store)):
    update_user(store, name, version=version, actor=who.actor(request), role=role or None,
                disabled={"yes": True, "no": False}.get(disabled), reason=reason or None)
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/users/{name}/tokens")
def token_issue(name: str, request: Request, label: str = Form(""), scope: str = Form("read"),
                expires_days: str = Form(""), who=Depends(ADMIN), store=Depends(get_store)):
    days = int(expires_days) if expires_days.strip().isdigit() else None
    token, secret = issue_token(store, name, name=label, scope=scope, expires_days=days, actor=who.actor(request))
    return _admin_page(request, who, store, issued={"token": token, "secret": secret})


@router.post("/admin/tokens/{token_id}/revoke")
def token_revoke(request: Request, token_id: int = Path(ge=1, le=MAX_ROW_ID), who=Depends(ADMIN),
                 store=Depends(get_store)):
    revoke_token(store, token_id, actor=who.actor(request))
    return RedirectResponse("/admin", status_code=303)
