"""Truce `parties` and `excluded` are checked against the actor dictionary, with close suggestions."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.errors import ConfigError
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV, IS, make_document, make_event
from trucewatch.truce import check, load_truce, parse_truce
from trucewatch.truce.terms import actor_name


def _write(tmp_path, example_path, **change):
    data = {**yaml.safe_load(example_path.read_text()), **change}
    path = tmp_path / "truce.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("written, stored", [
    ("SYR", "SYR"),                       # ISO3 codes stay as they are
    ("Syria", "SYR"),                     # a state and its forces become its ISO3 code
    ("the Syrian army", "SYR"),
    ("Free Syrian Army", "Free Syrian Army"),
    ("ISIS", "Islamic State"),            # other actors become their dictionary name
    ("HTS", "Hayat Tahrir al-Sham"),      # an acronym that is not a country code
])
def test_known_names_take_the_form_incidents_use(written, stored):
    assert actor_name(written) == stored


@pytest.mark.parametrize("written", ["Free Syrain Army", "rebels", "Free Syrian Army of Atlantis", "SYX", ""])
def test_unknown_or_partial_names_are_not_actors(written):
    assert actor_name(written) is None


def test_unknown_party_names_file_field_name_and_suggestion(tmp_path, example_path):
    path = _write(tmp_path, example_path, parties=["SYR", "Free Syrain Army"])
    with pytest.raises(ConfigError) as err:
        load_truce(path)
    message = str(err.value)
    assert message.startswith(f"{path}: field 'parties'")
    assert "'Free Syrain Army' is not in the actor dictionary" in message
    assert "did you mean 'Free Syrian Army'" in message


def test_unknown_excluded_group_is_named_with_its_field(tmp_path, example_path):
    path = _write(tmp_path, example_path, excluded=["Islamic Stat"])
    with pytest.raises(ConfigError, match=r"field 'excluded': 'Islamic Stat' .*did you mean 'Islamic State'"):
        load_truce(path)


def test_mistyped_iso3_code_suggests_codes(tmp_path, example_path):
    with pytest.raises(ConfigError, match=r"'SYX' is not in the actor dictionary .*'SYR'"):
        load_truce(_write(tmp_path, example_path, parties=["SYX"]))


def test_names_are_stored_in_dictionary_form_and_the_checker_matches_them(tmp_path, example_path):
    terms = load_truce(_write(tmp_path, example_path, parties=["Syria", "Russia"], excluded=["ISIS"],
                              exemptions=[{"acts": ["military_flight"], "parties": ["Russia"],
                                           "reason": "notified flights"}]))
    assert terms.parties == ["SYR", "RUS"] and terms.excluded == ["Islamic State"]
    assert terms.exemptions[0].parties == ["RUS"]
    strike = make_document("Government jets struck a bakery in Idlib on Friday.", "A", "2016-03-04")
    clash = make_document("Islamic State fighters stormed a checkpoint in Idlib.", "B", "2016-03-05")
    incidents = fuse([(strike, make_event(strike, actors=[GOV])),
                      (clash, make_event(clash, type="armed_clash", actors=[IS]))])
    verdicts = {f.summary["type"]: f for f in check(terms, incidents)}
    assert [p.standing for p in verdicts["air_strike"].parties] == ["party"]
    assert verdicts["armed_clash"].verdict == "not a violation"


def test_a_name_both_party_and_excluded_is_an_error(tmp_path, example_path):
    with pytest.raises(ConfigError, match="SYR cannot be both a party and excluded"):
        load_truce(_write(tmp_path, example_path, parties=["SYR"], excluded=["Syria"]))


def test_exemption_for_a_non_party_is_an_error(tmp_path, example_path):
    exemptions = [{"acts": ["military_flight"], "parties": ["USA"], "reason": "notified flights"}]
    with pytest.raises(ConfigError, match=r"exemptions.0.parties: USA is not one of the truce's parties"):
        load_truce(_write(tmp_path, example_path, exemptions=exemptions))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=3))
def test_any_party_list_is_accepted_or_a_config_error(names):
    data = {"name": "T", "parties": names, "area": {"places": [{"name": "X", "lat": 1, "lon": 1}]},
            "start": "2016-03-01T00:00", "end": "2016-03-02T00:00", "prohibited": ["air_strike"]}
    try:
        terms = parse_truce(data, "fuzz.yaml")
    except ConfigError as exc:
        assert str(exc).startswith("fuzz.yaml: ")
    else:
        assert all(actor_name(name) in terms.parties for name in names)
