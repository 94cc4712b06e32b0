"""Live monitoring: poll feeds, ingest what is new, re-check the truce, announce new or changed
violations once (dashboard alerts and a webhook).

Each cycle is the ordinary chain, so a killed watcher loses nothing and repeats nothing when it
starts again: ingest skips stored reports (they are keyed by their text's hash), the check
recomputes findings from reviewed data, and the outbox holds one alert per truce, incident and
verdict. The webhook is fed from the outbox by its own thread (webhook.py), so a webhook that is
down is retried with backoff while polling and ingest go on.
"""
from __future__ import annotations

import inspect
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from trucewatch.errors import InputError, TruceWatchError

log = logging.getLogger("trucewatch.watch")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")


def parse_duration(text: str) -> float:
    """Seconds in "15m", "1h30m", "90s", "2d" or a bare number of seconds; TruceWatchError otherwise."""
    raw = str(text).strip().lower()
    try:
        seconds = float(raw)
    except ValueError:
        parts = DURATION.findall(raw)
        if not parts or DURATION.sub("", raw).strip():
            raise TruceWatchError(f"'{text}' is not a duration; write e.g. 90s, 15m, 1h or 1h30m.") from None
        seconds = sum(float(number) * UNITS[unit] for number, unit in parts)
    if not seconds > 0 or seconds != seconds or seconds == float("inf"):
        raise TruceWatchError(f"'{text}' is not a duration longer than zero.")
    return seconds


def read_feed_list(path: str | Path) -> list[str]:
    """The feeds to poll: one URL or file path a line; blank lines and # comments are skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TruceWatchError(f"{path}: cannot read the list of feeds ({exc}).") from None
    feeds = [line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else "" for line in lines]
    feeds = [feed for feed in feeds if feed]
    if not feeds:
        raise TruceWatchError(f"{path} names no feed: write one URL or file path a line.")
    return feeds


def make_fetcher(*, timeout: float, delay: float, allow_private: bool):
    """The ingest fetcher; `allow_private` (loopback and private addresses, for feeds served
    inside a mission's network and for tests) goes through when the fetcher knows it."""
    from trucewatch.ingest.fetch import Fetcher

    options = {"timeout": timeout, "min_interval": delay}
    if "allow_private" in inspect.signature(Fetcher).parameters:
        options["allow_private"] = allow_private
    return Fetcher(**options)


@dataclass
class WatchConfig:
    feeds: Path
    truce: Path
    every: float = 900.0
    webhook: str | None = None
    allow_private: bool = False
    timeout: float = 15.0
    delay: float = 1.0
    backoff: float = 30.0
    max_backoff: float = 3600.0
    workers: int = 1


@dataclass
class Cycle:
    """What one poll did."""

    at: datetime
    new: int = 0
    skipped: int = 0
    failed: int = 0
    findings: int = 0
    alerts: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        told = ", ".join(f"{a.change} {a.verdict} {a.incident}" for a in self.alerts[:5])
        more = f" (+{len(self.alerts) - 5})" if len(self.alerts) > 5 else ""
        return (f"{self.at:%Y-%m-%d %H:%M:%S} UTC: {self.new} new, {self.skipped} known, {self.failed} failed "
                f"report(s); {self.findings} finding(s); {len(self.alerts)} new alert(s)"
                + (f": {told}{more}" if self.alerts else ""))


class Watcher:
    """Polls on a schedule; `run_cycle()` once, or `run()` until `stop()` (or forever)."""

    def __init__(self, store, config: WatchConfig, *, actor=None, on_cycle: Callable[[Cycle], None] | None = None,
                 on_error: Callable[[str], None] | None = None):
        from trucewatch.audit.log import Actor

        self.store, self.config = store, config
        self.actor = actor or Actor(name="watch", via="system")
        self.on_cycle, self.on_error = on_cycle, on_error
        self.feeds = read_feed_list(config.feeds)
        self.truce_path = Path(config.truce)
        self._stop = threading.Event()
        self.deliverer = None
        if config.webhook:
            from .webhook import Deliverer

            self.deliverer = Deliverer(store, config.webhook, backoff=config.backoff, max_backoff=config.max_backoff)

    def _say(self, problem: str) -> None:
        log.warning("%s", problem)
        if self.on_error is not None:
            self.on_error(problem)

    def run_cycle(self) -> Cycle:
        from trucewatch.ingest import ingest
        from trucewatch.truce.run import run_check

        from .outbox import announce

        cycle = Cycle(datetime.now(timezone.utc))
        fetcher = make_fetcher(timeout=self.config.timeout, delay=self.config.delay,
                               allow_private=self.config.allow_private)
        try:
            summary = ingest(self.feeds, self.store, fetch=True, fetcher=fetcher, workers=self.config.workers,
                             on_error=lambda error: self._say(_sentence(error)))
            cycle.new, cycle.skipped, cycle.failed = summary.new, summary.skipped, summary.failed
        finally:
            fetcher.close()
        terms, _, found = run_check(self.truce_path, self.store, actor=self.actor)
        cycle.findings = len(found)
        cycle.alerts = announce(self.store, terms.name)
        if self.deliverer is not None and cycle.alerts:
            self.deliverer.wake()
        if self.on_cycle is not None:
            self.on_cycle(cycle)
        return cycle

    def run(self, *, once: bool = False) -> None:
        """Cycle every `every` seconds until stopped; a failed cycle is reported and the next one comes."""
        if self.deliverer is not None:
            self.deliverer.start()
        try:
            while not self._stop.is_set():
                started = time.monotonic()
                try:
                    self.run_cycle()
                except TruceWatchError as exc:
                    self._say(str(exc))
                except Exception as exc:  # noqa: BLE001 - one bad cycle must not end the watch
                    log.exception("watch cycle failed")
                    self._say(f"this poll failed ({exc.__class__.__name__}: {exc}); the next one comes on time")
                if once:
                    if self.deliverer is not None:
                        self.deliverer.deliver_due()
                    return
                self._stop.wait(max(0.0, self.config.every - (time.monotonic() - started)))
        finally:
            if self.deliverer is not None:
                self.deliverer.stop()

    def start(self) -> "Watcher":
        """Run in a thread (inside `serve`)."""
        threading.Thread(target=self.run, name="trucewatch-watch", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()


def _sentence(error: InputError) -> str:
    return f"{error.source}: {' '.join(error.reason.split())}"
