"""Class 15: extraction workers die with their parent (SIGKILL included), SIGTERM cleans up like
Ctrl-C, and Ctrl-C prints the "interrupted" sentence and exits 130 — no worker tracebacks.
Also class 17's worker cap: --workers above the core count uses the cores."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from trucewatch.extract.pipeline import effective_workers

SENTENCE = ("Artillery units shelled the outskirts of Hama on Monday, residents said, and a convoy was "
            "turned back at a checkpoint near Idlib. ")


@pytest.fixture
def busy_input(tmp_path):
    path = tmp_path / "reports.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(4000):
            handle.write(json.dumps({"id": f"r{n}", "text": SENTENCE * 6 + f"Report {n}.",
                                     "published": "2016-03-07"}) + "\n")
    return path


def _start(tmp_path, *args):
    env = {**os.environ, "TRUCEWATCH_MAX_WORKERS": "2"}
    env.pop("TRUCEWATCH_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "trucewatch", *args], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _workers_of(process: subprocess.Popen, count: int, timeout: float = 120) -> list[psutil.Process]:
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = parent.children(recursive=True)
        if len(children) >= count:
            time.sleep(1.0)  # let them take work
            return parent.children(recursive=True)
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    raise AssertionError("the extraction workers never started")


def _gone(processes: list[psutil.Process], timeout: float = 15) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return not alive


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT to the group (Ctrl-C)", "SIGKILL"])
def test_workers_end_with_their_parent(how, busy_input, tmp_path):
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    process = _start(tmp_path, "ingest", str(busy_input), "--workers", "2", "--db", db)
    workers = _workers_of(process, 2)
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)
    elif how == "SIGKILL":
        process.kill()
    else:
        os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    err = err.decode("utf-8", "replace")
    assert _gone(workers), [w.pid for w in workers if w.is_running()]
    if how == "SIGKILL":
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == (143 if how == "SIGTERM" else 130), err
        assert "interrupted" in err and "Traceback" not in err, err
    rerun = subprocess.run([sys.executable, "-m", "trucewatch", "ingest", str(busy_input), "--no-extract",
                            "--db", db], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    new, skipped = rerun.stdout.split(",")[:2]
    assert int(new.split()[0]) + int(skipped.split()[0]) == 4000  # nothing lost, nothing twice


def test_workers_are_capped_at_the_cores(monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_MAX_WORKERS", raising=False)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers, note = effective_workers(cores + 14)
    assert workers <= cores and note and str(cores + 14) in note
    assert effective_workers(1) == (1, None)
    monkeypatch.setenv("TRUCEWATCH_MAX_WORKERS", str(cores + 14))
    assert effective_workers(cores + 14)[0] >= min(cores + 14, 1)


def test_extract_with_16_workers_starts_no_more_than_the_cores(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{n}", "text": SENTENCE + f"Report {n}.",
                                        "published": "2016-03-07"}) + "\n" for n in range(40)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TRUCEWATCH_MAX_WORKERS"}
    out_file = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "trucewatch", "extract", str(path), "--workers", "16",
                                "--out", str(out_file)], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    parent, most = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            most = max(most, len(parent.children(recursive=True)))
        except psutil.Error:
            break
        time.sleep(0.05)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert len(out_file.read_text(encoding="utf-8").splitlines()) == 40
    cores = len(os.sched_getaffinity(0))
    assert most <= cores + 1  # the workers, plus multiprocessing's resource tracker at most
    assert b"--workers 16" in err  # the cap is said, not silent
