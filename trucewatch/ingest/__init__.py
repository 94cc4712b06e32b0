"""Ingestion: reports from files, folders, JSONL/CSV exports, HTML pages, feeds and stdin.

`read_inputs` turns inputs into Documents (or named InputErrors); `ingest` stores them with
their extractions. One module per input kind; `reader` dispatches, `pipeline` stores.
"""
from trucewatch.callable_package import make_callable
from trucewatch.ingest.pipeline import IngestSummary, ingest
from trucewatch.ingest.reader import InputReader, read_inputs

__all__ = ["ingest", "read_inputs", "IngestSummary", "InputReader", "Fetcher"]


def __getattr__(name: str):
    if name == "Fetcher":  # imported on demand: httpx is only needed for URLs
        from trucewatch.ingest.fetch import Fetcher

        return Fetcher
    raise AttributeError(f"module 'trucewatch.ingest' has no attribute {name!r}")


make_callable(__name__, ingest)
