"""Usage lines and --help texts of the commands this folder covers."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from trucewatch.cli import app


def help_of(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"}, terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_ingest_usage_has_a_plain_metavar():
    text = help_of("ingest")
    assert "Usage: trucewatch ingest [OPTIONS] PATH..." in text
    assert "{" not in text.split("Usage:")[1].split("Read reports")[0]
    assert "PATH......" not in text


def test_ingest_without_paths_names_the_argument():
    result = CliRunner().invoke(app, ["ingest"], env={"COLUMNS": "200"})
    assert result.exit_code != 0 and "PATH..." in result.output


def test_export_help_says_what_acled_leaves_out():
    text = help_of("export")
    assert "planned, negated or hypothetical" in text and "ACLED mapping" in text
    assert "trucewatch export --format acled" in text


@pytest.mark.parametrize("command, example", [
    ("ingest", "trucewatch ingest reports/"), ("list", "trucewatch list events"),
    ("check", "trucewatch check"), ("report", "trucewatch report"),
])
def test_every_command_shows_an_example(command, example):
    assert example in help_of(command)


def test_report_help_names_the_suffixes():
    assert ".html/.htm (HTML) or .md (Markdown)" in help_of("report")
