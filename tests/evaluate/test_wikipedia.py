"""The Wikipedia incident-table scorer: its readings of the gold columns, and each score."""
from datetime import date

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.wikipedia import (GoldPlace, gold_families, parse_dead, parse_location,
                                           read)


@pytest.mark.parametrize("value, exact, low, high", [
    ("7", {7}, 7, 7),
    ("3 (+2)", {3, 5}, 3, 5),
    ("1(+2)", {1, 3}, 1, 3),
    ("2  (+4 attackers)", {2, 6}, 2, 6),
    ("13+", {13}, 13, None),
    ("74+ (+2)", {74, 76}, 74, None),
    ("10-15", None, 10, 15),
    ("10–15 (+2)", None, 10, 17),
    ("460-3,500", None, 460, 3500),
    (">20", None, 21, None),
    ("~30", {30}, 30, 30),
    ("1 (attacker)", {1}, 1, 1),
    ("2 (+several)", {2}, 2, None),
    ("13[92]", {13}, 13, 13),
])
def test_dead_column_readings(value, exact, low, high):
    toll = parse_dead(value)
    assert (set(toll.exact) if toll.exact is not None else None) == exact
    assert (toll.low, toll.high) == (low, high)


@pytest.mark.parametrize("value", ["Unknown", "Unknown (+6)", "?", "", "+1", "-"])
def test_dead_column_without_a_victim_count_is_not_scored(value):
    assert parse_dead(value) is None


def test_range_and_attackers_hold():
    assert parse_dead("3 (+2)").holds(5) and parse_dead("3 (+2)").holds(3)
    assert not parse_dead("3 (+2)").holds(4 + 2)
    assert parse_dead("13+").holds(40) and not parse_dead("13+").holds(12)


@pytest.mark.parametrize("value, expected", [
    ("Kirkuk, Iraq", GoldPlace("IRQ", ("Kirkuk",), None)),
    ("Springfield, Illinois, United States", GoldPlace("USA", ("Springfield",), "Illinois")),
    ("Buea and Mbengwi, Cameroon", GoldPlace("CMR", ("Buea", "Mbengwi"), None)),
    ("several villages near Gao, Mali", GoldPlace("MLI", ("Gao",), None)),
    ("Omagh, Northern Ireland", GoldPlace("GBR", ("Omagh",), None)),
    ("across northern Iraq", GoldPlace("IRQ", (), None)),
    ("Syria", GoldPlace("SYR", (), None)),
])
def test_location_column_readings(value, expected):
    assert parse_location(value) == expected


@pytest.mark.parametrize("value, families", [
    ("Suicide car bombing", {"suicide"}),
    ("Car bombing", {"explosive"}),
    ("Shooting, kidnapping", {"armed", "abduction"}),
    ("RPG attack", {"shelling"}),
    ("Petrol bomb", {"arson"}),
    ("Unknown", set()),
])
def test_gold_types_read_as_families(value, families):
    assert gold_families(value) == families


def test_reader_cleans_text_and_reads_loose_dates(data):
    found = list(read(data / "wikipedia_ok.csv", lag=2))
    gold = [item for item in found if not isinstance(item, InputError)]
    errors = [str(item) for item in found if isinstance(item, InputError)]
    assert "[12]" not in gold[0].text and gold[0].text.endswith("sent the driver.")
    assert gold[0].published == date(2016, 3, 5)
    assert gold[2].published == date(2016, 5, 3)  # "May 2016": the 1st, plus the lag
    assert gold[0].gold["perpetrator"] == "Eastern Front" and gold[1].gold["perpetrator"] is None
    assert any("details is empty" in e for e in errors) and any("names no year" in e for e in errors)


def test_scores_each_field_on_the_main_event(data, tmp_path, fake, event):
    bus_stop = [
        event("attack", n=1, location={"text": "Baghdad", "lat": 33.34, "lon": 44.4, "country": "IRQ"}),
        event("bombing", n=2, main=True, fatalities={"best": 5},
              acled={"event_type": "Explosions/Remote violence",
                     "sub_event_type": "Remote explosive/landmine/IED"},
              location={"text": "Kirkuk", "lat": 35.47, "lon": 44.39, "country": "IRQ"},
              actors=[{"text": "the Eastern Front", "role": "initiator"}]),
    ]
    guards = [event("attack", fatalities={"best": 2}, acled={"event_type": "Violence against civilians",
                                                           "sub_event_type": "Attack"},
                    location={"text": "Gao", "lat": 16.27, "lon": -0.04, "country": "MLI"})]
    extractor = fake({"bus stop": bus_stop, "guards": guards})
    result = evaluate("wikipedia", [data / "wikipedia_ok.csv"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    assert scores["toll exact"] == 1.0  # 5 = four victims and the driver; 2; the school's 0
    assert scores["place within 25 km"] == pytest.approx(2 / 3)  # Kirkuk, Gao; no place for Buea
    assert scores["place in gold country"] == 1.0
    assert scores["places abroad when the text names the gold country"] == 0  # none of these texts names one
    assert scores["act family"] == pytest.approx(2 / 3)  # the school fire found nothing
    assert scores["perpetrator found"] == 0.5  # Eastern Front yes, Western Brigade no


@pytest.mark.parametrize("text, code, named", [
    ("Gunmen attacked a customs post in northern Mali on Friday.", "MLI", True),
    ("Gunmen attacked a customs post near Gao on Friday.", "MLI", False),
    ("A parcel bomb was sent to an office in the United States.", "USA", True),
])
def test_a_text_names_its_country(text, code, named):
    from trucewatch.evaluate.wikipedia import country_named_in_text

    assert country_named_in_text(code, text) is named


def test_a_group_accused_of_the_main_event_counts_apart(data, tmp_path, fake, event):
    accused = {"claimant": {"text": "Police"}, "stance": "accuses", "about": "perpetrator",
               "value": "Western Brigade", "text": "Police blamed the Western Brigade.", "start": 0, "end": 10}
    bus_stop = [event("bombing", main=True, actors=[{"text": "the Eastern Front", "role": "initiator"}])]
    school = [event("looting", main=True, claims=[accused])]
    extractor = fake({"bus stop": bus_stop, "school": school})
    scores = evaluate("wikipedia", [data / "wikipedia_ok.csv"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl").values()
    assert scores["perpetrator found"] == 0.5  # an accusation is not a finding
    assert scores["perpetrator found or accused"] == 1.0
