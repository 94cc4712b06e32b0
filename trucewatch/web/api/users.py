"""/api/v1/users and tokens (admins): accounts, roles, and API tokens for scripts."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse

from trucewatch.accounts.tokens import issue_token, list_tokens, revoke_token
from trucewatch.accounts.users import add_user, get_user, list_users, update_user

from ..deps import MAX_ROW_ID, get_store, require
from ..problems import responses
from .models import TokenIn, TokenIssued, TokenOut, UserEdit, UserIn, UserOut

router = APIRouter(tags=["users"])
ADMIN = require("manage_users")


@router.get("/users", summary="List users", response_model=list[UserOut], responses=responses(401, 403, 422))
def users_list(who=Depends(ADMIN), store=Depends(get_store)):
    return JSONResponse([user.as_dict() for user in list_users(store)])


@router.post("/users", summary="Add a user", status_code=201, response_model=UserOut,
             responses=responses(400, 401, 403, 409, 422))
def user_add(body: UserIn, request: Request, who=Depends(ADMIN), store=Depends(get_store)):
    user = add_user(store, body.name, body.role, body.password, actor=who.actor(request), reason=body.reason)
    return JSONResponse(user.as_dict(), status_code=201)


@router.get("/users/{name}", summary="One user", response_model=UserOut, responses=responses(401, 403, 404, 422))
def user_get(name: str, who=Depends(ADMIN), store=Depends(get_store)):
    return JSONResponse(get_user(store, name).as_dict())


@router.patch("/users/{name}", summary="Change a user's role, state or password", response_model=UserOut,
              responses=responses(400, 401, 403, 404, 409, 422))
def user_edit(name: str, body: UserEdit, request: Request, who=Depends(ADMIN), store=Depends(get_store)):
    user = update_user(store, name, version=body.version, actor=who.actor(request), role=body.role,
                       disabled=body.disabled, password=body.password, reason=body.reason)
    return JSONResponse(user.as_dict())


@router.get("/users/{name}/tokens", summary="A user's API tokens", response_model=list[TokenOut],
            responses=responses(401, 403, 404, 422))
def tokens_list(name: str, who=Depends(ADMIN), store=Depends(get_store)):
    return JSONResponse([token.as_dict() for token in list_tokens(store, name)])


@router.post("/users/{name}/tokens", summary="Issue an API token", status_code=201, response_model=TokenIssued,
             responses=responses(400, 401, 403, 404, 422))
def token_issue(name: str, body: TokenIn, request: Request, who=Depends(ADMIN), store=Depends(get_store)):
    """The secret is in the answer this once; only its SHA-256 is stored."""
    token, secret = issue_token(store, name, name=body.name, scope=body.scope, expires_days=body.expires_days,
                                actor=who.actor(request))
    return JSONResponse({**token.as_dict(), "token": secret}, status_code=201)


@router.delete("/tokens/{token_id}", summary="Revoke an API token", response_model=TokenOut,
               responses=responses(401, 403, 404, 422))
def token_revoke(request: Request, token_id: int = Path(ge=1, le=MAX_ROW_ID), who=Depends(ADMIN),
                 store=Depends(get_store)):
    return JSONResponse(revoke_token(store, token_id, actor=who.actor(request)).as_dict())
