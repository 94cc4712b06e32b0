import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.case import OUTSIDE, label_name, labels, read
from trucewatch.ontology import ACLED_SUB_EVENT_TYPES

# Every label code of the CASE-2021 fine-grained task, as the issue lists them.
CASE_CODES = """ABDUCT_DISSAP AGREEMENT AIR_STRIKE ARMED_CLASH ARREST ART_MISS_ATTACK ATTACK ATTRIB
CHANGE_TO_GROUP_ACT CHEM_WEAP DIPLO DISR_WEAP FORCE_AGAINST_PROTEST GOV_REGAINS_TERIT GRENADE
HQ_ESTABLISHED MAN_MADE_DISASTER MOB_VIOL NATURAL_DISASTER NON_STATE_ACTOR_OVERTAKES_TER
NON_VIOL_TERRIT_TRANSFER ORG_CRIME OTHER PEACE_PROTEST PROPERTY_DISTRUCT PROTEST_WITH_INTER
REM_EXPLOS SEX_VIOL SUIC_BOMB VIOL_DEMONSTR""".split()
OUTSIDE_CODES = {"ATTRIB", "DIPLO", "ORG_CRIME", "MAN_MADE_DISASTER", "NATURAL_DISASTER"}


def test_every_code_is_mapped_and_the_25_acled_ones_cover_acled():
    acled, outside = labels()
    assert set(acled) | set(outside) == set(CASE_CODES)
    assert set(outside) == OUTSIDE_CODES
    assert sorted(acled.values()) == sorted(ACLED_SUB_EVENT_TYPES)  # one to one


def test_label_codes_map_to_acled_names():
    assert label_name("AIR_STRIKE") == "Air/drone strike"
    assert label_name("art_miss_attack") == "Shelling/artillery/missile attack"
    assert label_name("natural_disaster") == OUTSIDE
    assert label_name("BRAND_NEW_CODE") == "unmapped:BRAND_NEW_CODE"


def test_reader_without_header(data):
    gold = list(read(data / "case_ok.tsv"))
    assert [item.id for item in gold] == ["c1", "c2", "c3", "c4", "c5"]
    assert gold[1].gold["label"] == "Shelling/artillery/missile attack"


def test_the_code_is_the_last_field_whatever_comes_before(data):
    gold = {item.id: item for item in read(data / "case_all_codes.tsv")}
    assert len(gold) == 32  # header skipped
    assert gold["k31"].text == "A row with a note column before the code."
    assert gold["k31"].gold["code"] == "AIR_STRIKE"
    two_fields = gold["row-33"]
    assert two_fields.text.startswith("A two-field row") and two_fields.gold["label"] == "Peaceful protest"
    assert {item.gold["code"] for item in gold.values()} == set(CASE_CODES)


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
    # c4 (a natural disaster) is reported apart: four items scored
    assert scores["ACLED sub-event type accuracy"] == pytest.approx(2 / 4)
    # classes: air 2/3, shelling 0, protest 1, none 0 (c5 predicted none), unmapped 0
    assert scores["ACLED sub-event type macro-F1"] == pytest.approx((2 / 3 + 0 + 1 + 0 + 0) / 5)
    assert scores["ACLED sub-event type weighted F1"] == pytest.approx((2 / 3 * 1 + 0 + 1 + 0 + 0) / 4)
    assert "unmapped label codes" in scores
    assert f"{OUTSIDE}, not scored: NATURAL_DISASTER" in scores


def test_codes_outside_acled_are_reported_apart_not_as_misses(data, tmp_path, fake, event):
    bomb = {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED"}
    extractor = fake({"bombing of the power station": [event("bombing", acled=bomb)]})
    result = evaluate("case", [data / "case_all_codes.tsv"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    rows = {score.name: score for score in result.scores}
    assert rows["ACLED sub-event type accuracy"].n == 32 - 5  # the five outside codes apart
    attrib = rows[f"{OUTSIDE}, not scored: ATTRIB"]
    assert attrib.n == 1 and attrib.value is None and "for 1" in attrib.note
    assert all(f"{OUTSIDE}, not scored: {code}" in rows for code in OUTSIDE_CODES)
    missed_codes = {line for line in (tmp_path / "m.jsonl").read_text().splitlines()}
    assert not any('"code": "ATTRIB"' in line or '"code": "DIPLO"' in line for line in missed_codes)
    as_json = result.as_json()["scores"]["ACLED sub-event type weighted F1"]
    assert set(as_json) == {"value", "n"} and as_json["n"] == 27
