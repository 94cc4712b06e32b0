"""Extraction: who did what to whom, where, when, how many — and who says so.

`extract` handles one report; `extract_documents` streams many, in input order, over processes
when asked. Both return `Extraction` records (the JSON contract in docs/contract.md).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from trucewatch.callable_package import make_callable
from trucewatch.records import Document, Extraction

__all__ = ["extract", "extract_documents", "as_document"]


def as_document(text_or_document: str | Document, published: date | None = None, *,
                ref: str | None = None, source: str | None = None) -> Document:
    """Accept plain text as well as a Document so the API is easy to call from a notebook."""
    if isinstance(text_or_document, Document):
        return text_or_document
    return Document.from_text(text_or_document, published=published, ref=ref, source=source)


def extract(text_or_document: str | Document, published: date | None = None, *,
            ref: str | None = None, source: str | None = None) -> Extraction:
    """Events and claims of one report; `published` anchors relative dates."""
    from trucewatch.extract.document import extract_document
    from trucewatch.extract.long_texts import extract_in_pieces
    from trucewatch.nlp import get_nlp

    document = as_document(text_or_document, published, ref=ref, source=source)
    return extract_in_pieces(document, get_nlp(), extract_document)


def extract_documents(documents: Iterable[Document], workers: int | None = None,
                      *, batch_size: int = 16, dask=None, progress=None) -> Iterator[Extraction]:
    """Extractions in input order; `workers` processes (default: all cores) parse in parallel,
    or the workers of a Dask cluster when `dask` is given (an address, `local:N`, or a Client;
    see `trucewatch.scale`), which `progress` (a scale.progress.ClusterProgress) follows."""
    if dask is not None:
        from trucewatch.scale.extract import extract_on_cluster

        yield from extract_on_cluster(documents, dask, batch_size=batch_size, progress=progress)
        return
    from trucewatch.extract.pipeline import run_pipeline

    yield from run_pipeline(documents, workers=workers, batch_size=batch_size)


make_callable(__name__, extract)
