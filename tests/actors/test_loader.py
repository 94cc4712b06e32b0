"""User extension files and clear errors for malformed ones."""
from __future__ import annotations

import pytest

from trucewatch.actors.dictionary import ActorDictionary
from trucewatch.actors.loader import ENV_VAR, read_file
from trucewatch.errors import ConfigError

EXTRA = """\
actors:
- id: hama-military-council
  kind: group
  name: Hama Military Council
  country: SYR
  sector: REB
  aliases: [Hama Military Council, HMC]
- id: walid-al-moallem
  kind: person
  name: Walid al-Moallem
  aliases: [Walid al-Moallem, Moallem]
  roles:
  - {title: Foreign Minister of Syria, country: SYR, sector: GOV, start: 2006-02-11, end: 2007-01-01}
"""


@pytest.fixture
def extra_file(tmp_path):
    path = tmp_path / "my_actors.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    return path


def test_user_file_adds_an_actor(extra_file):
    dictionary = ActorDictionary([extra_file], use_env=False)
    ref = dictionary.resolve("the HMC")
    assert (ref.name, ref.country, ref.sector) == ("Hama Military Council", "SYR", "REB")


def test_user_entry_replaces_the_packaged_one_with_the_same_id(extra_file):
    dictionary = ActorDictionary([extra_file], use_env=False)
    assert dictionary.resolve("Moallem", "2015-01-01").country is None  # the user shortened his term
    assert dictionary.resolve("Walid al-Muallem") is None  # the user's entry lists fewer aliases


def test_env_variable_names_extra_files(extra_file, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(extra_file.parent))  # a folder of YAML files
    assert ActorDictionary().resolve("Hama Military Council").sector == "REB"


def test_public_api_sees_env_files_after_reload(extra_file, monkeypatch):
    import trucewatch.actors as actors

    monkeypatch.setenv(ENV_VAR, str(extra_file))
    try:
        actors.reload()
        assert actors.resolve_actor("HMC").name == "Hama Military Council"
    finally:
        monkeypatch.delenv(ENV_VAR)
        actors.reload()
    assert actors.resolve_actor("HMC") is None


def test_missing_env_path_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nope.yaml"))
    with pytest.raises(ConfigError, match="nope.yaml: named in \\$TRUCEWATCH_ACTORS"):
        ActorDictionary()


@pytest.mark.parametrize("body, message", [
    ("actors:\n- id: x\n  kind: group\n  name: X\n  sector: ARMY\n  aliases: [X group]\n",
     r"entry 1 \(id 'x'\): sector: unknown sector 'ARMY'"),
    ("actors:\n- id: x\n  kind: group\n  name: X\n  country: Syria\n  aliases: [X group]\n",
     r"entry 1 \(id 'x'\): country: country 'Syria' is not an ISO 3166-1 alpha-3 code"),
    ("actors:\n- id: x\n  kind: group\n  name: X\n",
     r"entry 1 \(id 'x'\): has no aliases"),
    ("actors:\n- id: x\n  kind: person\n  name: X\n  aliases: [X]\n  roles:\n"
     "  - {sector: GOV, start: 2020-01-01, end: 2019-01-01}\n", r"ends \(2019-01-01\) before it starts"),
    ("actors:\n- id: x\n  kind: group\n  name: X\n  aliases: [X]\n  colour: red\n",
     r"colour: Extra inputs are not permitted"),
    ("actors:\n- id: x\n  kind: term\n  aliases: [X]\n- id: x\n  kind: term\n  sector: CVL\n  aliases: [Y]\n",
     r"entry 1 \(id 'x'\): a term needs a sector"),
    ("actors: [unclosed\n", r"is not valid YAML at line"),
    ("- just a list\n", r"must be a mapping with a list under 'actors:'"),
    ("actors:\n- just text\n", r"entry 1 must be a mapping of fields"),
])
def test_malformed_file_names_file_entry_and_reason(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        read_file(path)
    assert str(path) in str(caught.value)


def test_duplicate_id_in_one_file(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("actors:\n- {id: x, kind: term, sector: CVL, aliases: [a]}\n"
                    "- {id: x, kind: term, sector: CVL, aliases: [b]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"entry 2 \(id 'x'\): the id is used twice"):
        read_file(path)


def test_unknown_country_code_is_caught_across_files(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text("actors:\n- {id: x, kind: group, name: X, country: XYZ, aliases: [X group]}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"odd.yaml: entry id 'x': unknown country code XYZ"):
        ActorDictionary([path], use_env=False)


def test_empty_file_adds_nothing(tmp_path, dictionary):
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert len(ActorDictionary([path], use_env=False)) == len(dictionary)
