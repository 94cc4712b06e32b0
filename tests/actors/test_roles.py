"""Office holders count as their government only during their term."""
from __future__ import annotations

from datetime import date, datetime

import pytest


@pytest.mark.parametrize("text, on, expected", [
    ("Lavrov", "2016-03-01", ("Sergei Lavrov", "RUS", "GOV", None)),
    ("Lavrov", "2004-03-08", ("Sergei Lavrov", None, None, None)),   # the day before his term
    ("Lavrov", "2004-03-09", ("Sergei Lavrov", "RUS", "GOV", None)),  # first day
    ("Kerry", "2016-03-01", ("John Kerry", "USA", "GOV", None)),
    ("Kerry", "2020-01-01", ("John Kerry", None, None, None)),  # out of office: name only
    ("John Kerry", "2013-01-31", ("John Kerry", None, None, None)),
    ("Walid al-Moallem", "2015-06-01", ("Walid al-Moallem", "SYR", "GOV", None)),
    ("Moallem", "2020-11-17", ("Walid al-Moallem", None, None, None)),
    ("Bashar al-Assad", "2016-01-01", ("Bashar al-Assad", "SYR", "GOV", None)),
    ("Assad", "2024-12-08", ("Bashar al-Assad", "SYR", "GOV", None)),  # last day
    ("Assad", "2025-01-01", ("Bashar al-Assad", None, None, None)),
    ("Obama", "2016-12-31", ("Barack Obama", "USA", "GOV", None)),
    ("Obama", "2017-01-21", ("Barack Obama", None, None, None)),
    ("Trump", "2019-06-01", ("Donald Trump", "USA", "GOV", None)),
    ("Trump", "2022-06-01", ("Donald Trump", None, None, None)),  # between his two terms
    ("Trump", "2025-06-01", ("Donald Trump", "USA", "GOV", None)),
    ("Biden", "2015-01-01", ("Joe Biden", "USA", "GOV", None)),  # vice president
    ("Erdogan", "2010-01-01", ("Recep Tayyip Erdoğan", "TUR", "GOV", None)),
    ("Erdoğan", "2020-01-01", ("Recep Tayyip Erdoğan", "TUR", "GOV", None)),
    ("Putin", "2010-01-01", ("Vladimir Putin", "RUS", "GOV", None)),  # prime minister then
    ("Ban Ki-moon", "2016-06-01", ("Ban Ki-moon", None, "IGO", None)),
    ("Ban Ki-moon", "2017-06-01", ("Ban Ki-moon", None, None, None)),
    ("Guterres", "2017-01-01", ("António Guterres", None, "IGO", None)),
    ("de Mistura", "2016-03-01", ("Staffan de Mistura", None, "IGO", None)),
    ("de Mistura", "2019-03-01", ("Staffan de Mistura", None, None, None)),
])
def test_role_held_on_the_event_date(resolve, text, on, expected):
    assert resolve(text, on) == expected


def test_without_a_date_a_person_is_only_a_name(resolve):
    assert resolve("Lavrov") == ("Sergei Lavrov", None, None, None)


def test_dates_may_be_date_datetime_or_iso_text(dictionary):
    for on in (date(2016, 3, 1), datetime(2016, 3, 1, 12, 0), "2016-03-01", "2016-03-01T08:00:00"):
        assert dictionary.resolve("Lavrov", on).country == "RUS"


def test_one_person_through_successive_roles(resolve):
    assert resolve("Jolani", "2018-01-01")[1:3] == ("SYR", "REB")
    assert resolve("Ahmed al-Sharaa", "2024-12-20")[1:3] == ("SYR", "GOV")
    assert resolve("al-Sharaa", "2025-06-01")[1:3] == ("SYR", "GOV")


def test_groups_can_change_role_too(resolve):
    assert resolve("the Taliban", "2019-01-01")[1:3] == ("AFG", "REB")
    assert resolve("the Taliban", "2022-01-01")[1:3] == ("AFG", "GOV")
    assert resolve("RSF", "2020-01-01")[1:3] == ("SDN", "MIL")
    assert resolve("RSF", "2023-05-01")[1:3] == ("SDN", "UAF")


def test_a_person_as_owner_lends_the_state_only_in_office(resolve):
    assert resolve("Assad forces", "2016-01-01") == ("Syria", "SYR", "MIL", None)
    assert resolve("Assad forces", "2025-06-01")[1] is None
    assert resolve("pro-Assad militias", "2016-01-01")[1:3] == ("SYR", "MIL")


def test_every_packaged_role_is_well_ordered(dictionary):
    for entry in dictionary.entries.values():
        for role in entry.roles:
            assert role.end is None or role.start <= role.end, entry.id


def test_a_shared_surname_goes_to_whoever_held_office_that_day(resolve):
    assert resolve("Assad", "1990-01-01")[:3] == ("Hafez al-Assad", "SYR", "GOV")
    assert resolve("Assad", "2016-01-01")[:3] == ("Bashar al-Assad", "SYR", "GOV")
    assert resolve("Assad")[0] == "Bashar al-Assad"  # no date: the first listed


def test_group_leaders_act_for_their_group_in_office(resolve):
    assert resolve("Haniyeh", "2020-01-01")[1:3] == ("PSE", "REB")
    assert resolve("Haniyeh", "2006-06-01")[1:3] == ("PSE", "GOV")
    assert resolve("Nasrallah", "2016-01-01")[1:3] == ("LBN", "UAF")
