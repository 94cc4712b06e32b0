"""The `trucewatch place` command."""
import json

from typer.testing import CliRunner

from trucewatch.cli import app

runner = CliRunner()


def test_place_prints_candidates_with_ids_and_admin_names():
    result = runner.invoke(app, ["place", "Khan Sheikhoun", "--country", "SY", "--json"])
    assert result.exit_code == 0, result.output
    places = json.loads(result.output)
    assert places[0]["admin1"] == "Idlib" and places[0]["geonameid"]
    assert all(p["country"] == "SY" for p in places)


def test_place_table_output_names_the_query():
    result = runner.invoke(app, ["place", "Tripoli", "--limit", "3"])
    assert result.exit_code == 0
    assert "Tripoli" in result.output


def test_unknown_place_exits_with_a_sentence():
    result = runner.invoke(app, ["place", "Qwzxv Nowhere Flats"])
    assert result.exit_code == 1
    assert "No place called" in result.output


def test_bad_country_code_is_rejected():
    result = runner.invoke(app, ["place", "Douma", "--country", "SYRIA"])
    assert result.exit_code != 0


def test_help_shows_an_example():
    result = runner.invoke(app, ["place", "--help"])
    assert "Example" in result.output
