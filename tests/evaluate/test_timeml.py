from datetime import date, timedelta

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate, timeml
from trucewatch.evaluate.timeml import read, sentence_tense, timex_value
from trucewatch.records import When


def test_reader_yields_date_timexes_with_their_sentence_tense(data):
    gold = list(read(data / "timeml_ok.tml"))
    assert [item.text for item in gold] == ["yesterday", "on Friday", "last month", "recently"]
    assert all(item.published == date(2016, 3, 9) for item in gold)
    assert gold[0].gold["tense"] == "past" and gold[1].gold["tense"] == "future"
    assert gold[1].gold["sentence"] == "Talks will resume on Friday."


def test_missing_dct_and_broken_xml_are_sentence_errors(data):
    with pytest.raises(InputError, match="has no <DCT>"):
        list(read(data / "timeml_no_dct.tml"))
    with pytest.raises(InputError, match="is not well-formed TimeML XML"):
        list(read(data / "timeml_broken.tml"))


def test_timex_values_follow_precision():
    day = date(2016, 3, 8)
    assert timex_value(When(start=day, end=day, precision="day")) == "2016-03-08"
    assert timex_value(When(start=date(2016, 2, 1), end=date(2016, 2, 29), precision="month")) == "2016-02"
    assert timex_value(When(start=date(2016, 2, 29), end=date(2016, 3, 6), precision="week")) == "2016-W09"
    assert timex_value(When(start=date(2016, 1, 1), end=date(2016, 12, 31), precision="year")) == "2016"
    assert timex_value(When(start=day, end=day, precision="unknown")) is None


def test_tense_reading():
    assert sentence_tense("The army will withdraw.") == "future"
    assert sentence_tense("Rebels attacked the town.") == "past"
    assert sentence_tense("Rebels hold the town.") == "present"


def test_scores_with_a_stub_resolver(data, tmp_path, monkeypatch):
    def stub(item):
        if item.text == "yesterday":
            day = item.published - timedelta(days=1)
            return When(start=day, end=day, precision="day")
        if item.text == "last month":  # a single false day instead of the month
            return When(start=date(2016, 2, 9), end=date(2016, 2, 9), precision="day")
        return None

    monkeypatch.setattr(timeml, "predict", stub)
    result = evaluate("timeml", [data / "timeml_ok.tml"], misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    assert scores["DATE value accuracy"] == pytest.approx(1 / 3)
    assert scores["resolved share"] == pytest.approx(2 / 3)
    assert [s.n for s in result.scores if s.name == "DATE values not scored"] == [1]
    assert result.misses == 2
