"""Hardening (issue 15, class 17): time and peak memory of the inputs that used to grow
quadratically or without bound. Prints one JSON object (the last line) for benchmarks/run.py.

Each case runs in a fresh process; its wall time and the peak resident memory of its whole
process tree (parent + workers, summed at each sample) are measured from outside, so a case
that runs away is stopped at --timeout and reported as such.

  repeat_N      `trucewatch.extract` of one report naming one place N times in a list
                ("Jets struck Aleppo, Aleppo, ..."; N=1,000 is 8 KB, N=4,000 is 32 KB)
  place_words   `trucewatch place` with a 20,000-word name
  truce_yaml    `trucewatch check` of a 60 MB truce YAML file (a huge description)
  truce_yaml_places  the same size as a list of 1.4 million area places
  workers16     `trucewatch extract --workers 16` of 40 short reports
  long_text     `trucewatch extract` of one 990,000-character report (under the 5 MB limit)
  over_limit    `trucewatch extract` of one 1,200,000-character report (over spaCy's limit)

All inputs are generated (invented sentences). Usage:
  python benchmarks/hardening_bench.py [--only CASE ...] [--timeout SECONDS] [--quick] [--fast]
`make bench` (benchmarks/run.py) runs it with --fast; run it alone for the long-report cases.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRUCEWATCH = [sys.executable, "-m", "trucewatch"]
SENTENCES = [
    "Artillery units shelled the outskirts of Hama on Monday, residents said.",
    "Local officials said the attack broke the truce agreed last month.",
    "A convoy carrying flour was turned back at a checkpoint near Idlib.",
    "Two children were wounded when a mortar round hit a school yard.",
]
PLACE_WORDS = ["Aleppo", "Idlib", "Hama", "near", "the", "village", "Homs", "Deir"]


class TreePeak:
    """Samples the summed RSS of a process and all its descendants; keeps the maximum (MB)."""

    def __init__(self, pid: int, interval: float = 0.05):
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_mb = 0.0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                tree = [self.root] + self.root.children(recursive=True)
            except psutil.Error:
                tree = []
            total = 0
            for process in tree:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)
            self.max_processes = max(self.max_processes, len(tree))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_case(command: list[str], timeout: float, stdin_path: Path | None = None) -> dict:
    """Wall time, peak tree memory and exit status of one command; killed at `timeout`."""
    started = time.perf_counter()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=ROOT, stdin=stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    peak = TreePeak(process.pid)
    try:
        out, err = process.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        out, err = process.communicate()
        timed_out = True
    finally:
        peak.stop()
        if stdin_path:
            stdin.close()
    seconds = time.perf_counter() - started
    last = (err.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    return {"seconds": round(seconds, 2), "peak_mb": round(peak.peak_mb, 1),
            "processes": peak.max_processes, "exit": None if timed_out else process.returncode,
            "timed_out": timed_out, "stderr_tail": last[:300],
            "stdout_bytes": len(out)}


EXTRACT_SNIPPET = """
import sys, time
from datetime import date
import trucewatch
from trucewatch.extract.pipeline import warm_up
warm_up()
text = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
result = trucewatch.extract(text, published=date(2016, 3, 2))
print("extract_s", round(time.perf_counter() - started, 3), "events", len(result.events), file=sys.stderr)
"""


def repeat_text(n: int) -> str:
    return "Jets struck " + ", ".join(["Aleppo"] * n) + "."


def long_report(chars: int) -> str:
    """Invented paragraphs up to `chars` characters (a report of many short paragraphs)."""
    paragraphs, size, n = [], 0, 0
    while size < chars:
        paragraph = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(4))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        n += 1
    return "\n\n".join(paragraphs)[:chars]


def case_repeat(n: int, folder: Path, timeout: float) -> dict:
    path = folder / f"repeat-{n}.txt"
    path.write_text(repeat_text(n), encoding="utf-8")
    result = run_case([sys.executable, "-c", EXTRACT_SNIPPET, str(path)], timeout)
    result["input_bytes"] = path.stat().st_size
    if "extract_s" in result["stderr_tail"]:
        result["extract_s"] = float(result["stderr_tail"].split()[1])
    return result


def case_place_words(words: int, timeout: float) -> dict:
    name = " ".join(PLACE_WORDS[i % len(PLACE_WORDS)] for i in range(words))
    result = run_case([*TRUCEWATCH, "place", name], timeout)
    result["words"] = words
    return result


def case_truce_yaml(megabytes: int, folder: Path, timeout: float, *, shape: str) -> dict:
    """A demo truce grown to `megabytes`: a huge `description` ("text"), or an `area.places`
    list of many named points ("places", each place parsed, validated and buffered)."""
    path = folder / f"big-truce-{shape}.yaml"
    demo = (ROOT / "trucewatch" / "demo" / "truce.yaml").read_text(encoding="utf-8")
    if shape == "text":
        head, tail, line = demo + "description: |\n", "", "  " + " ".join(SENTENCES) + "\n"
    else:
        head, tail = demo.split('  places: ["Hama"]', 1)
        head, line = head + "  places:\n", "    - {name: Hama, lat: 35.13, lon: 36.75}\n"
    lines = (megabytes * 1_000_000) // len(line) + 1
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(lines):
            handle.write(line)
        handle.write(tail)
    db = folder / "empty.db"
    result = run_case([*TRUCEWATCH, "check", str(path), "--db", f"sqlite:///{db}"], timeout)
    result["input_bytes"] = path.stat().st_size
    return result


def case_workers(workers: int, folder: Path, timeout: float) -> dict:
    path = folder / "reports.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(40):
            text = " ".join(SENTENCES) + f" Report {n}."
            handle.write(json.dumps({"id": f"r{n}", "text": text, "published": "2016-03-02"}) + "\n")
    result = run_case([*TRUCEWATCH, "extract", str(path), "--workers", str(workers)], timeout)
    result["workers_asked"] = workers
    return result


def case_long_text(chars: int, folder: Path, timeout: float) -> dict:
    path = folder / f"long-{chars}.txt"
    path.write_text("date 2016-03-02\n" + long_report(chars), encoding="utf-8")
    result = run_case([*TRUCEWATCH, "extract", str(path), "--workers", "1"], timeout)
    result["chars"] = chars
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="cases to run (repeat_1000, repeat_4000, "
                        "repeat_16000, place_words, truce_yaml, truce_yaml_places, workers16, long_text, over_limit)")
    parser.add_argument("--timeout", type=float, default=180.0, help="stop a case after this long")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    parser.add_argument("--fast", action="store_true",
                        help="leave out the two long-report cases (about 3 minutes on 2 busy cores)")
    args = parser.parse_args(argv)
    quick = args.quick
    cases = {
        "repeat_1000": lambda d: case_repeat(1000, d, args.timeout),
        "repeat_4000": lambda d: case_repeat(4000, d, args.timeout),
        "repeat_16000": lambda d: case_repeat(16000, d, args.timeout),
        "place_words": lambda d: case_place_words(2000 if quick else 20000, args.timeout),
        "truce_yaml": lambda d: case_truce_yaml(6 if quick else 60, d, args.timeout, shape="text"),
        "truce_yaml_places": lambda d: case_truce_yaml(6 if quick else 60, d, args.timeout,
                                                       shape="places"),
        "workers16": lambda d: case_workers(16, d, args.timeout),
        "long_text": lambda d: case_long_text(99_000 if quick else 990_000, d, args.timeout),
        "over_limit": lambda d: case_long_text(120_000 if quick else 1_200_000, d, args.timeout),
    }
    chosen = args.only or [name for name in cases
                           if not (args.fast and name in ("long_text", "over_limit"))]
    results = {"loadavg": Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else None,
               "cpus": os.cpu_count(), "timeout_s": args.timeout, "quick": quick}
    with tempfile.TemporaryDirectory(prefix="tw-harden-bench-") as folder:
        for name in chosen:
            print(f"hardening bench: {name} ...", file=sys.stderr, flush=True)
            results[name] = cases[name](Path(folder))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
