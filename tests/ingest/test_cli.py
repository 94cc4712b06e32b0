"""The real `trucewatch ingest` command in a subprocess, against real databases."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time


from trucewatch.store import open_store


def run_cli(*args, timeout=120):
    env = {k: v for k, v in os.environ.items() if k != "TRUCEWATCH_DB"}
    env["COLUMNS"] = "200"
    return subprocess.run([sys.executable, "-m", "trucewatch", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=timeout)


def stored_ids(url) -> list[str]:
    store = open_store(url)
    try:
        return [document.id for document in store.documents()]
    finally:
        getattr(store, "close", lambda: None)()


def test_mixed_folder_through_the_cli(mixed_folder, samples, tmp_path):
    root, files = mixed_folder
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    first = run_cli("ingest", root, "--db", url, "--workers", "1")
    assert first.returncode == 1, first.stderr
    assert first.stdout.strip().splitlines()[-1] == f"{samples.GOOD_COUNT} new, 1 skipped, 4 failed"
    errors = first.stderr.splitlines()
    assert f"{files['binary']}: binary file, not text" in errors
    assert f"{files['empty']}: empty input (no text)" in errors
    assert f"{files['bad_date']}: impossible date '2015-02-30' in the date line" in errors
    assert any(line.startswith(f"{files['jsonl']}:2: malformed JSON") for line in errors)
    assert f"note: {files['latin1']}: not UTF-8; decoded as cp1252" in errors
    ids = stored_ids(url)
    assert len(ids) == len(set(ids)) == samples.GOOD_COUNT

    second = run_cli("ingest", root, "--db", url, "--no-extract")
    assert second.returncode == 1
    assert second.stdout.strip().splitlines()[-1] == f"0 new, {samples.GOOD_COUNT + 1} skipped, 4 failed"
    assert sorted(stored_ids(url)) == sorted(ids)


def test_clean_input_exits_zero_on_each_backend(store_url, tmp_path, samples):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(samples.DATED)
    (tmp_path / "in" / "b.csv").write_text(samples.CSV_TEXT)
    result = run_cli("ingest", tmp_path / "in", "--db", store_url, "--no-extract")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 new, 0 skipped, 0 failed"
    again = run_cli("ingest", tmp_path / "in", "--db", store_url, "--no-extract")
    assert again.stdout.strip() == "0 new, 3 skipped, 0 failed"


def test_stdin_through_the_cli(tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    env = {k: v for k, v in os.environ.items() if k != "TRUCEWATCH_DB"}
    result = subprocess.run([sys.executable, "-m", "trucewatch", "ingest", "-", "--db", url, "--no-extract"],
                            input="date 2016-03-04 Shells hit Testville.\n", capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "1 new, 0 skipped, 0 failed"


def test_sigkill_midway_then_rerun_stores_each_document_once(store_url, tmp_path):
    count = 6000
    source = tmp_path / "many.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"r{n}", "text": f"Report {n}: shells hit Testville district {n}.",
                                     "published": "2016-03-04"}) + "\n")
    url = store_url
    watcher = open_store(url)  # creates the schema first, so polling never races the migration
    env = {k: v for k, v in os.environ.items() if k != "TRUCEWATCH_DB"}
    process = subprocess.Popen(
        [sys.executable, "-m", "trucewatch", "ingest", source, "--db", url, "--no-extract", "--batch-size", "5"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if watcher.counts()["documents"] >= 50:
                break
            time.sleep(0.05)
        assert process.poll() is None, "ingest finished before it could be killed; make the input larger"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        watcher.close()
    partial = stored_ids(url)
    assert 0 < len(partial) < count
    assert len(partial) % 5 == 0  # whole batches only: nothing half-stored

    rerun = run_cli("ingest", source, "--db", url, "--no-extract")
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"{count - len(partial)} new, {len(partial)} skipped, 0 failed"
    ids = stored_ids(url)
    assert len(ids) == len(set(ids)) == count


def test_max_size_option_in_megabytes(tmp_path):
    from typer.testing import CliRunner

    from trucewatch.cli import app

    report = tmp_path / "long.txt"
    report.write_text("Shelling in Testville. " * 100)
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    result = CliRunner().invoke(app, ["ingest", str(report), "--db", url, "--no-extract", "--max-size", "0.001"])
    assert result.exit_code == 1
    assert f"{report}: file is 2.3 kB, over the size limit of 1.0 kB" in result.output
    assert "0 new, 0 skipped, 1 failed" in result.output
