"""Batches through the cluster in input order, a bounded window at a time.

Each batch is one task whose arguments travel with it, so the scheduler can run it again on
another worker when its worker dies (Dask retries a task whose worker was lost, up to
`distributed.scheduler.allowed-failures` times). Results come back in the order the batches went
in; at most `window` tasks are in flight, so memory stays flat however long the input.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from typing import Any

from trucewatch.errors import TruceWatchError

WINDOW_PER_THREAD = 2  # tasks queued per worker thread: one running, one ready to start


def ordered_map(client, function: Callable, batches: Iterable[list], *, args: tuple = (),
                window: int, progress=None) -> Iterator[tuple[list, Any]]:
    """(batch, function(batch, *args)) for each batch, in order, computed on the cluster."""
    pending: deque = deque()
    try:
        for batch in batches:
            future = client.submit(function, batch, *args, pure=False)
            if progress is not None:
                progress.submitted(len(batch))
                future.add_done_callback(_counter(progress, len(batch)))
            pending.append((batch, future))
            if len(pending) >= window:
                yield _result(client, *pending.popleft())
        while pending:
            yield _result(client, *pending.popleft())
    finally:
        if pending:  # stopped early (an error, or the caller stopped reading): drop the rest
            client.cancel([future for _, future in pending])


def _counter(progress, documents: int) -> Callable:
    def count(future) -> None:
        if future.status == "finished":
            progress.finished(documents)
    return count


def _result(client, batch: list, future) -> tuple[list, Any]:
    from distributed import KilledWorker

    try:
        return batch, future.result()
    except KilledWorker as exc:
        raise TruceWatchError(
            f"A batch of {len(batch)} documents made Dask workers die repeatedly (often: out of "
            f"memory; {exc}). What was stored before is kept; run again with a smaller --batch-size "
            "or workers with more memory."
        ) from None
    except (CancelledError, OSError) as exc:
        raise TruceWatchError(
            f"Lost the Dask cluster at {scheduler_address(client)} ({type(exc).__name__}: {exc}). "
            "What was stored before is kept; run the same command again to go on."
        ) from None


def scheduler_address(client) -> str:
    try:
        return client.scheduler.address
    except AttributeError:
        return "the scheduler"
