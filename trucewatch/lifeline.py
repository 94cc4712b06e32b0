"""Worker processes live and die with the process that started them.

An extraction worker holds a spaCy model (200-400 MB). When `ingest` was killed (SIGKILL, an
out-of-memory kill, a closed terminal) its workers used to stay alive, reparented, forever. So
each worker asks the kernel to kill it when its parent dies (Linux `PR_SET_PDEATHSIG`), or
watches its parent from a thread elsewhere; leaves Ctrl-C and SIGTERM to the parent, which stops
the pool itself; and the number of workers is held to the cores (and memory) there are.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_INTERVAL_S = 1.0
WORKER_MEMORY_MB = 450  # a worker's peak with the small English model and the gazetteer
MAX_WORKERS_ENV = "TRUCEWATCH_MAX_WORKERS"


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _available_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def effective_workers(requested: int | None) -> tuple[int, str | None]:
    """(workers to start, a note when fewer than asked): at most the cores unless
    $TRUCEWATCH_MAX_WORKERS allows more, and no more than free memory holds."""
    wanted = requested or cores()
    limit = cores()
    allowed = os.environ.get(MAX_WORKERS_ENV, "").strip()
    if allowed.isdigit() and int(allowed) > 0:
        limit = int(allowed)
    memory = _available_mb()
    if memory is not None:
        limit = min(limit, max(1, memory // WORKER_MEMORY_MB))
    workers = max(1, min(wanted, limit))
    if workers == wanted or requested is None:
        return workers, None
    return workers, (f"--workers {wanted} is more than this machine can run side by side ({cores()} cores, "
                     f"{memory if memory is not None else '?'} MB free); using {workers} "
                     f"(set {MAX_WORKERS_ENV} to allow more)")


def _pdeathsig() -> bool:
    """Ask Linux to SIGKILL this process when its parent thread ends; False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_INTERVAL_S)
    os._exit(1)


def start_worker(parent_pid: int, kernel_watch: bool) -> None:
    """First thing in a worker: die with the parent, leave interrupts to the parent.

    `kernel_watch` is False when the pool was started from a thread other than the main one:
    Linux's parent-death signal fires when that *thread* ends, so a thread watches instead."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's "unwind" handler, inherited by fork
    if not (kernel_watch and _pdeathsig()):
        threading.Thread(target=_watch, args=(parent_pid,), daemon=True, name="parent-watch").start()
    if os.getppid() != parent_pid:  # the parent died before the watch was set
        os._exit(1)


def worker_arguments() -> tuple[int, bool]:
    """What `start_worker` needs, computed in the parent."""
    return os.getpid(), threading.current_thread() is threading.main_thread()


def stop_pool(executor) -> None:
    """Stop a ProcessPoolExecutor's workers now (on an interrupt or an error), not after their batch."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):
            pass
    executor.shutdown(wait=True, cancel_futures=True)
