"""The rich progress bar of a long ingest; silent when no one is watching."""
from __future__ import annotations

from trucewatch.terminal import SafeConsole, one_line
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class IngestProgress:
    """Inputs read out of the total, with running new/skipped/failed counts."""

    def __init__(self, total: int, *, enabled: bool, console: Console | None = None):
        self.enabled = enabled
        self._progress = None
        if enabled:
            self._progress = Progress(
                TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                console=console or SafeConsole(stderr=True), transient=True,
            )
            self._task = self._progress.add_task("ingest", total=total, counts="")

    def __enter__(self) -> "IngestProgress":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def input_done(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def failed(self, error) -> None:
        """Failures are printed above the bar as they happen, so a long run shows them early."""
        if self._progress is not None:
            self._progress.console.print(one_line(f"{error.source}: {error.reason}"), markup=False,
                                         highlight=False, soft_wrap=True)

    def stored(self, summary) -> None:
        if self._progress is not None:
            self._progress.update(self._task, counts=summary.line())
