"""Counts of killed and injured people (example sentences written for these tests)."""
import pytest

from trucewatch.extract.howmany import find_casualties, read_count


@pytest.mark.parametrize("phrase, expected", [
    ("12", (12, 12, 12)),
    ("1,200", (1200, 1200, 1200)),
    ("twelve", (12, 12, 12)),
    ("twenty-three", (23, 23, 23)),
    ("two hundred and five", (205, 205, 205)),
    ("1.5 million", (1_500_000, 1_500_000, 1_500_000)),
    ("a dozen", (12, 12, 12)),
    ("half a dozen", (6, 6, 6)),
    ("dozens", (24, 36, None)),
    ("scores", (40, 60, None)),
    ("hundreds", (200, 300, None)),
    ("several", (3, 5, 9)),
    ("some 20", (18, 20, 22)),
    ("about 5", (4, 5, 6)),
    ("at least a dozen", (12, 12, None)),
    ("at least 12", (12, 12, None)),
    ("more than 100", (101, 101, None)),
    ("more than a dozen", (13, 13, None)),
    ("up to 30", (None, None, 30)),
    ("as many as 30", (None, None, 30)),
    ("nearly 40", (36, 39, 39)),
    ("between 10 and 15", (10, 12, 15)),
    ("10 to 15", (10, 12, 15)),
    ("10-15", (10, 12, 15)),
    ("two or three", (2, 2, 3)),
    ("20 or more", (20, 20, None)),
    ("no one", (0, 0, 0)),
])
def test_read_count(phrase, expected):
    assert read_count(phrase) == expected


@pytest.mark.parametrize("phrase", ["a 10-year-old", "a ten-year-old girl", "F-16 jets", "the",
                                    "45 percent", "3.5", ""])
def test_not_a_count(phrase):
    assert read_count(phrase) is None


def kinds(text):
    """{kind: [(low, best, high, phrase)]} for compact assertions."""
    found = find_casualties(text)
    return {kind: [(m.casualties.low, m.casualties.best, m.casualties.high, m.text)
                   for m in getattr(found, kind)]
            for kind in ("killed", "injured", "casualties") if getattr(found, kind)}


@pytest.mark.parametrize("text, expected", [
    ("At least 12 people were killed when the convoy was hit.",
     {"killed": [(12, 12, None, "At least 12 people were killed")]}),
    ("The drone struck a wedding party, killing six civilians including two women.",
     {"killed": [(6, 6, 6, "killing six civilians")]}),
    ("Two children and a woman were killed as the shell landed near the well.",
     {"killed": [(3, 3, 3, "Two children and a woman were killed")]}),
    ("By evening the death toll rose to 45.",
     {"killed": [(45, 45, 45, "death toll rose to 45")]}),
    ("Medics counted 12 dead and 30 wounded.",
     {"killed": [(12, 12, 12, "12 dead")], "injured": [(30, 30, 30, "30 wounded")]}),
    ("The mortar round left 5 injured.", {"injured": [(5, 5, 5, "left 5 injured")]}),
    ("A soldier was killed at the checkpoint.",
     {"killed": [(1, 1, 1, "A soldier was killed")]}),
    ("A 10-year-old boy was killed by a sniper.",
     {"killed": [(1, 1, 1, "A 10-year-old boy was killed")]}),
    ("The barrage killed 12 and wounded 30.",
     {"killed": [(12, 12, 12, "killed 12")], "injured": [(30, 30, 30, "wounded 30")]}),
    ("Some 20 people were wounded in the blast.",
     {"injured": [(18, 20, 22, "Some 20 people were wounded")]}),
    ("Dozens of people were killed or wounded.",
     {"casualties": [(24, 36, None, "Dozens of people were killed or wounded")]}),
    ("The attack caused 14 casualties.", {"casualties": [(14, 14, 14, "14 casualties")]}),
    ("Nine civilians, including three children, were killed in the village.",
     {"killed": [(9, 9, 9, "Nine civilians, including three children, were killed")]}),
    ("Raiders burned the camp, killing at least 40 people, a local council said.",
     {"killed": [(40, 40, None, "killing at least 40 people")]}),
    ("Militiamen killed four Kurds near the border.", {"killed": [(4, 4, 4, "killed four Kurds")]}),
    ("The mine blast killed a U.N. monitor and hurt three shepherds.",
     {"killed": [(1, 1, 1, "killed a U.N. monitor")], "injured": [(3, 3, 3, "hurt three shepherds")]}),
    ("Three Taliban were killed in the ambush.", {"killed": [(3, 3, 3, "Three Taliban were killed")]}),
    ("The shell killed a farmer and his two sons.",
     {"killed": [(3, 3, 3, "killed a farmer and his two sons")]}),
    ("The bomber blew up the car, killing himself and 12 others.",
     {"killed": [(13, 13, 13, "killing himself and 12 others")]}),
    ("At least 12 people, among them five children, were killed and 30 injured.",
     {"killed": [(12, 12, None, "At least 12 people, among them five children, were killed")],
      "injured": [(30, 30, 30, "30 injured")]}),
    ("His two brothers were wounded.", {"injured": [(2, 2, 2, "His two brothers were wounded")]}),
    ("Gunmen seized six guards; three of them were killed.",
     {"killed": [(3, 3, 3, "three of them were killed")]}),
    ("One of the medics died on the way.", {"killed": [(1, 1, 1, "One of the medics died")]}),
    ("More than 100 civilians have been killed since the truce began.",
     {"killed": [(101, 101, None, "More than 100 civilians have been killed")]}),
])
def test_find_casualties(text, expected):
    assert kinds(text) == expected


