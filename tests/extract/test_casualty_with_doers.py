"""A killing verb whose toll was not read is still an act when people did it, and is none when only
a thing did (our own sentences)."""


def test_people_who_shot_a_man_dead_make_an_attack(run):
    events = run("Suspected rebels shot dead a customs officer at Bunagana on Tuesday.")
    assert [e.status for e in events] == ["occurred"]


def test_victims_of_a_crash_make_no_act(run):
    assert run("Experts will help identify the victims killed by the ferry accident last week.") == []
