"""Ingestion: reports from files, folders, JSONL/CSV exports, HTML pages, feeds and stdin.

`read_inputs` turns inputs into Documents (or named InputErrors); `ingest` stores them with
their extractions. One module per input kind; `reader` dispatches, `pipeline` stores.
"""
import sys
import types

from trucewatch.ingest.pipeline import IngestSummary, ingest
from trucewatch.ingest.reader import InputReader, read_inputs

__all__ = ["ingest", "read_inputs", "IngestSummary", "InputReader", "Fetcher"]


def __getattr__(name: str):
    if name == "Fetcher":  # imported on demand: httpx is only needed for URLs
        from trucewatch.ingest.fetch import Fetcher

        return Fetcher
    raise AttributeError(f"module 'trucewatch.ingest' has no attribute {name!r}")


class _CallablePackage(types.ModuleType):
    """`trucewatch.ingest(...)` must work even after `import trucewatch.ingest`, which makes
    the attribute this package rather than the function; so the package forwards calls."""

    def __call__(self, *args, **kwargs) -> IngestSummary:
        return ingest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
