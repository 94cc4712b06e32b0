"""The `extract` command: reports in, one JSON object per report out (JSON Lines, the contract)."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path

import typer

from trucewatch.cli_app import DASK_HELP, app, err_console, show_progress
from trucewatch.errors import InputError, TruceWatchError
from trucewatch.terminal import json_line


def _documents(results: Iterable, failures: list[InputError]) -> Iterator:
    """Documents from ingest's reader; each failed input is reported on stderr and skipped."""
    for item in results:
        if isinstance(item, InputError):
            failures.append(item)
            err_console.print(f"{item.source}: {item.reason}", highlight=False, markup=False, soft_wrap=True)
        else:
            yield item


@app.command()
def extract(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...",
        help="Files, folders (read recursively), JSONL/CSV exports, HTML pages, feeds, or - for standard input.",
    ),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Processes (default: all cores)."),
    out: Path | None = typer.Option(None, "--out", help="Write the JSON Lines here instead of standard output."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents each process parses at a time."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out file that is not JSON Lines."),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP),
) -> None:
    """Print the events and claims of each report as one JSON object per line, in input order.

    Accepts every input `ingest` accepts; `document.ref` is the input's own id (the `id` field
    of a JSONL/CSV row, else the file path). Bad inputs are reported on stderr, one line each,
    and make the exit status 1. The output follows the JSON Schema in
    trucewatch/schema/event.schema.json (see docs/contract.md).

    [bold]Example[/bold]:

        trucewatch extract reports/ wire.jsonl --workers 2 --out events.jsonl

        trucewatch extract wire.jsonl --dask tcp://10.0.0.5:8786 --out events.jsonl
    """
    from trucewatch.extract import extract_documents
    from trucewatch.ingest import read_inputs
    from trucewatch.scale.cluster import optional_client

    from trucewatch.lifeline import effective_workers
    from trucewatch.outputs import atomic_output, check_target

    note = effective_workers(workers)[1] if workers else None
    if note:
        err_console.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)
    failures: list[InputError] = []
    if out is not None:
        check_target(out, "jsonl", force=force)
    with optional_client(dask) as client:  # an unreachable cluster fails before any output exists
        try:
            with atomic_output(out) if out else nullcontext(sys.stdout) as sink:
                documents = _documents(read_inputs(paths), failures)
                if client is None:
                    extractions = extract_documents(documents, workers=workers, batch_size=batch_size)
                    _write(extractions, sink, progress=show_progress())
                else:
                    _write_from_cluster(documents, client, sink, batch_size=batch_size)
        except OSError as exc:
            raise TruceWatchError(f"Cannot write the output file {out}: {exc.strerror or exc}.") from exc
    if failures:
        raise typer.Exit(1)


def _write_from_cluster(documents: Iterable, client, sink, *, batch_size: int) -> None:
    """The same lines, extracted on the cluster; the bar counts documents across its workers."""
    from trucewatch.extract import extract_documents
    from trucewatch.scale.progress import ClusterProgress

    with ClusterProgress(enabled=show_progress(), console=err_console) as bar:
        extractions = extract_documents(documents, batch_size=batch_size, dask=client, progress=bar)
        _write(extractions, sink, progress=False)


def _write(extractions: Iterable, sink, *, progress: bool) -> None:
    if not progress:
        for extraction in extractions:
            sink.write(json_line(extraction.contract()) + "\n")
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} reports extracted"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("extract", total=None)
        for extraction in extractions:
            sink.write(json_line(extraction.contract()) + "\n")
            bar.advance(task)
