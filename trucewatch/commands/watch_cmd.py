"""The `watch` command: poll feeds, ingest, re-check, announce new or changed violations once."""
from __future__ import annotations

from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, err_console, out_console

EVERY_HELP = "How often to poll: 90s, 15m, 1h, 1h30m (default 15m)."
WEBHOOK_HELP = "POST each new or changed violation here as JSON (retried with backoff while it is down)."
PRIVATE_HELP = "Also fetch from loopback, private and link-local addresses (feeds inside your own network)."


def watch_config(feeds: Path, truce: Path, every: str, webhook: str | None, allow_private: bool, *,
                 timeout: float = 15.0, delay: float = 1.0, backoff: str = "30s"):
    """The checked settings of a watch (shared by `watch` and `serve --watch`)."""
    from trucewatch.errors import TruceWatchError
    from trucewatch.monitor.watch import WatchConfig, parse_duration, read_feed_list

    read_feed_list(feeds)  # say now if the list is unreadable or empty
    if not Path(truce).is_file():
        raise TruceWatchError(f"{truce}: no such truce file.")
    if webhook is not None and not webhook.lower().startswith(("http://", "https://")):
        raise TruceWatchError(f"The webhook '{webhook}' is not an http(s) URL.")
    return WatchConfig(feeds=Path(feeds), truce=Path(truce), every=parse_duration(every), webhook=webhook,
                       allow_private=allow_private, timeout=timeout, delay=delay, backoff=parse_duration(backoff))


@app.command()
def watch(
    feeds: Path = typer.Argument(..., metavar="FEEDS.txt", help="One feed URL (or file) a line; # starts a comment."),
    truce: Path = typer.Option(..., "--truce", metavar="T.yaml", help="The truce terms to check against."),
    every: str = typer.Option("15m", "--every", help=EVERY_HELP),
    webhook: str | None = typer.Option(None, "--webhook", metavar="URL", help=WEBHOOK_HELP),
    allow_private: bool = typer.Option(False, "--allow-private", help=PRIVATE_HELP),
    once: bool = typer.Option(False, "--once", help="Poll once, deliver what is due, and stop (for cron)."),
    backoff: str = typer.Option("30s", "--backoff", help="First wait before retrying a failed webhook POST; doubles each time, up to 1h."),
    timeout: float = typer.Option(15.0, "--timeout", metavar="SECONDS", min=0.1, help="Give up on a feed or page after this long."),
    delay: float = typer.Option(1.0, "--delay", metavar="SECONDS", min=0.0, help="Pause between two requests to the same site."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Poll feeds, ingest new reports, re-check the truce and announce each new or changed
    violation or probable violation ONCE: on the dashboard (Alerts) and to --webhook.

    Stopping and starting again repeats nothing: reports are stored once, and each
    (truce, incident, verdict) is announced once. The same job runs inside `serve --watch`.

    [bold]Example[/bold]:

        trucewatch watch feeds.txt --truce truce.yaml --every 15m --webhook https://chat.example.org/hooks/tw
    """
    from trucewatch.monitor.watch import Watcher
    from trucewatch.store import open_store

    config = watch_config(feeds, truce, every, webhook, allow_private, timeout=timeout, delay=delay, backoff=backoff)
    with open_store(db_url(db)) as store:
        watcher = Watcher(store, config, on_cycle=lambda cycle: out_console.print(cycle.line(), highlight=False, soft_wrap=True),
                          on_error=lambda text: err_console.print(text, highlight=False, markup=False, soft_wrap=True))
        err_console.print(f"watching {len(watcher.feeds)} feed(s) every {config.every:g} s against {truce}"
                          f"{' with a webhook' if webhook else ''} over {store.url}; Ctrl-C stops it.", highlight=False)
        try:
            watcher.run(once=once)
        except KeyboardInterrupt:
            watcher.stop()
