"""`--dask` end to end: the real CLI against a real scheduler and two workers over TCP."""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from .conftest import free_port, run_cli
from .reports import write_reports


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    write_reports(folder, 30)
    return folder


@pytest.fixture(scope="module")
def local_lines(reports) -> bytes:
    """What `trucewatch extract` prints for the reports without Dask (two local processes)."""
    local = run_cli("extract", reports, "--workers", "2", "--batch-size", "4")
    assert local.returncode == 0, local.stderr.decode()
    return local.stdout


def event_ids_of(lines: bytes) -> list[str]:
    return sorted(event["id"] for line in lines.splitlines() for event in json.loads(line)["events"])


def test_extraction_on_the_cluster_equals_the_local_run_byte_for_byte(dask_cluster, reports, local_lines):
    remote = run_cli("extract", reports, "--dask", dask_cluster.address, "--batch-size", "4")
    assert remote.returncode == 0, remote.stderr.decode()
    assert remote.stdout == local_lines
    assert local_lines.count(b"\n") == 30


def test_the_address_can_come_from_the_environment(dask_cluster, reports, tmp_path):
    out = tmp_path / "events.jsonl"
    done = run_cli("extract", reports / "wire.jsonl", "--out", out, env={"TRUCEWATCH_DASK": dask_cluster.address})
    assert done.returncode == 0, done.stderr.decode()
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10


def _counts(url: str) -> tuple[int, int, int]:
    """(documents, distinct document ids, events) stored."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return (connection.scalar(sa.text("SELECT count(*) FROM documents")),
                    connection.scalar(sa.text("SELECT count(DISTINCT id) FROM documents")),
                    connection.scalar(sa.text("SELECT count(*) FROM events")))
    finally:
        engine.dispose()


def _event_ids(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.scalars(sa.text("SELECT id FROM events")))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_ingest_writes_postgresql_from_the_workers(dask_cluster, reports, postgres_url, local_lines):
    done = run_cli("ingest", reports, "--db", postgres_url, "--dask", dask_cluster.address, "--batch-size", "4")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == "30 new, 0 skipped, 0 failed"
    expected = event_ids_of(local_lines)
    assert _counts(postgres_url) == (30, 30, len(expected))
    assert _event_ids(postgres_url) == expected
    again = run_cli("ingest", reports, "--db", postgres_url, "--dask", dask_cluster.address)
    assert again.stdout.decode().strip() == "0 new, 30 skipped, 0 failed"
    assert _counts(postgres_url)[0] == 30


def test_ingest_into_sqlite_stores_through_the_client(dask_cluster, reports, tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    done = run_cli("ingest", reports, "--db", url, "--dask", dask_cluster.address)
    assert done.returncode == 0, done.stderr.decode()
    assert _counts(url)[:2] == (30, 30)
    # the workers read the file's events themselves to fuse them; `check` gives the same findings
    truce = Path(__file__).resolve().parents[2] / "trucewatch" / "demo" / "truce.yaml"
    alone = run_cli("check", truce, "--json", "--db", url)
    on_cluster = run_cli("check", truce, "--json", "--db", url, "--dask", dask_cluster.address)
    assert on_cluster.returncode == alone.returncode == 0, on_cluster.stderr.decode()
    assert on_cluster.stdout == alone.stdout and alone.stdout.count(b"\n") > 5


@pytest.mark.postgres
def test_a_worker_killed_mid_ingest_loses_and_doubles_nothing(own_dask_cluster, tmp_path, postgres_url):
    """SIGKILL one of two workers while it holds tasks; its tasks run again on the other."""
    folder = tmp_path / "long"
    write_reports(folder, 36, sentences=5)
    cluster = own_dask_cluster
    pids = cluster.worker_pids()
    killed: dict = {}
    watcher = threading.Thread(target=_kill_a_busy_worker, args=(cluster, pids, postgres_url, killed), daemon=True)
    watcher.start()
    done = run_cli("ingest", folder, "--db", postgres_url, "--dask", cluster.address, "--batch-size", "2")
    watcher.join(timeout=60)
    assert killed.get("pid"), f"no worker was killed mid-run: {killed}"
    assert killed["tasks"] > 0  # it held work when it died
    assert done.returncode == 0, done.stderr.decode()
    documents, distinct, events = _counts(postgres_url)
    assert (documents, distinct) == (36, 36)
    local = run_cli("extract", folder, "--workers", "1")
    assert _event_ids(postgres_url) == event_ids_of(local.stdout)  # every event, each once
    with cluster.client() as client:
        assert len(client.nthreads()) == 1  # the killed worker stayed dead: the other did its work


def _kill_a_busy_worker(cluster, pids: dict, url: str, killed: dict) -> None:
    """Once the first batch is stored, SIGKILL a worker that is processing tasks."""
    deadline = time.monotonic() + 240
    engine = sa.create_engine(url)
    try:
        with cluster.client() as client:
            while time.monotonic() < deadline:
                try:
                    with engine.connect() as connection:
                        stored = connection.scalar(sa.text("SELECT count(*) FROM documents"))
                except sa.exc.DBAPIError:
                    stored = 0  # tables not created yet
                processing = client.processing()
                busy = [address for address, tasks in processing.items() if tasks]
                if stored and busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.update(pid=pids[busy[0]], tasks=len(processing[busy[0]]), stored=stored)
                    return
                time.sleep(0.02)
    finally:
        engine.dispose()


def test_an_unreachable_scheduler_is_named_and_nothing_is_written(tmp_path, reports):
    address = f"tcp://127.0.0.1:{free_port()}"
    out = tmp_path / "events.jsonl"
    env = {"TRUCEWATCH_DASK_TIMEOUT": "1"}
    done = run_cli("extract", reports, "--dask", address, "--out", out, env=env)
    assert done.returncode == 1
    assert f"Cannot reach the Dask scheduler at {address}" in done.stderr.decode()
    assert "Traceback" not in done.stderr.decode()
    assert not out.exists()
    db = tmp_path / "tw.db"
    done = run_cli("ingest", reports, "--db", f"sqlite:///{db}", env={**env, "TRUCEWATCH_DASK": address})
    assert done.returncode == 1
    assert address in done.stderr.decode()
    assert not db.exists()


def test_progress_counts_documents_across_the_cluster(dask_cluster, reports):
    import io

    from rich.console import Console

    from trucewatch.extract import extract_documents
    from trucewatch.ingest import read_inputs
    from trucewatch.scale.progress import ClusterProgress

    screen = io.StringIO()
    documents = list(read_inputs([reports]))
    with dask_cluster.client() as client:
        with ClusterProgress(enabled=True, console=Console(file=screen, force_terminal=True, width=120)) as bar:
            extracted = list(extract_documents(documents, batch_size=4, dask=client, progress=bar))
        deadline = time.monotonic() + 10  # the last count arrives on the client's event thread
        while bar.done < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert len(extracted) == bar.done == bar.read == 30
    assert bar.workers == 2
    assert "documents" in screen.getvalue()
