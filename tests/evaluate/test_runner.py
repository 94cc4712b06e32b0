import json

import pytest
from typer.testing import CliRunner

from trucewatch.cli_app import app
from trucewatch.commands import evaluate_cmd  # noqa: F401  (registers the command)
from trucewatch.errors import TruceWatchError
from trucewatch.evaluate import evaluate, runner


def test_misses_file_has_one_json_object_per_miss(data, tmp_path, fake):
    misses = tmp_path / "misses.jsonl"
    result = evaluate("plover", [data / "plover_ok.json"], extractor=fake(), misses_path=misses)
    lines = [json.loads(line) for line in misses.read_text().splitlines()]
    assert len(lines) == result.misses > 0
    assert {"format", "item", "source", "field", "gold", "predicted", "text"} <= set(lines[0])
    assert lines[0]["item"] == "OWN-ASSAULT-0001" and lines[0]["field"] == "event type"
    top = result.top_confusions()
    assert {"field": "event type", "gold": "ASSAULT", "predicted": "None", "count": 1} in top


def test_limit_and_failing_extraction(data, tmp_path, fake):
    extractor = fake(fail_on="Geneva")
    result = evaluate("plover", [data / "plover_ok.json"], extractor=extractor, limit=2,
                      misses_path=tmp_path / "m.jsonl")
    assert result.items == 2 and result.errors == 1
    assert result.values()["event type accuracy"] == 0.0
    assert "extraction error" in (tmp_path / "m.jsonl").read_text()


def test_unknown_format_is_a_sentence():
    with pytest.raises(TruceWatchError, match="Unknown gold format 'conll'; choose one of petrarch"):
        evaluate("conll", [])


def test_cli_prints_json_and_table(data, tmp_path, fake, event, monkeypatch):
    extractor = fake({"bakery": [event("air_strike", plover={"event": "ASSAULT"})]})
    monkeypatch.setattr(runner, "default_extractor", lambda workers: extractor)
    misses = tmp_path / "m.jsonl"
    cli = CliRunner()
    out = cli.invoke(app, ["evaluate", "--format", "plover", str(data / "plover_ok.json"),
                           "--json", "--misses", str(misses)])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert report["items"] == 3 and report["scores"]["event type accuracy"]["value"] == 0.3333
    assert report["misses_file"] == str(misses) and misses.exists()
    table = cli.invoke(app, ["evaluate", "-f", "plover", str(data / "plover_ok.json"),
                             "--misses", str(misses)])
    assert table.exit_code == 0 and "event type accuracy" in table.stdout and "0.333" in table.stdout
    assert "most frequent misses" in table.stdout


def test_cli_help_shows_an_example():
    out = CliRunner().invoke(app, ["evaluate", "--help"])
    assert out.exit_code == 0 and "trucewatch evaluate --format" in out.stdout


def test_geoparsing_results_become_rows(tmp_path, monkeypatch):
    import sys
    import types

    calls = []

    def fake_geoparsing(paths, mode="gold", limit=None):
        calls.append(mode)
        return {"toponyms": 10, "accuracy_161km": 0.7 if mode == "gold" else 0.5, "median_km": 12.5,
                "misses": [{"phrase": "Springfield", "km": 900}]}

    module = types.ModuleType("trucewatch.evaluate.geoparsing")
    module.evaluate_geoparsing = fake_geoparsing
    monkeypatch.setitem(sys.modules, "trucewatch.evaluate.geoparsing", module)
    result = evaluate("geoparsing", ["any.xml"], misses_path=tmp_path / "g.jsonl")
    assert calls == ["gold", "e2e"]
    assert result.values()["gold accuracy_161km"] == 0.7 and result.values()["e2e accuracy_161km"] == 0.5
    assert result.misses == 2 and len((tmp_path / "g.jsonl").read_text().splitlines()) == 2


def test_event_location_results_become_rows(tmp_path, monkeypatch):
    import sys
    import types

    module = types.ModuleType("trucewatch.evaluate.geoparsing")
    module.evaluate_event_location = lambda path, limit=None: {
        "n": 4, "accuracy": 75.0, "no_place_sentences": 2, "misses": [{"text": "x", "gold": "A"}]}
    monkeypatch.setitem(sys.modules, "trucewatch.evaluate.geoparsing", module)
    result = evaluate("event_location", ["labeled.jsonl"], misses_path=tmp_path / "e.jsonl")
    assert result.values()["accuracy"] == 75.0 and result.items == 6 and result.misses == 1


def test_half_keeps_every_other_item(data, tmp_path, fake):
    whole = evaluate("plover", [data / "plover_ok.json"], extractor=fake(), misses_path=None)
    first = evaluate("plover", [data / "plover_ok.json"], extractor=fake(), misses_path=None, half=0)
    second = evaluate("plover", [data / "plover_ok.json"], extractor=fake(), misses_path=None, half=1)
    assert (whole.items, first.items, second.items) == (3, 2, 1)


def test_half_must_be_zero_or_one(data, fake):
    with pytest.raises(TruceWatchError, match="--half must be 0 or 1"):
        evaluate("plover", [data / "plover_ok.json"], extractor=fake(), misses_path=None, half=2)


def test_cli_half_option(data, tmp_path, fake, monkeypatch):
    extractor = fake()
    monkeypatch.setattr(runner, "default_extractor", lambda workers: extractor)
    out = CliRunner().invoke(app, ["evaluate", "-f", "plover", str(data / "plover_ok.json"), "--json",
                                   "--half", "1", "--misses", str(tmp_path / "m.jsonl")])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["items"] == 1
    assert [d.ref for d in extractor.documents] == ["OWN-CONSULT-0001"]


def test_half_reaches_the_geoparsing_scorer(tmp_path, monkeypatch):
    import sys
    import types

    halves = []

    def fake_geoparsing(paths, mode="gold", limit=None, half=None):
        halves.append(half)
        return {"toponyms": 4, "accuracy_161km": 0.5}

    module = types.ModuleType("trucewatch.evaluate.geoparsing")
    module.evaluate_geoparsing = fake_geoparsing
    monkeypatch.setitem(sys.modules, "trucewatch.evaluate.geoparsing", module)
    evaluate("geoparsing", ["any.xml"], misses_path=None, half=1)
    assert halves == [1, 1]
