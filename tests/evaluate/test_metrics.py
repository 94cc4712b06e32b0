from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trucewatch.evaluate.metrics import PRF, Classes, Distances, f1, haversine_km, median


def test_prf_counts_multisets():
    tally = PRF()
    missed, spurious = tally.add_sets(Counter(["19", "19", "04"]), Counter(["19", "05"]))
    assert missed == Counter(["19", "04"]) and spurious == Counter(["05"])
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 2)
    assert tally.precision == 0.5 and tally.recall == pytest.approx(1 / 3)
    assert tally.f1 == pytest.approx(0.4)


def test_f1_is_zero_when_nothing_found_and_none_when_nothing_to_find():
    assert f1(None, 0.0) == 0.0
    assert f1(None, None) is None


def test_classes_macro_and_weighted_f1():
    tally = Classes()
    for gold, ours in [("a", "a"), ("a", "a"), ("a", "b"), ("b", "b"), ("c", None)]:
        tally.add(gold, ours)
    rows = {row.name: row.value for row in tally.scores("x")}
    assert rows["x accuracy"] == pytest.approx(0.6)
    # a: P=1 R=2/3 F=.8; b: P=.5 R=1 F=2/3; c: 0; none: 0 (predicted, never gold)
    assert rows["x macro-F1"] == pytest.approx((0.8 + 2 / 3) / 4)
    assert rows["x weighted F1"] == pytest.approx((0.8 * 3 + 2 / 3) / 5)


def test_haversine_known_distance():
    # Damascus to Aleppo is about 310 km
    assert haversine_km(33.51, 36.29, 36.20, 37.16) == pytest.approx(310, abs=10)


def test_distances_count_missing_places_against_the_shares():
    tally = Distances()
    for km in (10.0, 100.0, None, 500.0):
        tally.add(km)
    rows = {row.name: row.value for row in tally.scores("loc")}
    assert rows["loc within 25 km"] == 0.25
    assert rows["loc within 161 km"] == 0.5
    assert rows["loc median km"] == 100.0


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1))
def test_median_lies_within_the_values(values):
    assert min(values) <= median(values) <= max(values)
