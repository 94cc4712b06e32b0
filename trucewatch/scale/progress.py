"""Progress across the cluster: documents done out of documents read, wherever they ran.

The total grows while inputs are still being read (a JSON Lines export is not counted before it
is read) and is final once the last input is read. Tasks report as they finish, on the client's
event thread, so the count moves even while the output waits for an earlier, slower task.
"""
from __future__ import annotations

import threading

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from trucewatch.ingest.progress import IngestProgress
from trucewatch.terminal import SafeConsole


class ClusterProgress(IngestProgress):
    """Documents done / total across the cluster; also takes ingest's calls (inputs, failures,
    counts), so `ingest` can show it in place of its per-input bar."""

    def __init__(self, *, enabled: bool, label: str = "extract", inputs: int | None = None,
                 workers: int = 0, console: SafeConsole | None = None):
        self.enabled = enabled
        self._progress = None
        self._lock = threading.Lock()
        self.read = self.done = self.inputs_read = 0
        self.inputs = inputs
        self.workers = workers
        if enabled:
            self._progress = Progress(
                TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("documents · {task.fields[where]}"), TextColumn("{task.fields[counts]}"),
                TimeElapsedColumn(), console=console or SafeConsole(stderr=True), transient=True,
            )
            self._task = self._progress.add_task(label, total=None, where="", counts="")
            self._refresh()

    def set_workers(self, workers: int) -> None:
        self.workers = workers
        self._refresh()

    def submitted(self, documents: int) -> None:
        """Documents read and sent to the cluster."""
        with self._lock:
            self.read += documents
        self._refresh()

    def finished(self, documents: int) -> None:
        """Documents a worker has finished (called from the client's event thread)."""
        with self._lock:
            self.done += documents
        self._refresh()

    def expect(self, count: int) -> None:
        """The cluster bar counts documents as they are read; an input's announced size adds nothing."""

    def input_read(self, results: int) -> None:
        self.inputs_read += 1
        self._refresh()

    def stored(self, summary) -> None:
        if self._progress is not None:
            self._progress.update(self._task, counts=summary.line())

    def _refresh(self) -> None:
        if self._progress is None:
            return
        where = f"{self.workers} workers"
        if self.inputs is not None:
            where += f" · inputs {self.inputs_read}/{self.inputs}"
        with self._lock:
            self._progress.update(self._task, completed=self.done, total=self.read or None, where=where)
