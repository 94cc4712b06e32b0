"""`extract_documents` over a Dask cluster: the same Extractions, in input order.

Workers run the local pipeline's own batch function (`extract_batch_as_json`), so a report is
parsed and extracted by the same code with the same batch boundaries as `--workers`, and its
JSON Lines are byte for byte those of a local run.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from trucewatch.batching import chunks
from trucewatch.records import Document, Extraction

from .cluster import dask_client, total_threads
from .stream import WINDOW_PER_THREAD, ordered_map


def extract_on_cluster(documents: Iterable[Document], dask, *, batch_size: int = 16,
                       progress=None) -> Iterator[Extraction]:
    """One Extraction per document, in input order; `dask` is an address or a Client."""
    from trucewatch.extract.pipeline import extract_batch_as_json

    from .plugin import register

    with dask_client(dask) as client:
        register(client)
        if progress is not None:
            progress.set_workers(len(client.nthreads()))
        window = WINDOW_PER_THREAD * total_threads(client)
        batches = ordered_map(client, extract_batch_as_json, chunks(documents, batch_size),
                              window=window, progress=progress)
        for _, texts in batches:
            for text in texts:
                yield Extraction.model_validate_json(text)
