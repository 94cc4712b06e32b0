"""/api/v1/places: gazetteer search (for filters now, and for correcting an event's place later)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from trucewatch.query.filters import FilterError

from ..deps import require
from ..problems import responses
from .models import PlaceOut

router = APIRouter(tags=["places"])


def place_out(place) -> dict:
    return {"id": place.id, "name": place.name, "country": place.country3 or place.country, "admin1": place.admin1,
            "admin2": place.admin2, "lat": place.lat, "lon": place.lon, "kind": place.fcode,
            "population": place.population, "geonameid": place.geonameid}


@router.get("/places", summary="Search the gazetteer", response_model=list[PlaceOut],
            responses=responses(400, 401, 403, 422))
def places_search(q: str = Query(..., min_length=1, max_length=200, description="A place name in any usual spelling."),
                  country: str | None = Query(None, description="ISO2 or ISO3 country code."),
                  limit: int = Query(10, ge=1, le=50), who=Depends(require("read"))):
    from trucewatch.places import search

    if "\x00" in q or (country and "\x00" in country):
        raise FilterError("q", "contains a NUL character")
    if country is not None and not (country.isalpha() and len(country) in (2, 3)):
        raise FilterError("country", "takes an ISO 3166 code of 2 or 3 letters")
    return JSONResponse([place_out(place) for place in search(q, country=country, limit=limit)])
