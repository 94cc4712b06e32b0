"""The rich progress bar of a long ingest; silent when no one is watching.

It counts documents, not inputs: one JSONL file of 20,000 reports is 20,000 steps with an ETA,
not "0/1" for an hour. An input counts as one document until its reader says how many it holds
(`expect`), and the total is corrected when the input is read to the end.
"""
from __future__ import annotations

from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from trucewatch.terminal import SafeConsole, one_line


class IngestProgress:
    """Documents handled (stored, skipped, updated or failed) out of those expected, with an ETA."""

    def __init__(self, total: int, *, enabled: bool, console: SafeConsole | None = None):
        self.enabled = enabled
        self.total = total  # one per input until inputs say more
        self._announced: int | None = None
        self._progress = None
        if enabled:
            self._progress = Progress(
                TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                TextColumn("{task.fields[counts]}"), TimeElapsedColumn(), TextColumn("eta"),
                TimeRemainingColumn(), console=console or SafeConsole(stderr=True), transient=True,
            )
            self._task = self._progress.add_task("ingest", total=total, counts="")

    def __enter__(self) -> "IngestProgress":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def expect(self, count: int) -> None:
        """The input being read holds about `count` documents (rows of a file, items of a feed)."""
        self._announced = max(count, 1)
        self._retotal(self.total + self._announced - 1)

    def input_read(self, results: int) -> None:
        """The input gave `results` documents and errors in all: the total now counts them exactly."""
        expected = self._announced or 1
        self._announced = None
        self._retotal(self.total + results - expected)

    def _retotal(self, total: int) -> None:
        self.total = max(total, 0)
        if self._progress is not None:
            self._progress.update(self._task, total=self.total)

    def failed(self, error) -> None:
        """Failures are printed above the bar as they happen, so a long run shows them early."""
        if self._progress is not None:
            self._progress.console.print(one_line(f"{error.source}: {error.reason}"), markup=False,
                                         highlight=False, soft_wrap=True)

    def stored(self, summary) -> None:
        if self._progress is not None:
            done = summary.new + summary.skipped + summary.updated + summary.failed
            self._progress.update(self._task, completed=done, counts=summary.line())
