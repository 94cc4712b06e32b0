from datetime import date

import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.petrarch import parse_date, read


def items(path):
    return list(read(path))


def test_reader_tolerates_self_closing_sentences_and_comments(data):
    found = items(data / "petrarch_ok.xml")
    gold = [item for item in found if not isinstance(item, InputError)]
    assert [item.id for item in gold] == ["T1", "T2", "T3", "T4"]
    assert gold[0].published == date(2016, 3, 8)
    assert gold[0].gold["codings"][0]["sourcecode"] == "SYRMIL"
    assert gold[1].gold["codings"] == [] and gold[1].text.endswith("mild & dry on Wednesday.")
    assert gold[2].published == date(2016, 3, 10)  # YYMMDD
    assert gold[3].text == "Fighters attacked an outpost."  # rebuilt from the parse


def test_sentence_without_text_is_reported_not_fatal(data):
    errors = [item for item in items(data / "petrarch_ok.xml") if isinstance(item, InputError)]
    assert len(errors) == 1 and "T5" in str(errors[0]) and "petrarch_ok.xml:" in str(errors[0])


def test_file_without_sentences_is_a_sentence_error(data):
    with pytest.raises(InputError, match="no <Sentence> element"):
        items(data / "petrarch_bad.xml")


def test_unreadable_path_names_the_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        items(tmp_path / "missing.xml")


def test_parse_date_rejects_nonsense():
    assert parse_date("20161340") is None and parse_date("abc") is None


def test_scores_root_full_codes_and_countries(data, tmp_path, fake, event):
    make_event = event
    extractor = fake({
        "barrel bombs": [make_event("air_strike", cameo="195",
                                    actors=[{"text": "helicopters", "country": "SYR", "role": "initiator"}],
                                    targets=[{"text": "a market", "country": "SYR"}])],
        "Ankara": [make_event("visit", cameo="043", actors=[{"text": "envoy", "country": "RUS"}],
                              targets=[{"text": "officials", "country": "GBR"}]),
                   make_event("meeting", cameo="040", status="planned")],
        "mild": [make_event("meeting", cameo="040", status="negated")],
        "outpost": [make_event("armed_clash", cameo="193")],
    })
    result = evaluate("petrarch", [data / "petrarch_ok.xml"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    # gold roots 19, 04, 04, 19 vs ours 19, 04, 04, 19: all roots match
    assert scores["root F1"] == 1.0 and scores["root F1, all"] == 1.0
    # full codes: 195 ok, 042 vs 043 wrong, 040 ok, 190 vs 193 wrong
    assert scores["code precision"] == 0.5 and scores["code recall"] == 0.5
    # T1 right; T3's 042 is matched by root to the visit (RUS right, GBR wrong), its 040 by full
    # code to the meeting, which has no actors; T4's event has no actors
    assert scores["source country"] == 0.5
    assert scores["target country"] == 0.25
    assert result.items == 4 and len(result.skipped) == 1


def test_one_event_with_many_actors_matches_pairwise_codings(tmp_path, fake, event):
    gold = tmp_path / "pairs.xml"
    gold.write_text(
        '<Sentences>\n<Sentence date="20160301" id="P1"/>\n'
        '<EventCoding eventcode="040" sourcecode="TUR" targetcode="RUS" />\n'
        '<EventCoding eventcode="040" sourcecode="RUS" targetcode="TUR" />\n'
        '<EventCoding eventcode="040" sourcecode="IRN" targetcode="TUR" />\n'
        '<Text>Envoys of Turkey, Russia and Iran met in Astana.</Text>\n</Sentences>\n',
        encoding="utf-8")
    extractor = fake({"Astana": [event("meeting", cameo="040",
                                       actors=[{"text": "Turkey", "country": "TUR"},
                                               {"text": "Russia", "country": "RUS"}])]})
    scores = evaluate("petrarch", [gold], extractor=extractor, misses_path=None).values()
    assert scores["root F1"] == 1.0 and scores["code F1"] == 1.0
    assert scores["root F1, per dyad"] == 0.5  # one of three pairwise codings
    assert scores["source country"] == pytest.approx(2 / 3)  # IRN missing among our actors
