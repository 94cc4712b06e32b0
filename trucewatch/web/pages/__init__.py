"""The dashboard pages: server-rendered (Jinja2, autoescaped), a little plain JavaScript for the map."""
from fastapi import APIRouter

from . import admin, auth, commitments, dashboard, records, review, truces
from .common import render_error

router = APIRouter(include_in_schema=False)
for module in (auth, dashboard, records, truces, commitments, admin, review):
    router.include_router(module.router)

__all__ = ["router", "render_error"]
