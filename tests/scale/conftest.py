"""A real Dask cluster for the scale tests: `dask scheduler` and `dask worker` processes talking
TCP on 127.0.0.1, on free ports, started once per session (the kill test starts its own).

Without Dask distributed (the `scale` extra) these tests skip locally and FAIL in CI, as the
PostgreSQL tests do: CI must run them.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

STARTUP_S = 120  # workers import spaCy and the gazetteer on a shared, busy machine


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Dask distributed is missing in CI: install the `scale` extra (make setup).")
        pytest.skip("Dask distributed is not installed (pip install 'trucewatch[scale]').")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dask_command() -> str:
    """The `dask` command of the environment running the tests."""
    return str(Path(sys.executable).with_name("dask"))


class DaskProcesses:
    """A scheduler and `workers` single-threaded workers (no nanny: a worker killed stays dead,
    so its tasks must run elsewhere), each in its own process group, logging to `folder`."""

    def __init__(self, folder: Path, workers: int = 2):
        self.folder = folder
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.processes: list[subprocess.Popen] = []
        folder.mkdir(parents=True, exist_ok=True)
        self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                  "--no-dashboard"])
        for number in range(workers):
            self._start(f"worker-{number}", ["worker", self.address, "--nthreads", "1", "--no-nanny",
                                             "--no-dashboard", "--host", "127.0.0.1",
                                             "--name", f"worker-{number}", "--death-timeout", "60",
                                             "--local-directory", str(folder / f"space-{number}")])
        self.wait_for_workers(workers)

    def _start(self, name: str, arguments: list[str]) -> None:
        log = open(self.folder / f"{name}.log", "wb")
        self.processes.append(subprocess.Popen([dask_command(), *arguments], stdout=log, stderr=log,
                                               cwd=self.folder, start_new_session=True))
        log.close()

    def client(self):
        from distributed import Client

        return Client(self.address, timeout="30s", set_as_default=False)

    def wait_for_workers(self, count: int) -> None:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            try:
                with self.client() as client:
                    client.wait_for_workers(count, timeout=max(1, deadline - time.monotonic()))
                    return
            except (OSError, TimeoutError):
                time.sleep(0.5)
        self.stop()
        logs = "; ".join(p.read_text(errors="replace")[-300:] for p in self.folder.glob("*.log"))
        pytest.fail(f"the Dask test cluster did not start within {STARTUP_S} s: {logs}")

    def worker_pids(self) -> dict[str, int]:
        with self.client() as client:
            return client.run(os.getpid)

    def stop(self) -> None:
        """Ask the scheduler to shut the cluster down and give the processes time to close;
        signal whatever is left (a signal in the middle of a graceful close can stall it)."""
        try:
            with self.client() as client:
                client.shutdown()
        except Exception:  # noqa: BLE001 - a scheduler already gone: the signals below do it
            pass
        for sig, patience in ((None, 10), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            running = [process for process in self.processes if process.poll() is None]
            for process in running:
                if sig is not None:
                    os.killpg(process.pid, sig)
            deadline = time.monotonic() + patience
            for process in running:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    pass


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory):
    """A running scheduler with two workers; yields the DaskProcesses (address in `.address`)."""
    require_dask()
    cluster = DaskProcesses(tmp_path_factory.mktemp("dask"))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def own_dask_cluster(tmp_path):
    """A cluster of its own, for a test that kills one of its workers."""
    require_dask()
    cluster = DaskProcesses(tmp_path / "dask")
    try:
        yield cluster
    finally:
        cluster.stop()


def run_cli(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real `trucewatch` command in a subprocess; bytes out, so outputs compare exactly."""
    return subprocess.run([sys.executable, "-m", "trucewatch", *map(str, args)], capture_output=True,
                          timeout=timeout, env={**os.environ, **(env or {})})
