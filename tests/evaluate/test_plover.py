import pytest

from trucewatch.errors import InputError
from trucewatch.evaluate import evaluate
from trucewatch.evaluate.plover import read


def test_reader_skips_document_records_and_reports_incomplete_ones(data):
    found = list(read(data / "plover_ok.json"))
    gold = [item for item in found if not isinstance(item, InputError)]
    errors = [item for item in found if isinstance(item, InputError)]
    assert [item.id for item in gold] == ["OWN-ASSAULT-0001", "OWN-CONSULT-0001", "OWN-PROTEST-0001"]
    assert gold[0].gold["dead"] == 12 and gold[0].gold["injured"] == 30
    assert gold[1].gold["target"] == [] and gold[1].gold["mode"] is None
    assert gold[2].gold["injured"] is None  # "Dozens" is not a number to score exactly
    assert len(errors) == 1 and "OWN-BROKEN-0001 has no text" in str(errors[0])


def test_older_plover_names_are_read_as_their_2021_successors():
    from trucewatch.evaluate.plover import current_type

    assert current_type("demand") == "REQUEST" and current_type("FIGHT") == "ASSAULT"
    assert current_type("AGREE") == "AGREE" and current_type(None) is None


def test_truncated_json_is_a_sentence_error(data):
    with pytest.raises(InputError, match=r"plover_bad.json: is not valid JSON \(line"):
        list(read(data / "plover_bad.json"))


def test_scores_type_mode_actors_and_counts(data, tmp_path, fake, event):
    extractor = fake({
        "bakery": [
            event("meeting", plover={"event": "CONSULT"}),
            event("air_strike", plover={"event": "ASSAULT", "mode": "aerial"},
                  actors=[{"text": "warplanes", "country": "SYR", "sector": "MIL", "role": "initiator"}],
                  fatalities={"low": 12, "best": 12}, injured={"low": 30, "best": None}),
        ],
        "Geneva": [event("meeting", plover={"event": "CONSULT"},
                         actors=[{"text": "Turkey", "country": "TUR", "sector": "GOV"},
                                 {"text": "the UN envoy", "sector": "IGO"}])],
        "Tripoli": [event("riot", plover={"event": "PROTEST", "mode": "riot"},
                          actors=[{"text": "residents", "country": "LBN", "sector": "GOV"}])],
    })
    result = evaluate("plover", [data / "plover_ok.json"], extractor=extractor,
                      misses_path=tmp_path / "m.jsonl")
    scores = result.values()
    assert scores["event type accuracy"] == 1.0  # the best-matching event, not the first
    assert scores["mode accuracy"] == 0.5  # aerial right, riot for demo-org wrong
    assert scores["actor country recall"] == 1.0  # IGO matched through the sector
    assert scores["actor sector recall"] == 0.5  # MIL right, CVL (from CVLxyz) wrong
    assert scores["target country recall"] == 0.0  # the bakery (SYR) is not among our targets
    assert scores["dead exact"] == 1.0 and scores["injured exact"] == 1.0  # low when best is missing
    assert result.misses == 3


def _accused_bombing(event, stance="accuses"):
    return event("bombing", plover={"event": "ASSAULT", "mode": "explosives"},
                 actors=[{"text": "Ruritanian troops", "country": "RUR", "sector": "MIL", "role": "initiator"}],
                 claims=[{"claimant": {"text": "Freedonia", "country": "FRE"}, "stance": stance,
                          "about": "perpetrator", "text": "Freedonia blamed Ruritanian troops for the bombing.",
                          "start": 0, "end": 51}])


def test_an_accusation_about_a_violent_act_is_a_candidate_after_the_act(event):
    from trucewatch.evaluate.plover import candidates

    bombing = _accused_bombing(event)
    found = candidates([bombing])
    assert found[0] is bombing  # the act itself stays first: an ASSAULT gold still gets it
    accusation = found[1]
    assert accusation.plover.event == "ACCUSE"
    assert [a.country for a in accusation.actors] == ["FRE"]
    assert [t.country for t in accusation.targets] == ["RUR"]


def test_a_plain_report_adds_no_candidate(event):
    from trucewatch.evaluate.plover import candidates

    assert len(candidates([_accused_bombing(event, stance="denies")])) == 1


def test_older_plover_modes_are_read_as_their_2021_names():
    from trucewatch.evaluate.plover import current_mode

    assert current_mode("strike-hun") == "hunger" and current_mode("strike-gen") == "boycott"
    assert current_mode("demo-org") == "demo" and current_mode("riot-spon") == "riot"
    assert current_mode("curfew") == "curfew" and current_mode(None) is None
