"""Without the PostgreSQL cluster a local run skips the PostgreSQL cases; a CI run fails them."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_CASE = "tests/store/test_migrations.py::test_open_store_migrates_an_empty_database_to_head[postgresql]"


def run_pg_case(ci: str | None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("TRUCEWATCH_TEST_PG", "CI")}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", PG_CASE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_local_run_skips_postgres():
    done = run_pg_case(ci=None)
    assert done.returncode == 0, done.stdout
    assert "SKIPPED" in done.stdout and "TRUCEWATCH_TEST_PG is unset" in done.stdout


def test_ci_run_fails_without_postgres():
    done = run_pg_case(ci="true")
    assert done.returncode == 1, done.stdout
    assert "unset in CI" in done.stdout
