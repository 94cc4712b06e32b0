"""Where the work goes: `--dask ADDRESS` / $TRUCEWATCH_DASK, to a Dask client.

`local` or `local:N` starts a LocalCluster of N single-threaded worker processes on this machine
(spaCy holds the GIL, so one thread per process is what parallelises); anything else is the
address of a running scheduler (`tcp://host:8786`). Every failure to get a working cluster is a
TruceWatchError that names the address, raised before anything is read or written, so a typo in
the address never leaves half an ingest behind.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from trucewatch.errors import InputError, TruceWatchError

if TYPE_CHECKING:
    from distributed import Client

ENV = "TRUCEWATCH_DASK"
TIMEOUT_ENV = "TRUCEWATCH_DASK_TIMEOUT"
DEFAULT_TIMEOUT_S = 10.0
LOCAL = "local"
INSTALL_HINT = "pip install 'trucewatch[scale]'"


def dask_address(option: str | None) -> str | None:
    """The cluster to use: the option, else $TRUCEWATCH_DASK, else None (no Dask)."""
    value = option if option is not None else os.environ.get(ENV)
    value = (value or "").strip()
    return value or None


def local_workers(address: str) -> int | None:
    """N for `local:N` (all cores for `local`), None for a scheduler address."""
    if address == LOCAL:
        return max(1, os.cpu_count() or 1)
    if not address.startswith(LOCAL + ":"):
        return None
    count = address.split(":", 1)[1]
    if not count.isdigit() or int(count) < 1:
        raise InputError(address, "expected `local` or `local:N` with N a whole number of worker processes ≥ 1")
    return int(count)


def require_dask() -> None:
    """A sentence instead of an ImportError when the `scale` extra is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise TruceWatchError(
            f"--dask needs Dask distributed, which is not installed ({exc}); install the optional "
            f"scale extra with: {INSTALL_HINT}"
        ) from None


def timeout_seconds() -> float:
    raw = os.environ.get(TIMEOUT_ENV)
    if not raw:
        return DEFAULT_TIMEOUT_S
    try:
        return max(0.1, float(raw))
    except ValueError:
        raise InputError(TIMEOUT_ENV, f"{raw!r} is not a number of seconds") from None


@contextmanager
def dask_client(dask: str | Any) -> Iterator[Client]:
    """A connected client with at least one worker; a Client given in is used as it is (and not
    closed). A LocalCluster started here is shut down on leaving."""
    if not isinstance(dask, str):
        yield dask
        return
    require_dask()
    count = local_workers(dask)
    if count is not None:
        with _local_cluster(count) as client:
            yield client
        return
    client = connect(dask)
    try:
        yield client
    finally:
        client.close()


@contextmanager
def optional_client(option: str | None) -> Iterator[Client | None]:
    """A client when `--dask` or $TRUCEWATCH_DASK names a cluster, else None (work stays local)."""
    address = dask_address(option)
    if address is None:
        yield None
        return
    with dask_client(address) as client:
        yield client


@contextmanager
def optional_fuser(option: str | None) -> Iterator[Callable | None]:
    """For the CLI: a fuser on the cluster (`scale.fusion.cluster_fuser`) when `--dask` or
    $TRUCEWATCH_DASK names one, else None (fusion stays in this process)."""
    with optional_client(option) as client:
        if client is None:
            yield None
            return
        from .fusion import cluster_fuser

        yield cluster_fuser(client)


def connect(address: str) -> Client:
    """A client of the scheduler at `address`, once it has a worker; else a sentence naming it."""
    from distributed import Client

    timeout = timeout_seconds()
    try:
        client = Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise TruceWatchError(
            f"Cannot reach the Dask scheduler at {address} ({_reason(exc)}). Start one with "
            f"`dask scheduler` and workers with `dask worker {address}`, or check the address "
            f"(--dask or ${ENV})."
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise TruceWatchError(
            f"The Dask scheduler at {address} has no workers ({_reason(exc)}); start some with "
            f"`dask worker {address} --nthreads 1`."
        ) from None
    return client


@contextmanager
def _local_cluster(workers: int) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR)
    try:
        with Client(cluster, set_as_default=False) as client:
            yield client
    finally:
        cluster.close()


def total_threads(client: Client) -> int:
    """Tasks the cluster runs at once (one per worker thread)."""
    return max(1, sum(client.nthreads().values()))


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text.rstrip(".")
