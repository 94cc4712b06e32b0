"""The REST API under /api/v1: one router per resource."""
from fastapi import APIRouter

from . import commitments, documents, events, findings, incidents, overview, places, review, searches, truces, users

router = APIRouter(prefix="/api/v1")
for module in (incidents, events, documents, findings, truces, places, overview, searches, users, review,
               commitments):
    router.include_router(module.router)
