"""The server: REST API under /api/v1, the dashboard pages, accounts and roles.

    from trucewatch.web import Settings, create_app
    app = create_app(Settings(db_url="sqlite:///trucewatch.db"))

`trucewatch serve` runs it with uvicorn. Routes stay thin: they parse, call a library function
(trucewatch.query for reading, trucewatch.accounts / trucewatch.truce.stored for writing) and
render; they hold no SQL. Needs the `web` extra (pip install 'trucewatch[web]').
"""
from .settings import Settings


def create_app(settings: Settings | None = None):
    from .app import create_app as create

    return create(settings)


__all__ = ["Settings", "create_app"]
