"""`trucewatch check` tables never cut an incident id, even at 80 columns."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.commands import check_cmd


def test_incident_ids_are_whole_at_80_columns(strike_and_clash_store, example_truce, narrow_screen, monkeypatch):
    listed = CliRunner().invoke(app, ["check", str(example_truce), "--json"])
    ids = [json.loads(line)["incident"] for line in listed.output.splitlines()]
    screen, console = narrow_screen
    monkeypatch.setattr(check_cmd, "out_console", console)
    result = CliRunner().invoke(app, ["check", str(example_truce)])
    assert result.exit_code == 0, result.output
    table = screen.getvalue()
    assert len(ids) == 2 and all(incident in table for incident in ids)
    assert "…" not in table
    assert "possible" in table and "not a" in table  # verdicts wrap within their column


def test_other_columns_wrap_within_the_terminal(strike_and_clash_store, example_truce, narrow_screen, monkeypatch):
    screen, console = narrow_screen
    monkeypatch.setattr(check_cmd, "out_console", console)
    CliRunner().invoke(app, ["check", str(example_truce)])
    widest = max(len(line) for line in screen.getvalue().splitlines())
    assert widest <= 80  # the ids fit, so nothing runs past the terminal
