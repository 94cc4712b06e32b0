"""A worker thread that repeats one step until stopped, sleeping between steps unless woken: the
server's job worker and the webhook deliverer. A failing step is logged and the loop goes on,
since a database hiccup must not end background work for the life of the process."""
from __future__ import annotations

import logging
import threading


class Loop:
    """Subclasses define `step() -> float` (seconds to wait before the next step)."""

    name = "trucewatch-background"
    idle = 2.0  # seconds to wait after a failed step

    def __init__(self) -> None:
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)

    def step(self) -> float:
        raise NotImplementedError

    def start(self):
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self.step()
            except Exception:  # noqa: BLE001 - logged; the next step comes
                logging.getLogger(f"trucewatch.{self.name}").exception("%s: a step failed", self.name)
                wait = self.idle
            if wait > 0:
                self._wake.wait(wait)
            self._wake.clear()
