"""The `ingest` command: a thin layer over `trucewatch.ingest.ingest`."""
from __future__ import annotations


import typer
from typer.core import TyperArgument, TyperCommand

from trucewatch.cli_app import DASK_HELP, DB_HELP, app, db_url, err_console, out_console, show_progress
from trucewatch.errors import InputError


class PlainUsageCommand(TyperCommand):
    """Writes arguments in the usage line as their metavar says ("PATH..."), where typer would
    write "{PATH...}..." (braces for required, a second ellipsis for several)."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument) and param.metavar:
                pieces.append(param.metavar if param.required else f"[{param.metavar}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


@app.command(cls=PlainUsageCommand)
def ingest(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...",
        help="Files, folders (read recursively), feed or page URLs, or - for standard input.",
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    fetch: bool = typer.Option(False, "--fetch", help="Fetch each feed item's page instead of using its summary."),
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Extract events now (default) or only store the reports."),
    max_size: float = typer.Option(5.0, "--max-size", metavar="MB", min=0.001, help="Largest report text accepted, in MB."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Extraction processes (default: all cores)."),
    batch_size: int = typer.Option(50, "--batch-size", min=1, help="Documents per database transaction."),
    timeout: float = typer.Option(15.0, "--timeout", metavar="SECONDS", min=0.1, help="Give up on a page or feed when the whole request (connect, headers, body) takes longer than this (it is retried twice)."),
    delay: float = typer.Option(1.0, "--delay", metavar="SECONDS", min=0.0, help="Pause between two requests to the same site."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch from loopback, private and "
                                       "link-local addresses (refused by default: a feed's links must not "
                                       "reach the monitor's own network)."),
    dask: str | None = typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP + " With a server database the workers write to it themselves."),
) -> None:
    """Read reports and store them with their events; re-running skips what is stored.

    Reads plain text (a first line `date YYYY-MM-DD` gives the publication date), JSON Lines
    and CSV (fields text, published, title, url, source, id), HTML pages and RSS/Atom feeds.
    Each bad input is one line `input: reason`; the exit status is 1 if any failed.

    [bold]Example[/bold]:

        trucewatch ingest reports/ feed.xml --db sqlite:///truce.db

        trucewatch ingest https://example.org/news.atom --fetch --delay 2

        trucewatch ingest wire.jsonl --dask tcp://10.0.0.5:8786 --db postgresql://tw@db/trucewatch
    """
    from trucewatch.ingest import ingest as run_ingest
    from trucewatch.ingest.sources import is_url
    from trucewatch.lifeline import effective_workers

    if extract and workers:
        _say_note(effective_workers(workers)[1])
    from trucewatch.scale.cluster import dask_address

    fetcher = None
    if fetch or any(is_url(path) for path in paths):
        from trucewatch.ingest.fetch import Fetcher

        fetcher = Fetcher(timeout=timeout, min_interval=delay, allow_private=allow_private)
    progress = show_progress()
    try:
        summary = run_ingest(
            paths, db_url(db), extract=extract, fetch=fetch, batch_size=batch_size,
            progress=progress, workers=workers, max_bytes=int(max_size * 1_000_000), fetcher=fetcher,
            on_error=None if progress else print_input_error,  # a bar prints them above itself
            dask=dask_address(dask),
        )
    finally:
        if fetcher is not None:
            fetcher.close()
    for note in summary.notes:
        _say_note(note)
    out_console.print(summary.line(), highlight=False)
    if summary.failed:
        raise typer.Exit(1)


def _say_note(note: str | None) -> None:
    if note:
        err_console.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)


def print_input_error(error: InputError) -> None:
    """`input: reason` on stderr, as every ingest summary names its failures (demo too)."""
    reason = " ".join(error.reason.split())  # one line per failure, whatever the library said
    err_console.print(f"{error.source}: {reason}", highlight=False, markup=False, soft_wrap=True)
