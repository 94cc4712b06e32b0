"""The contract gold (docs/gold/contract) and its scorer, with hand-made events instead of spaCy."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.choice import main_event
from trucewatch.evaluate.contract import place_right, read
from trucewatch.records import Location

GOLD = Path(__file__).parents[2] / "docs" / "gold" / "contract"

REPORT = """\
id: test-one
published: 2016-03-10
source: Test Wire
text: |
  Shells hit the market in Talbiseh on Tuesday, killing four people, medics said.

  The army denied shelling the town. The conflict has killed more than 250,000 people.
events:
  - main: true
    type: shelling
    status: occurred
    acled: {event_type: Explosions/Remote violence, sub_event_type: Shelling/artillery/missile attack}
    actors: []
    targets: []
    location: {text: Talbiseh, name: Talbiseh, lat: 34.84, lon: 36.73, country: SYR, precision: city}
    when: {start: 2016-03-08, end: 2016-03-08, precision: day, text: on Tuesday}
    fatalities: {low: 4, best: 4, high: null, text: killing four people}
    injured: null
    claims:
      - claimant: {text: The army, name: Syria, country: SYR, sector: MIL}
        stance: denies
        about: perpetrator
        text: The army denied shelling the town.
background:
  - {text: "more than 250,000 people", figure: 250000}
