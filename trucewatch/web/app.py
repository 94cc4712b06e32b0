"""create_app(settings) -> FastAPI: the store, middleware, API and page routers, static files.

Everything is served from the package: our CSS/JS, Leaflet and markercluster from their xstatic
packages, the API docs' assets from fastapi-offline, the basemap from the gazetteer's Natural
Earth and Who's On First outlines. The server never fetches anything from the internet.
"""
from __future__ import annotations

import gzip
import json
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path

from fastapi import Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from trucewatch import __version__
from trucewatch.store import open_store

from . import api, pages, problems
from .security import SecurityMiddleware, csp_allowing
from .settings import Settings

STATIC = Path(__file__).with_name("static")
DOCS_ASSETS = "/static/apidocs"
OPENAPI_URL = "/api/v1/openapi.json"
DESCRIPTION = """TruceWatch's record over HTTP: documents, events, incidents, findings, truces.

Authenticate with an API token in the header `Authorization: Bearer <token>` (never in a URL;
an admin issues tokens). Lists take the same filters (dates inclusive), page with a `next`
link, choose fields with `fields=` and formats with `format=json|csv|acled|geojson`. Errors are
RFC 9457 problem details. Pair `updated_since` with `/deleted?since=` to keep a copy in sync.
"""


def create_app(settings: Settings | None = None):
    settings = settings or Settings()
    store = open_store(settings.db_url)
    exports_dir = Path(settings.exports_dir) if settings.exports_dir else default_exports_dir(store.url)

    @asynccontextmanager
    async def lifespan(app):
        from trucewatch.review.jobs import Worker

        app.state.worker = Worker(store, exports_dir).start() if settings.background_jobs else None
        yield
        if app.state.worker is not None:
            app.state.worker.stop()
        store.close()

    app = FastAPIOffline(title="TruceWatch", version=__version__, description=DESCRIPTION, docs_url=None,
                         redoc_url=None, openapi_url=OPENAPI_URL, static_url=DOCS_ASSETS, lifespan=lifespan)
    app.state.store, app.state.settings, app.state.exports_dir = store, settings, exports_dir
    app.state.worker = None
    app.add_middleware(SecurityMiddleware)
    problems.install(app, pages.render_error)
    app.include_router(api.router)
    app.include_router(pages.router)
    _mount_static(app)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        html = get_swagger_ui_html(openapi_url=OPENAPI_URL, title="TruceWatch API",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png")
        body = html.body.decode("utf-8")
        return HTMLResponse(body, headers={"Content-Security-Policy": csp_allowing(body)})

    @app.get("/basemap/{layer}.geojson", include_in_schema=False)
    def basemap(layer: str, request: Request) -> Response:
        if layer not in ("countries", "admin1"):
            return Response(status_code=404)
        body = _basemap(layer)
        headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(body, media_type="application/geo+json", headers={**headers, "Content-Encoding": "gzip"})
        return Response(gzip.decompress(body), media_type="application/geo+json", headers=headers)

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict:
        return {"ok": True}

    return app


def default_exports_dir(db_url: str) -> Path:
    """A folder per database in the temp dir, so two servers on two databases never mix files."""
    import hashlib
    import tempfile

    return Path(tempfile.gettempdir()) / f"trucewatch-exports-{hashlib.sha1(db_url.encode()).hexdigest()[:10]}"


def app_from_environment():
    """The app for uvicorn's worker processes (`trucewatch serve --workers N`): each builds its own
    from $TRUCEWATCH_DB and $TRUCEWATCH_SECURE_COOKIES, which the parent sets."""
    import os

    return create_app(Settings(db_url=os.environ.get("TRUCEWATCH_DB"),
                               secure_cookies=os.environ.get("TRUCEWATCH_SECURE_COOKIES") == "1",
                               exports_dir=os.environ.get("TRUCEWATCH_EXPORTS_DIR") or None))


def _mount_static(app) -> None:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    app.mount("/static/tw", StaticFiles(directory=str(STATIC)), name="static-tw")
    app.mount("/static/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="static-leaflet")
    app.mount("/static/markercluster", StaticFiles(directory=markercluster.BASE_DIR), name="static-markercluster")


@lru_cache(maxsize=2)
def _basemap(layer: str) -> bytes:
    """The outlines as gzipped GeoJSON, built once per process."""
    from trucewatch.places import admin1_outlines, country_outlines

    data = country_outlines() if layer == "countries" else admin1_outlines()
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), mtime=0)
