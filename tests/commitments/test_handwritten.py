"""Hand-written commitments in YAML: the same schema as extracted ones, validated like truce terms."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

import trucewatch.commitments as commitments_pkg
from trucewatch.commitments import evaluate, load_commitments, parse_commitments
from trucewatch.commitments.record import Commitment
from trucewatch.errors import ConfigError
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import RUS

from .conftest import strike

EXAMPLE = Path(commitments_pkg.__file__).parent / "examples" / "example_commitments.yaml"
HAMA = {"name": "Hama", "lat": 35.13, "lon": 36.75, "country": "SYR", "admin1": "Hama"}


def _one(**fields) -> Commitment:
    entry = {"kind": "de_escalation", "party": "Russia", "starts": date(2016, 3, 15), "place": HAMA, **fields}
    return parse_commitments({"commitments": [entry]}, "pledges.yaml")[0]


def _error(entry) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_commitments({"commitments": [entry]}, "pledges.yaml")
    return str(caught.value)


def test_the_shipped_example_loads_into_the_same_record_as_extracted_pledges():
    found = load_commitments(EXAMPLE)
    assert [c.kind for c in found] == ["de_escalation", "access_granted"]
    assert all(isinstance(c, Commitment) and c.origin == "hand-written" for c in found)
    russia, syria = found
    assert russia.party.key == "RUS" and russia.acts == ["military_flight", "aerial"]
    assert russia.ends.at == datetime(2016, 4, 4, 23, 59) and russia.firmness.grade == "announced"
    assert syria.conditional and syria.condition.startswith("if the convoys")
    assert syria.obligations == ["aid_access"] and syria.promise == "performs"
    # the record round-trips through its JSON, as storage keeps it
    assert Commitment.model_validate(russia.model_dump(mode="json")) == russia


def test_defaults_come_from_the_kind_and_short_forms_are_read():
    c = _one(kind="ceasefire_acceptance", starts="2016-03-15T18:00", ends="2016-03-20")
    assert c.acts == ["violence"] and c.breached_by == ["violence"]
    assert c.starts.at == datetime(2016, 3, 15, 18, 0) and c.ends.at == datetime(2016, 3, 20, 23, 59)
    assert c.firmness.grade == "reported" and c.place.precision == "city"


def test_a_place_by_name_is_resolved_through_the_gazetteer():
    c = _one(place="Kafr Zita")
    assert c.place.lat == pytest.approx(35.37, abs=0.05) and c.place.country == "SYR"


def test_reporters_set_the_firmness_when_none_is_given():
    c = _one(reports=[{"claimant": "Free Syrian Army", "quote": "Russia promised us to stop flying."}])
    assert c.firmness.grade == "alleged" and c.reports[0].reporter == "another side"


@pytest.mark.parametrize("entry, says", [
    ({"kind": "truce", "party": "Russia", "starts": "2016-03-15"}, "field 'commitments.0.kind': unknown kind 'truce'"),
    ({"kind": "de_escalation", "party": "Free Syrain Army", "starts": "2016-03-15"},
     "did you mean 'Free Syrian Army'"),
    ({"kind": "de_escalation", "party": "Russia", "starts": "2016-03-15", "acts": ["bombs"]},
     "field 'commitments.0.acts': unknown act type or family bombs"),
    ({"kind": "access_granted", "party": "SYR", "starts": "2016-03-15", "obligations": ["be nice"]},
     "unknown obligation be nice"),
    ({"kind": "de_escalation", "party": "Russia", "starts": "2016-03-15", "ends": "2016-03-01"},
     "must come after starts"),
    ({"kind": "de_escalation", "party": "Russia", "start": "2016-03-15"}, "field 'commitments.0.starts': Field required"),
    ({"kind": "de_escalation", "party": "Russia", "starts": "2016-03-15", "place": {"name": "X", "lat": 35}},
     "give both lat and lon"),
    ({"kind": "de_escalation", "party": "Russia", "starts": "2016-03-15", "place": "Xyzzyville Qqq"},
     "field 'commitments.0.place': area place 'Xyzzyville Qqq' is not in the gazetteer"),
    ({"kind": "de_escalation", "party": "Russia", "starts": "2016-03-15", "firmness": "certain"},
     "field 'commitments.0.firmness'"),
])
def test_bad_entries_are_named_errors(entry, says):
    message = _error(entry)
    assert message.startswith("pledges.yaml: ") and says in message


def test_bad_files_are_named_errors(tmp_path):
    with pytest.raises(ConfigError, match="no such commitments file"):
        load_commitments(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("commitments: [kind: {\n")
    with pytest.raises(ConfigError, match="broken.yaml: cannot read commitments"):
        load_commitments(broken)
    listed = tmp_path / "list.yaml"
    listed.write_text(yaml.safe_dump([{"kind": "de_escalation"}]))
    with pytest.raises(ConfigError, match="a mapping with a list under `commitments:`"):
        load_commitments(listed)
    with pytest.raises(ConfigError, match="at least 1 item"):
        parse_commitments({"commitments": []}, "empty.yaml")


def test_a_hand_written_pledge_is_checked_like_an_extracted_one():
    pledge = _one(acts=["military_flight"], firmness="announced")
    flight = strike("Russian jets flew over Hama on Thursday, residents said.", "Wire A", "2016-03-18",
                    when="2016-03-17", actors=[RUS], place="Hama", type="military_flight")
    views = evaluate(fuse([flight]), [pledge])
    assert [v.verdict for v in views] == ["possibly broken"]
    assert views[0].assessment.breaches[0]["parties"][0]["party"] == "RUS"
