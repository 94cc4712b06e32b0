"""Tolls read from the parse, and which act they belong to (issue 10 item 2).

Every sentence is our own, written for these tests.
"""
import pytest

from trucewatch.extract.tolls import find_tolls


@pytest.fixture(scope="module")
def tolls(nlp):
    def _tolls(sentence: str):
        return [(m.kind, m.casualties.best, m.background) for m in find_tolls(nlp(sentence)[:])]

    return _tolls


@pytest.mark.parametrize("sentence, expected", [
    # attackers counted with their victims
    ("Three guards and two raiders were killed when the depot was stormed.", [("killed", 5, False)]),
    # nouns no word list holds: the grammar says they are the victims
    ("Seven marines were killed in the ambush.", [("killed", 7, False)]),
    ("The gunmen killed two visiting lecturers.", [("killed", 2, False)]),
    ("A retired pharmacist was killed at his door.", [("killed", 1, False)]),
    # named victims, with an apposition that is the same person
    ("Gunmen shot and killed Idris Baba, a ward councillor, near the bridge.", [("killed", 1, False)]),
    ("One porter, Yakubu Sani, was killed outside the depot.", [("killed", 1, False)]),
    ("Raiders killed Hamid and his nephew at the well.", [("killed", 2, False)]),
    # killing with a result word or a particle
    ("A herder was shot dead near the river.", [("killed", 1, False)]),
    ("A trader was stabbed to death in the market.", [("killed", 1, False)]),
    ("A watchman was hacked to death by raiders.", [("killed", 1, False)]),
    ("A sergeant was gunned down outside the base.", [("killed", 1, False)]),
    ("Four villagers were burned alive in their huts.", [("killed", 4, False)]),
    ("Two volunteers were martyred in the clashes.", [("killed", 2, False)]),
    # partitives, singular nouns of death, deaths as a noun phrase
    ("The fighters stormed the post, killing 6 of them.", [("killed", 6, False)]),
    ("The blast caused 1 fatality.", [("killed", 1, False)]),
    ("The explosion led to the death of eight passengers.", [("killed", 8, False)]),
    ("The fire claimed the lives of three children.", [("killed", 3, False)]),
    ("His death, along with two other guards, was confirmed.", [("killed", 3, False)]),
    # a list written with commas and a parenthesis
    ("A district commander (DC), his driver and a cook were killed.", [("killed", 3, False)]),
    # killed and wounded in one sentence, the second verb without its auxiliary
    ("Five sailors were killed and two others wounded.", [("killed", 5, False), ("injured", 2, False)]),
    ("The blast left four dead and nine wounded.", [("killed", 4, False)]),
    ("Another guard suffered serious injuries.", [("injured", 1, False)]),
])
def test_victims_are_read_from_the_grammar(tolls, sentence, expected):
    assert tolls(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The war has killed more than 400,000 people since 2012.",
    "Some 2,000 civilians have been killed in the province since the uprising began.",
    "The fighting has killed 90 people over the past three years.",
])
def test_cumulative_figures_are_background(tolls, sentence):
    found = tolls(sentence)
    assert found and all(background for _, _, background in found)


@pytest.mark.parametrize("sentence", [
    "The militants threatened to kill the hostages.",
    "Nobody could kill so many people in one night, the officer said.",
    "The convoy carried twelve drivers.",
    "Killed soldiers are buried in the hills.",
])
def test_no_toll_where_nobody_is_said_to_die(tolls, sentence):
    assert [t for t in tolls(sentence) if t[1]] == []


def test_a_cumulative_figure_never_becomes_a_toll(run):
    events = run("A mortar shell hit a bakery in Maarat on Monday, killing four people. "
                 "The war has killed more than 400,000 people since 2011.")
    tolls = [e.fatalities.best for e in events if e.fatalities]
    assert tolls == [4]


def test_a_closing_toll_belongs_to_the_main_act(run):
    events = run("Gunmen attacked a police post on the edge of Gao on Sunday night. "
                 "The attackers fled into the desert. Two people were killed.")
    main = next(e for e in events if e.main)
    assert main.type in ("armed_clash", "attack") and main.fatalities.best == 2


def test_a_later_larger_figure_about_another_incident_does_not_overwrite(run):
    events = run("A roadside bomb killed three soldiers near Kidal on Tuesday. "
                 "In a separate attack, gunmen killed eleven traders near Gao.")
    counts = sorted(e.fatalities.best for e in events if e.fatalities)
    assert counts == [3, 11]
    main = next(e for e in events if e.main)
    assert main.fatalities.best == 3


def test_a_dateline_number_is_no_toll(run):
    events = run("KIDAL, March 9 (Sahel Wire) - Gunmen attacked a checkpoint outside the town.")
    assert all(e.fatalities is None for e in events)


def test_tolls_of_one_act_add_up_within_a_sentence(run):
    events = run("Four soldiers were killed and three attackers were also killed when "
                 "militants stormed an army post near Bannu.")
    main = next(e for e in events if e.main)
    assert main.fatalities.best == 7


@pytest.mark.parametrize("text", [
    "Two men on a motorbike tried to assassinate a district judge in Quetta on Monday; he escaped.",
    "Militiamen attempted to kill a tribal elder near Sirte on Friday, residents said.",
])
def test_the_one_an_attempt_aimed_at_is_not_counted_dead(run, text):
    main = next(e for e in run(text) if e.main)
    assert main.acled is not None and main.acled.event_type == "Violence against civilians"
    assert main.fatalities is None or main.fatalities.best == 0