def test_no_one_hurt_is_zero_injured_and_no_death_count():
    found = find_casualties("A rocket hit an empty school; no one was hurt.")
    assert found.killed == []
    (injured,) = found.injured
    assert (injured.casualties.best, injured.text) == (0, "no one was hurt")


def test_no_one_killed_is_zero_killed():
    assert kinds("Nobody was killed in the exchange.") == {"killed": [(0, 0, 0, "Nobody was killed")]}


def test_nobody_killed_or_injured_is_zero_of_both():
    found = find_casualties("No one was killed or injured when the depot burned.")
    assert [m.casualties.best for m in found.killed] == [0]
    assert [m.casualties.best for m in found.injured] == [0]


def test_killing_or_wounding_is_undifferentiated_casualties():
    assert kinds("The blast went off at noon, killing or wounding 20 people.") == {
        "casualties": [(20, 20, 20, "killing or wounding 20 people")]}


def test_ages_and_money_are_not_counts():
    assert read_count("a 12 year old") is None
    assert read_count("$12") is None


def test_no_casualties_reported():
    assert kinds("The army said there were no casualties.") == {"casualties": [(0, 0, 0, "no casualties")]}


@pytest.mark.parametrize("text", [
    "Rebels fired 40 rockets and burned 12 trucks over 3 days.",
    "The army deployed 500 fighters to the front.",
    "Twenty buildings were destroyed in the raid.",
    "He was killed 12 years after the war began.",
    "The siege has lasted 200 days.",
    "A convoy of 30 trucks reached the town.",
    "Fire swept the barn; two horses injured.",
])
def test_things_that_are_not_people_are_not_counted(text):
    assert len(find_casualties(text)) == 0


def test_a_phrase_never_runs_into_the_next_sentence():
    assert kinds("Fighting killed at least a dozen yesterday. Villagers fled.") == {
        "killed": [(12, 12, None, "killed at least a dozen")]}


def test_killers_are_not_counted_as_victims():
    assert kinds("The 12 soldiers killed 3 militants.") == {"killed": [(3, 3, 3, "killed 3 militants")]}


def test_offsets_point_into_the_document():
    document = "Report.\nThe shelling killed four people on Tuesday."
    sentence_start = document.index("The shelling")
    found = find_casualties(document[sentence_start:], offset=sentence_start)
    (killed,) = found.killed
    assert document[killed.start:killed.end] == killed.text == "killed four people"


def test_largest_picks_the_revised_toll():
    found = find_casualties("Three people were killed at first. Later the death toll rose to 11.")
    assert found.largest("killed").best == 11
    assert found.largest("injured") is None


def test_an_unquoted_yaml_boolean_in_the_lexicon_is_a_config_error(monkeypatch):
    import trucewatch.datafiles as datafiles
    import trucewatch.extract.howmany as howmany
    from trucewatch.errors import ConfigError

    class BrokenLexicon:
        def joinpath(self, _name):
            return self

        def read_text(self, _encoding):
            return "zero: [nobody, no]\n"

    howmany._lexicon.cache_clear()
    monkeypatch.setattr(datafiles.resources, "files", lambda _package: BrokenLexicon())
    try:
        with pytest.raises(ConfigError, match="numbers.yaml.*quote"):
            howmany._lexicon()
    finally:
        howmany._lexicon.cache_clear()