not_places: [Tuesday]
"""


def write(tmp_path: Path, text: str, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def strike(event, **fields):
    base = dict(
        acled={"event_type": "Explosions/Remote violence",
               "sub_event_type": "Shelling/artillery/missile attack"},
        location={"text": "Talbiseh", "lat": 34.85, "lon": 36.72, "country": "SYR", "precision": "city"},
        fatalities={"low": 4, "best": 4, "text": "killing four people"},
        claims=[{"claimant": {"text": "The army", "country": "SYR"}, "stance": "denies",
                 "about": "perpetrator", "text": "The army denied shelling the town.",
                 "start": 80, "end": 114}],
    )
    base.update(fields)
    base.setdefault("n", 1)
    return event("shelling", **base)


def test_reader_completes_the_record_and_checks_it(tmp_path):
    (item,) = list(read(write(tmp_path, REPORT)))
    record = item.gold["record"]
    assert record["document"]["published"] == "2016-03-10"
    claim = record["events"][0]["claims"][0]
    assert item.text[claim["start"]:claim["end"]] == "The army denied shelling the town."
    assert record["events"][0]["id"].endswith(":1") and item.gold["main"] == 0
    assert item.gold["background"] == [{"text": "more than 250,000 people", "figure": 250000}]


@pytest.mark.parametrize("change, reason", [
    (("  - main: true\n", "  - main: false\n"), "exactly one must be"),
    (("text: The army denied shelling the town.", "text: The army denied it all."), "claim's text is not in"),
    (("type: shelling", "type: bombardment_of_doom"), "not an act type"),
    (('{text: "more than 250,000 people", figure: 250000}',
      "{text: more than 250,000 people, figure: 250000}"), "exactly text and figure"),
    (("precision: city}", "precision: town}"), "does not fit the record contract"),
    (("text: killing four people}", "text: killing five people}"), "is not in the report"),
])
def test_a_slip_in_the_gold_is_named_and_the_others_go_on(tmp_path, change, reason):
    write(tmp_path, REPORT.replace(*change), "a-bad.yaml")
    write(tmp_path, REPORT.replace("id: test-one", "id: test-two"), "b-good.yaml")
    found = list(read(tmp_path))
    assert isinstance(found[0], InputError) and reason in str(found[0]) and "a-bad.yaml" in str(found[0])
    assert found[1].id == "test-two"


def test_jsonl_reports_are_read_too(tmp_path):
    import yaml

    record = yaml.safe_load(REPORT)
    record["published"] = "2016-03-10"
    (tmp_path / "gold.jsonl").write_text(json.dumps(record, default=str) + "\nnot json\n", encoding="utf-8")
    found = list(read(tmp_path / "gold.jsonl"))
    assert found[0].id == "test-one"
    assert isinstance(found[1], InputError) and "gold.jsonl:2" in str(found[1])


def test_a_right_extraction_scores_full_marks(tmp_path, fake, event):
    extractor = fake({"Talbiseh": [strike(event)]})
    result = evaluate("contract", [write(tmp_path, REPORT)], extractor=extractor, misses_path=None)
    scores = result.values()
    assert scores["main event right"] == 1.0
    assert scores["toll exact"] == 1.0 and scores["place within 25 km"] == 1.0
    assert scores["denials attached"] == 1.0
    assert scores["background figures that became tolls"] == 0
    assert scores["not-places used as an event's place"] == 0


def test_a_background_figure_as_toll_and_a_separate_denial_are_counted(tmp_path, fake, event):
    wrong = strike(event, fatalities={"low": 250001, "best": 250001, "text": "killed more than 250,000 people"},
                   claims=[])
    denial = event("denial", n=2, location={"text": "Tuesday", "country": "USA", "lat": 40.0, "lon": -90.0})
    result = evaluate("contract", [write(tmp_path, REPORT)], extractor=fake({"Talbiseh": [wrong, denial]}),
                      misses_path=tmp_path / "misses.jsonl")
    scores = result.values()
    assert scores["background figures that became tolls"] == 1
    assert scores["separate denial events"] == 1
    assert scores["not-places used as an event's place"] == 1
    assert scores["denials attached"] == 0.0
    assert scores["main event: toll exact"] == 0.0
    fields = {json.loads(line)["field"] for line in (tmp_path / "misses.jsonl").read_text().splitlines()}
    assert {"background figure as a toll", "separate denial event", "claim"} <= fields


def test_a_not_place_counts_when_the_place_is_part_of_it(tmp_path, fake, event):
    """'Police District 5' read as the place 'Police' is still the forbidden words used as a place."""
    report = REPORT.replace("not_places: [Tuesday]", "not_places: [Tuesday, army denied]")
    wrong = strike(event, location={"text": "army", "lat": 50.0, "lon": 19.0, "country": "POL", "precision": "city"})
    result = evaluate("contract", [write(tmp_path, report)], extractor=fake({"Talbiseh": [wrong]}),
                      misses_path=None)
    assert result.values()["not-places used as an event's place"] == 1


def test_main_event_prefers_a_flag_then_salience_then_the_first_foreground_event():
    from types import SimpleNamespace as Made

    plain, flagged = Made(status="occurred"), Made(status="occurred", main=True)
    assert main_event([plain, flagged]) is flagged
    low, high = Made(status="occurred", salience=0.2), Made(status="occurred", salience={"value": 0.9})
    assert main_event([low, high]) is high
    assert main_event([Made(status="background"), plain]) is plain
    assert main_event([]) is None


def test_the_wrong_main_event_is_a_miss_even_when_the_act_is_found(tmp_path, fake, event):
    extractor = fake({"Talbiseh": [event("denial", n=1), strike(event, n=2)]})
    result = evaluate("contract", [write(tmp_path, REPORT)], extractor=extractor, misses_path=None)
    assert result.values()["main event right"] == 0.0


def test_an_admin_area_gold_place_is_met_by_its_admin1_or_its_point():
    province = Location(text="Idlib", lat=35.85, lon=36.68, country="SYR", admin1="Idlib", precision="admin1")
    town_inside = Location(text="Maarrat", lat=35.65, lon=36.68, country="SYR", admin1="Idleb", precision="city")
    namesake = Location(text="Borno", lat=45.9, lon=10.2, country="ITA", admin1="Lombardy", precision="city")
    assert place_right(province, town_inside)
    assert not place_right(province, namesake)
    assert not place_right(province, None)


def test_the_shipped_gold_reads_without_a_slip_and_covers_the_issues():
    items = list(read(GOLD))
    bad = [str(item) for item in items if isinstance(item, InputError)]
    assert not bad
    assert len(items) >= 40
    covers = {tag for item in items for tag in item.gold["covers"]}
    needed = {
        # issue 10: main event, tolls, sub-types, parties, claims, negation, planned diplomacy
        "main-vs-background", "background-toll", "background-truce", "background-summary",
        "perpetrators-as-victims", "named-victim", "hacked-to-death", "stabbed-to-death", "shot-dead",
        "stormed-and-killed", "partitive-toll", "one-fatality", "martyred", "led-to-the-death-of",
        "aside-toll", "aside-parentheses", "aside-dashes", "closing-toll", "dateline-number",
        "other-incident-figure", "attacked-and-shot-dead",
        "armed-clash-vs-attack", "protest-with-intervention", "excessive-force", "violent-demonstration",
        "mob-violence", "disrupted-weapons-use", "government-regains-territory",
        "non-state-overtakes-territory", "base-established", "defection", "surrender",
        "prisoner-exchange", "raped", "lynching", "shoot-out", "exchange-of-fire", "gunned-down",
        "took-to-the-streets", "grenade-launchers",
        "nationality-adjective", "regime-artillery", "us-led-coalition", "claimant-capital",
        "faction-of-group", "claims-across-sentences", "denial-later-sentence",
        "negated-strike", "military-flight", "planned-visit-two-days", "planned-meeting", "talks-opened",
        # issue 11: places
        "strike-object", "mis-tagged-names", "abbreviation-not-place", "dateline-month-abbreviation",
        "written-context-country", "village-in-admin1", "town-vs-governorate", "countryside-of",
        "km-direction-of", "police-district",
    }
    assert not needed - covers, sorted(needed - covers)
    countries = {item.id.split("-")[0] for item in items}
    assert {"syr", "yem", "lby", "irq", "nga", "pak", "afg", "som", "mli", "sdn", "lbn"} <= countries


def test_halves_split_the_shipped_gold(fake):
    whole = evaluate("contract", [GOLD], extractor=fake({}), misses_path=None)
    first = evaluate("contract", [GOLD], extractor=fake({}), misses_path=None, half=0)
    second = evaluate("contract", [GOLD], extractor=fake({}), misses_path=None, half=1)
    assert first.items + second.items == whole.items
    assert whole.values()["main event right"] == 0.0  # nothing extracted, nothing right


def test_cli_json_names_every_score(tmp_path):
    write(tmp_path, REPORT)
    run = subprocess.run([sys.executable, "-m", "trucewatch", "evaluate", "--format", "contract",
                          str(tmp_path / "report.yaml"), "--json", "--workers", "1",
                          "--misses", str(tmp_path / "m.jsonl")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    scores = json.loads(run.stdout)["scores"]
    for name in ("main event right", "toll exact", "place within 25 km", "claims on the right event "
                 "with the right stance", "denials attached", "background figures that became tolls"):
        assert set(scores[name]) >= {"value", "n"}
    assert scores["main event right"]["n"] == 1
