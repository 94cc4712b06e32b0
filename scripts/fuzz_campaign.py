"""A long fuzz campaign over the ingest readers and the truce loader (issue 15), outside the suite.

Runs the same hypothesis targets as tests/hostile/test_fuzz.py with many more examples each (the
suite runs 120), niced, and reports how many inputs each target tried and what failed. A failure
is printed with hypothesis' shrunk example; fix it, and add the example to the test as a case.

Usage: .venv/bin/python scripts/fuzz_campaign.py [--examples 20000] [-k EXPRESSION] [--out FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = "tests/hostile/test_fuzz.py"
STATS = re.compile(r"(\d+) passing(?: examples?)?, (\d+) failing(?: examples?)?,(?: and)? (\d+) invalid")
TEST_NAME = re.compile(r"^(tests/\S+::\S+):\s*$")


def counts(output: str) -> dict[str, dict[str, int]]:
    """Per target: passing, failing and invalid examples, from --hypothesis-show-statistics."""
    found: dict[str, dict[str, int]] = {}
    current = None
    for line in output.splitlines():
        name = TEST_NAME.match(line.strip())
        if name:
            current = name.group(1).split("::")[-1]
            continue
        stats = STATS.search(line)
        if stats and current:
            entry = found.setdefault(current, {"passing": 0, "failing": 0, "invalid": 0})
            for key, value in zip(("passing", "failing", "invalid"), map(int, stats.groups())):
                entry[key] += value
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples per target")
    parser.add_argument("-k", dest="expression", help="only targets matching this pytest -k expression")
    parser.add_argument("--out", help="write the summary as JSON here too")
    args = parser.parse_args(argv)
    env = {**os.environ, "TRUCEWATCH_FUZZ_EXAMPLES": str(args.examples)}
    command = ["nice", "-n", "10", sys.executable, "-m", "pytest", TARGETS, "-q", "-p", "no:cacheprovider",
               "--hypothesis-show-statistics", "-W", "ignore::DeprecationWarning"]
    if args.expression:
        command += ["-k", args.expression]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = round(time.perf_counter() - started, 1)
    per_target = counts(done.stdout)
    summary = {
        "examples_per_target": args.examples, "seconds": seconds, "exit": done.returncode,
        "inputs_tried": sum(entry["passing"] + entry["failing"] for entry in per_target.values()),
        "inputs_rejected_by_strategies": sum(entry["invalid"] for entry in per_target.values()),
        "targets": per_target,
        "failures": [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))],
        "loadavg": Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else None,
    }
    if done.returncode != 0:
        print(done.stdout[-20_000:], file=sys.stderr)
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
