"""Once per worker, never per task: spaCy, lexicons, actor dictionary, gazetteer, polygons.

Registered by extraction and ingest (fusion does not need spaCy, so it does not pay its memory).
A worker that joins later, or one restarted after a crash, runs `setup` when it joins.
"""
from __future__ import annotations

import gc

from distributed import WorkerPlugin

PLUGIN_NAME = "trucewatch-warm"


class WarmWorker(WorkerPlugin):
    """Extract one small report in the worker, which builds every lazily made table."""

    name = PLUGIN_NAME

    def setup(self, worker) -> None:
        from trucewatch.extract.pipeline import warm_up

        warm_up()
        # What was loaded stays for the worker's life: keep it out of the cyclic collector's
        # scans, as the local pipeline does for its forked workers.
        gc.freeze()


def register(client) -> None:
    """Warm every worker of the cluster now (waits for them), and every worker that joins."""
    client.register_plugin(WarmWorker(), name=PLUGIN_NAME)
