from datetime import date, timedelta
from pathlib import Path

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


def test_timex_values_follow_precision_and_the_expression_unit():
    day = date(2016, 3, 8)
    assert timex_value(When(start=day, end=day, precision="day")) == ("2016-03-08", None)
    feb = When(start=date(2016, 2, 1), end=date(2016, 2, 29), precision="month")
    assert timex_value(feb) == ("2016-02", None)
    assert timex_value(When(start=date(2016, 2, 29), end=date(2016, 3, 6), precision="week")) == ("2016-W09", None)
    assert timex_value(When(start=date(2016, 1, 1), end=date(2016, 12, 31), precision="year")) == ("2016", None)
    assert timex_value(When(start=day, end=day, precision="unknown")) is None
    # the part of a month or year the resolver gives for early / mid / late
    mid = When(start=date(2016, 3, 11), end=date(2016, 3, 20), precision="days")
    assert timex_value(mid, "mid-March") == ("2016-03", "MID")
    late = When(start=date(2015, 9, 1), end=date(2015, 12, 31), precision="month")
    assert timex_value(late, "late 2015") == ("2015", "END")
    # seasons, quarters, halves and decades by the unit the expression names
    spring = When(start=date(2016, 3, 1), end=date(2016, 3, 10), precision="month")
    assert timex_value(spring, "this spring") == ("2016-SP", None)
    winter = When(start=date(2015, 12, 1), end=date(2016, 2, 29), precision="month")
    assert timex_value(winter, "last winter") == ("2016-WI", None)
    q3 = When(start=date(2020, 7, 1), end=date(2020, 9, 30), precision="month")
    assert timex_value(q3, "the third quarter") == ("2020-Q3", None)
    h1 = When(start=date(2021, 1, 1), end=date(2021, 6, 30), precision="month")
    assert timex_value(h1, "the first half of 2021") == ("2021-H1", None)
    nineties = When(start=date(1990, 1, 1), end=date(1999, 12, 31), precision="year")
    assert timex_value(nineties, "the 1990s") == ("199", None)
    # a two-day span is an ISO interval
    two = When(start=date(2016, 3, 15), end=date(2016, 3, 16), precision="days")
    assert timex_value(two, "Tuesday and Wednesday") == ("2016-03-15/2016-03-16", None)


def test_a_gold_mod_must_be_matched():
    assert timeml.same_value("2016-03", "MID", ("2016-03", "MID"))
    assert not timeml.same_value("2016-03", "MID", ("2016-03", None))
    assert not timeml.same_value("2016-03", None, ("2016-03", "START"))
    assert timeml.same_value("2016", "APPROX", ("2016", None))  # other mods are not ours to match


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


def test_expressions_are_read_in_their_document(data):
    """'the day before' needs the story's anchor; 'on Friday' the clause's tense."""
    items = {item.text: item for item in read(data / "timeml_ok.tml")}
    assert timeml.predict(items["on Friday"]).start == date(2016, 3, 11)
    assert timeml.predict(items["yesterday"]).start == date(2016, 3, 8)


def test_a_folder_is_read_file_by_file(tmp_path, data):
    (tmp_path / "b.tml").write_text((data / "timeml_ok.tml").read_text(), encoding="utf-8")
    (tmp_path / "a.tml").write_text((data / "timeml_ok.tml").read_text(), encoding="utf-8")
    found = list(read(tmp_path))
    assert [item.id.split("#")[0] for item in found] == ["a.tml"] * 4 + ["b.tml"] * 4
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="holds no .tml file"):
        list(read(empty))


GOLD = Path(__file__).parents[2] / "docs" / "gold" / "timeml"


def test_the_shipped_timeml_gold_is_resolved_at_least_nine_times_in_ten(tmp_path):
    result = evaluate("timeml", [GOLD], misses_path=tmp_path / "m.jsonl")
    scores = {score.name: score for score in result.scores}
    assert scores["DATE value accuracy"].n >= 150
    assert scores["DATE value accuracy"].value >= 0.90
    baseline = scores.get("dateparser baseline DATE value accuracy")
    assert baseline is not None and baseline.value < scores["DATE value accuracy"].value
