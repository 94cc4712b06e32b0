"""/api/v1/searches: a user's saved dashboard filters."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse, Response

from trucewatch.accounts.searches import delete_search, list_searches, save_search
from trucewatch.query.filters import parse_query_string

from ..deps import MAX_ROW_ID, get_store, require
from ..problems import responses
from .models import SearchIn, SearchOut

router = APIRouter(tags=["searches"])


def checked_query(query: str) -> str:
    """The query string, after checking that its filters parse (a saved search must work later)."""
    parse_query_string(query)
    return query.lstrip("?")


@router.get("/searches", summary="My saved searches", response_model=list[SearchOut], responses=responses(401, 403, 422))
def searches_list(who=Depends(require("read")), store=Depends(get_store)):
    return JSONResponse([search.as_dict() for search in list_searches(store, who.user)])


@router.post("/searches", summary="Save a search", status_code=201, response_model=SearchOut,
             responses=responses(400, 401, 403, 422))
def search_save(body: SearchIn, request: Request, who=Depends(require("edit")), store=Depends(get_store)):
    saved = save_search(store, who.user, body.name, checked_query(body.query), actor=who.actor(request))
    return JSONResponse(saved.as_dict(), status_code=201)


@router.delete("/searches/{search_id}", summary="Delete a saved search", status_code=204,
               responses=responses(401, 403, 404, 422))
def search_delete(request: Request, search_id: int = Path(ge=1, le=MAX_ROW_ID), who=Depends(require("edit")),
                  store=Depends(get_store)):
    delete_search(store, who.user, search_id, actor=who.actor(request))
    return Response(status_code=204)
