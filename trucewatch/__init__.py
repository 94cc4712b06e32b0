"""TruceWatch: dated reports in; sourced, geocoded, time-bounded incidents and claims out.

The Python API mirrors the CLI: `ingest`, `extract`, `open_store`. Imports are lazy so that
`import trucewatch` stays fast and does not load spaCy.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["ingest", "extract", "open_store", "__version__"]


def __getattr__(name: str):
    if name == "ingest":
        from trucewatch.ingest import ingest

        return ingest
    if name == "extract":
        from trucewatch.extract import extract

        return extract
    if name == "open_store":
        from trucewatch.store import open_store

        return open_store
    if name == "places":
        import importlib

        return importlib.import_module("trucewatch.places")
    raise AttributeError(f"module 'trucewatch' has no attribute {name!r}")
