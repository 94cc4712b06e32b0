"""`trucewatch users`: the first admin is made at the shell; `trucewatch serve` starts the server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner

from trucewatch.cli import app


def test_users_add_list_role_and_token(tmp_path):
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "amal", "--role", "admin", "--db", db], input="a long passphrase\n")
    assert added.exit_code == 0, added.output
    assert "Added amal (admin)" in added.output and "a long passphrase" not in added.output
    made_up = runner.invoke(app, ["users", "add", "bilal", "--role", "viewer", "--generate", "--db", db])
    assert "Password: " in made_up.output
    again = runner.invoke(app, ["users", "add", "amal", "--role", "viewer", "--db", db], input="another passphrase\n")
    assert again.exit_code == 1 and "exists already" in str(again.exception)
    assert runner.invoke(app, ["users", "role", "bilal", "analyst", "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["users", "list", "--db", db]).output
    assert "amal\tadmin\tactive" in listed and "bilal\tanalyst\tactive" in listed
    token = runner.invoke(app, ["users", "token", "amal", "--name", "export", "--db", db]).output.strip()
    assert token.startswith("tw_")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_on_loopback_and_stops(tmp_path):
    port = _free_port()
    env = {**os.environ, "TRUCEWATCH_DB": f"sqlite:///{tmp_path / 'tw.db'}"}
    server = subprocess.Popen([sys.executable, "-m", "trucewatch", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, answer = time.monotonic() + 60, None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2).read()
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.3)
        assert answer and b'"openapi": "3.' in answer.replace(b'"openapi":"3.', b'"openapi": "3.')
        docs = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/docs", timeout=5).read().decode()
        assert "/static/apidocs/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    finally:
        server.terminate()
        server.wait(timeout=20)
