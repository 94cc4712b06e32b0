"""The `serve` command: the dashboard and the REST API (needs the `web` extra)."""
from __future__ import annotations

from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, err_console
from trucewatch.errors import TruceWatchError


@app.command()
def serve(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies",
                                        help="Mark cookies Secure (serve behind HTTPS, e.g. a reverse proxy)."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Server processes (one per core serves more readers at once)."),
    watch: Path | None = typer.Option(None, "--watch", metavar="FEEDS.txt",
                                      help="Also poll these feeds and announce violations (as `trucewatch watch`)."),
    truce: Path | None = typer.Option(None, "--truce", metavar="T.yaml", help="The truce --watch checks against."),
    every: str = typer.Option("15m", "--every", help="How often --watch polls (90s, 15m, 1h)."),
    webhook: str | None = typer.Option(None, "--webhook", metavar="URL", help="Where --watch POSTs each alert."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="--watch may fetch from loopback, private and link-local addresses."),
    exports_dir: Path | None = typer.Option(None, "--exports-dir",
                                            help="Where background exports are written (default: a temp folder)."),
) -> None:
    """Serve the dashboard and the REST API (/api/v1, docs at /api/docs); everything works offline.

    With --watch (and --truce), the server also polls feeds and announces violations, as
    `trucewatch watch` does.

    Example:

        trucewatch serve --db sqlite:///trucewatch.db --port 8000

        trucewatch serve --watch feeds.txt --truce truce.yaml --every 15m --webhook https://chat.example.org/hook
    """
    try:
        import uvicorn

        from trucewatch.web import Settings, create_app
        from trucewatch.web.app import STATIC  # noqa: F401  (fails early when the extra is missing)
    except ImportError as exc:
        raise TruceWatchError(f"The server needs the web extra ({exc.name} is missing): "
                              "pip install 'trucewatch[web]'.") from None
    import os

    from trucewatch.store import open_store

    url = db_url(db)
    watcher = _watcher(url, watch, truce, every, webhook, allow_private)
    with open_store(url) as store:  # migrate once, here, and say so here if the database is unusable
        shown_db = store.url
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    err_console.print(f"TruceWatch on http://{shown}:{port}/ (API docs at /api/docs) over {shown_db}, "
                      f"{workers} process(es); Ctrl-C stops it.", highlight=False)
    if host not in ("127.0.0.1", "::1", "localhost") and not secure_cookies:
        err_console.print("warning: listening beyond this machine without --secure-cookies; put it behind "
                          "HTTPS before anyone logs in over a network.", highlight=False)
    # Keep idle connections for 30 s (uvicorn's 5 s races with browsers and scripts that reuse a
    # connection just as the server drops it: the request then fails with a reset).
    options = {"host": host, "port": port, "log_level": "warning", "access_log": False, "timeout_keep_alive": 30}
    if watcher is not None:
        watcher.start()
    try:
        if workers == 1:
            uvicorn.run(create_app(Settings(db_url=url, secure_cookies=secure_cookies,
                                            exports_dir=str(exports_dir) if exports_dir else None)), **options)
            return
        os.environ["TRUCEWATCH_DB"] = url
        os.environ["TRUCEWATCH_SECURE_COOKIES"] = "1" if secure_cookies else "0"
        if exports_dir:
            os.environ["TRUCEWATCH_EXPORTS_DIR"] = str(exports_dir)
        uvicorn.run("trucewatch.web.app:app_from_environment", factory=True, workers=workers, **options)
    finally:
        if watcher is not None:
            watcher.stop()


def _watcher(url: str, feeds: Path | None, truce: Path | None, every: str, webhook: str | None, allow_private: bool):
    """The watch job the server runs beside itself (one, whatever the number of worker processes)."""
    if feeds is None:
        if truce is not None or webhook is not None:
            raise TruceWatchError("--truce and --webhook go with --watch FEEDS.txt.")
        return None
    if truce is None:
        raise TruceWatchError("--watch needs --truce T.yaml: the terms to check the new reports against.")
    from trucewatch.monitor.watch import Watcher
    from trucewatch.store import open_store

    from .watch_cmd import watch_config

    config = watch_config(feeds, truce, every, webhook, allow_private)
    return Watcher(open_store(url), config,
                   on_error=lambda text: err_console.print(f"watch: {text}", highlight=False, markup=False))
