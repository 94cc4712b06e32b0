from datetime import date

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.acled import read, within_share


def test_reader_sets_publication_after_the_event_and_tolerates_extra_columns(data):
    found = list(read(data / "acled_ok.csv", lag=3))
    gold = [item for item in found if not isinstance(item, InputError)]
    assert [item.id for item in gold] == ["SYR1", "SYR2", "SYR3"]
    assert gold[0].published == date(2016, 3, 11) and gold[0].gold["date"] == date(2016, 3, 8)
    assert gold[1].gold["date"] == date(2016, 3, 9)  # "9 March 2016"
    assert gold[0].gold["actor_country"] == "SYR"
    errors = [str(item) for item in found if isinstance(item, InputError)]
    assert "acled_ok.csv:5: column event_date is not a date" in errors[0]
    assert "acled_ok.csv:6: column notes is empty" in errors[1]


def test_missing_columns_are_named(data):
    with pytest.raises(InputError, match="has no column sub_event_type, actor2, admin1"):
        list(read(data / "acled_missing_column.csv"))


def test_within_twenty_percent():
    assert within_share(11, 12) and not within_share(9, 12)
    assert within_share(0, 0) and not within_share(1, 0)


def test_scores_every_field(data, tmp_path, fake, event):
    day = lambda d: {"start": d, "end": d, "precision": "day"}  # noqa: E731
    extractor = fake({
        "Qamhana": [
            event("meeting"),
            event("air_strike", acled={"event_type": "Explosions/Remote violence",
                                       "sub_event_type": "Air/drone strike"},
                  actors=[{"text": "regime aircraft", "country": "SYR", "role": "initiator"}],
                  fatalities={"best": 12}, when=day(date(2016, 3, 8)),
                  location={"text": "Qamhana", "lat": 35.11, "lon": 36.71}),
        ],
        "Aleppo": [event("shelling", acled={"event_type": "Explosions/Remote violence",
                                            "sub_event_type": "Shelling/artillery/missile attack"},
                         fatalities={"low": 4, "best": None},
                         when={"start": date(2016, 3, 5), "end": date(2016, 3, 11), "precision": "week"},
                         location={"text": "Damascus", "lat": 33.51, "lon": 36.29})],
    })
    result = evaluate("acled", [data / "acled_ok.csv"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    assert scores["sub_event_type accuracy"] == pytest.approx(1 / 3)
    assert scores["event_type accuracy"] == pytest.approx(1 / 3)
    assert scores["fatalities exact"] == pytest.approx(2 / 3)  # 12 right, 4≠5, none = 0 right
    assert scores["fatalities within ±20%"] == pytest.approx(1.0)
    assert scores["date exact day"] == pytest.approx(1 / 3)
    assert scores["date interval contains"] == pytest.approx(2 / 3)
    assert scores["location within 25 km"] == pytest.approx(1 / 3)
    assert scores["location within 161 km"] == pytest.approx(1 / 3)
    assert scores["actor country"] == pytest.approx(1 / 3)  # "Rebel Group X" falls back to SYR
    assert len(result.skipped) == 2
