"""Helpers for the hostile-input corpus (issue 15): run the real CLI, judge how it failed.

Every input here is written by these tests (invented reports about real or invented places);
the corpus files are built in tmp folders so nothing hostile is committed to the repository.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

# Words that must never reach a user without --debug: a traceback, or our "bug" sentence.
BUG_MARKERS = ("Traceback (most recent call last)", "unexpected ", "MarkupError")


def run_cli(*args: str, cwd: Path, timeout: float = 180, stdin: bytes | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m trucewatch ARGS` in `cwd`, text output, no --debug inherited."""
    environment = {**os.environ, "COLUMNS": "200", **(env or {})}
    environment.pop("TRUCEWATCH_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "trucewatch", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=timeout, env=environment)


def text_of(done: subprocess.CompletedProcess) -> tuple[str, str]:
    decode = lambda data: data.decode("utf-8", "replace") if isinstance(data, bytes) else data  # noqa: E731
    return decode(done.stdout), decode(done.stderr)


def assert_no_bug(done: subprocess.CompletedProcess) -> None:
    """No traceback, no "unexpected" error, no raw escape sequence on either stream."""
    out, err = text_of(done)
    for marker in BUG_MARKERS:
        assert marker not in out + err, f"{marker!r} in output:\n{out[-3000:]}\n{err[-3000:]}"


def assert_named_failure(done: subprocess.CompletedProcess, *names: str) -> str:
    """Exit 1, each of `names` on stderr, and no sign of a bug; returns stderr."""
    assert_no_bug(done)
    out, err = text_of(done)
    assert done.returncode == 1, f"exit {done.returncode}\n{out[-2000:]}\n{err[-2000:]}"
    for name in names:
        assert name in err, f"{name!r} not named on stderr:\n{err[-3000:]}"
    return err


def sqlite_is_sound(path: Path) -> bool:
    """SQLite's own integrity check on a database file."""
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def hostile():
    """The helpers above (conftest modules cannot be imported under importlib mode)."""
    return types.SimpleNamespace(run_cli=run_cli, text_of=text_of, assert_no_bug=assert_no_bug,
                                 assert_named_failure=assert_named_failure,
                                 sqlite_is_sound=sqlite_is_sound)