def test_an_attempt_still_counts_those_the_act_did_kill(run):
    main = next(e for e in run("In an attempt to kill the provincial governor, gunmen fired on his convoy "
                               "outside Jalalabad, killing two of his bodyguards.") if e.main)
    assert main.fatalities is not None and main.fatalities.best == 2


@pytest.mark.parametrize("sentence, expected", [
    # a year names the act; it counts nobody
    ("The 1998 market ambush: six porters were stopped on the road and killed.", [("killed", 6, False)]),
    # victims added beside the verb
    ("Two judges were killed along with eight of their guards.", [("killed", 10, False)]),
    # the article counts one, even on a noun written as a plural
    ("A policemen was killed at the gate.", [("killed", 1, False)]),
])
def test_years_additions_beside_the_verb_and_articles(tolls, sentence, expected):
    assert tolls(sentence) == expected


@pytest.mark.parametrize("sentence, killed", [
    # a list that says who a count of people were restates it, set off on both sides ...
    ("Seven people, five herders and two drivers, were killed at the ford.", 7),
    ("Four pilgrims - three women and a boy - were killed when the bus overturned.", 4),
    # ... or in brackets, whatever it holds ...
    ("Two people (a shopkeeper and his son) were shot dead by raiders.", 2),
    # ... or after a word for people in general, even when the writer leaves it open
    ("Three people, a ranger and two porters were killed near the lodge.", 3),
    # a list left open after a count of some kind of people adds to it
    ("Two soldiers, one medic and one porter were killed in the ambush.", 4),
    ("Three guards, a cook and a driver were killed in the raid.", 5),
    # a headline's bare title is one person; two titles of one person are still one
    ("Gunmen kill village chief in night raid.", 1),
    ("Journalist and broadcaster Amina Bello was assassinated at her gate.", 1),
    ("The mayor and party chairman was assassinated outside the hall.", 1),
    # what a named victim was adds nobody
    ("Raiders shot and killed Musa Garba, a farmer and father of six, on his land.", 1),
])
def test_lists_that_restate_a_count_and_lists_that_add(tolls, sentence, killed):
    assert [best for kind, best, _ in tolls(sentence) if kind == "killed"] == [killed]


def test_deaths_and_injuries_written_together_each_count_their_own(tolls):
    found = tolls("The two blasts caused three deaths and 14 injuries in the market.")
    assert ("killed", 3, False) in found and ("injured", 14, False) in found
    assert all(best not in (17,) for _, best, _ in found)


@pytest.mark.parametrize("sentence, expected", [
    # a subject shared with the verb before "and": the one abducted is the one found dead
    ("A trader was abducted by gunmen near the market and was later found dead.", [("killed", 1, False)]),
    # one person wounded who then died is counted dead, not also injured
    ("A porter was wounded in the blast and died in hospital.", [("killed", 1, False)]),
    # a bare number the tagger hung beside the verb is its object, but not a number after a comma
    ("Raiders shoot dead five and another two were injured.", [("killed", 5, False), ("injured", 2, False)]),
    ("At least four guards killed, seven injured in an ambush.", [("killed", 4, False), ("injured", 7, False)]),
])
def test_victims_shared_across_and_and_counted_once(tolls, sentence, expected):
    assert sorted(tolls(sentence)) == sorted(expected)


def test_what_the_victims_were_doing_is_no_act(run):
    events = run("Six rangers were killed and two others were wounded while patrolling near the dam. "
                 "A rebel group claimed responsibility for the attack.")
    assert not any(e.type == "troop_movement" for e in events)
    main = next(e for e in events if e.main)
    assert main.fatalities.best == 6 and main.injured.best == 2


def test_violence_in_a_while_clause_is_still_the_act(run):
    events = run("Two soldiers were killed overnight while fighting off an attack by gunmen near Diffa.")
    main = next(e for e in events if e.main)
    assert main.type == "armed_clash" and main.fatalities.best == 2


def test_a_toll_told_before_another_act_joined_by_and_is_not_that_act_s(run):
    events = run("Rebels attacked an army post near Bunia on Friday. Five soldiers died and eight more "
                 "were taken hostage.")
    by_type = {e.type: e for e in events}
    assert by_type["armed_clash"].fatalities.best == 5
    assert "abduction" not in by_type or by_type["abduction"].fatalities is None


@pytest.mark.parametrize("sentence, expected", [
    ("Rebels shot down an army helicopter near the pass.", "armed_clash"),
    ("Militiamen shot down a passenger plane over the lake.", "armed_clash"),
    ("Air defences shot down two drones over the port.", "weapons_seized"),
])
def test_shooting_down_a_crewed_aircraft_is_fighting_a_drone_is_disrupted_weapons(run, sentence, expected):
    main = next(e for e in run(sentence) if e.main)
    assert main.type == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The magistrate and her driver were fatally shot outside the court.", [("killed", 2, False)]),
    ("A night watchman was mortally wounded in the raid.", [("killed", 1, False)]),
])
def test_a_fatal_adverb_makes_shooting_or_wounding_a_killing(tolls, sentence, expected):
    assert tolls(sentence) == expected
