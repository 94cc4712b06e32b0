from datetime import date

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.gtd import attack_type, read, same_group


def test_reader_strips_the_leading_date_and_reads_partial_dates(data):
    found = list(read(data / "gtd_ok.csv", lag=2))
    gold = [item for item in found if not isinstance(item, InputError)]
    assert gold[0].text.startswith("A car bomb exploded")
    assert gold[0].published == date(2016, 1, 17)
    assert gold[2].published == date(2016, 1, 3)  # day 0 reads as the 1st
    assert gold[2].gold["nwound"] is None and gold[2].gold["claimed"] is None
    errors = [str(item) for item in found if isinstance(item, InputError)]
    assert len(errors) == 1 and "gtd_ok.csv:5: iyear/imonth/iday do not form a date" in errors[0]


def test_missing_columns_are_named(data):
    with pytest.raises(InputError, match="gtd_bad.csv: has no column imonth, iday, attacktype1_txt"):
        list(read(data / "gtd_bad.csv"))


def test_attack_type_map_prefers_our_type_then_acled(event):
    assert attack_type(event("abduction")) == "Hostage Taking (Kidnapping)"
    assert attack_type(event("something_new", acled={"event_type": "Battles",
                                                     "sub_event_type": "Armed clash"})) == "Armed Assault"
    assert attack_type(event("meeting")) is None


def test_group_names_match_their_short_form():
    assert same_group("Eastern Front (EF)", "the EF")
    assert same_group("Eastern Front (EF)", "eastern front")
    assert not same_group("Eastern Front (EF)", "Western Brigade")


def test_scores_every_field(data, tmp_path, fake, event):
    extractor = fake({
        "car bomb": [event("bombing", fatalities={"best": 4}, injured={"best": 11},
                           location={"text": "Kirkuk", "lat": 35.47, "lon": 44.39},
                           claims=[{"claimant": {"text": "The Eastern Front"},
                                    "stance": "claims_responsibility", "about": "perpetrator",
                                    "text": "claimed", "start": 0, "end": 7}])],
        "village elder": [event("attack", fatalities={"best": 1},
                                location={"text": "Kabul", "lat": 34.53, "lon": 69.17})],
        "aid workers": [event("abduction", actors=[{"text": "assailants"}])],
    })
    result = evaluate("gtd", [data / "gtd_ok.csv"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    assert scores["attack type accuracy"] == 1.0
    assert scores["nkill exact"] == 1.0  # the kidnapping's 0 read from no count
    assert scores["nwound exact"] == 1.0
    assert scores["location within 25 km"] == pytest.approx(1 / 3)
    assert scores["perpetrator found"] == 0.5  # Eastern Front found as claimant, Western Brigade not
    assert scores["claimed responsibility found"] == 1.0
    assert scores["no claim when unclaimed"] == 1.0
