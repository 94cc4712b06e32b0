import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.case import label_name, read


def test_label_codes_map_to_acled_names():
    assert label_name("AIR_STRIKE") == "Air/drone strike"
    assert label_name("natural_disaster") == "none"
    assert label_name("BRAND_NEW_CODE") == "unmapped:BRAND_NEW_CODE"


def test_reader_without_header(data):
    gold = list(read(data / "case_ok.tsv"))
    assert [item.id for item in gold] == ["c1", "c2", "c3", "c4", "c5"]
    assert gold[1].gold["label"] == "Shelling/artillery/missile attack"


def test_short_row_is_reported_and_empty_file_refused(data):
    found = list(read(data / "case_short_row.tsv"))
    assert found[0].id == "c1"
    assert isinstance(found[1], InputError) and "case_short_row.tsv:3" in str(found[1])
    with pytest.raises(InputError, match="is empty"):
        list(read(data / "case_empty.tsv"))


def test_macro_and_weighted_f1(data, tmp_path, fake, event):
    strike = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}
    extractor = fake({
        "Warplanes": [event("meeting"), event("air_strike", acled=strike)],
        "Artillery": [event("air_strike", acled=strike)],
        "Students": [event("protest", acled={"event_type": "Protests",
                                             "sub_event_type": "Peaceful protest"})],
    })
    result = evaluate("case", [data / "case_ok.tsv"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    assert scores["ACLED sub-event type accuracy"] == pytest.approx(3 / 5)
    # classes: air 2/3, shelling 0, protest 1, none 2/3 (c4 right, c5 predicted none), unmapped 0
    assert scores["ACLED sub-event type macro-F1"] == pytest.approx((2 / 3 + 0 + 1 + 2 / 3 + 0) / 5)
    assert scores["ACLED sub-event type weighted F1"] == pytest.approx((2 / 3 + 0 + 1 + 2 / 3 + 0) / 5)
    assert "unmapped label codes" in scores
