"""Properties of fusion on random small scenarios: a partition, independent of input order."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV, RUS, make_document, make_event

report = st.tuples(
    st.sampled_from(["air_strike", "shelling", "armed_clash"]),
    st.sampled_from(["Idlib", "Maarrat Misrin", "Aleppo", "Hama"]),
    st.integers(min_value=1, max_value=20),  # day of March
    st.sampled_from(["day", "month"]),
    st.sampled_from([GOV, RUS]),
    st.sampled_from(["A", "B", "C", "D"]),
)


def _pairs(reports):
    pairs = []
    for n, (act, place, day, precision, actor, outlet) in enumerate(reports):
        doc = make_document(f"Report {n}: {act} at {place} on March {day} by {actor[0]}.", outlet,
                            f"2016-03-{min(day + 1, 31):02d}")
        start, end = (f"2016-03-{day:02d}",) * 2 if precision == "day" else ("2016-03-01", "2016-03-31")
        pairs.append((doc, make_event(doc, type=act, place=place, day=start, end=end, precision=precision,
                                      actors=[actor])))
    return pairs


@settings(max_examples=40, deadline=None)
@given(st.lists(report, min_size=1, max_size=12))
def test_fusion_is_a_partition_and_order_free(reports):
    pairs = _pairs(reports)
    forward = fuse(pairs)
    ids = sorted(e for inc in forward for e in inc.event_ids)
    assert ids == sorted(e.id for _, e in pairs)  # every mention in exactly one incident
    backward = fuse(list(reversed(pairs)))
    assert {i.id: sorted(i.event_ids) for i in forward} == {i.id: sorted(i.event_ids) for i in backward}
    for inc in forward:
        assert len({m.event.type for m in inc.mentions}) == 1  # these types are different families
        assert all(m.event.id.startswith(m.document.id) for m in inc.mentions)


@settings(max_examples=25, deadline=None)
@given(st.lists(report, min_size=2, max_size=8), st.data())
def test_merge_then_undo_restores_the_partition(reports, data):
    incidents = fuse(_pairs(reports))
    before = {i.id: sorted(i.event_ids) for i in incidents}
    if len(before) < 2:
        return
    a, b = data.draw(st.lists(st.sampled_from(sorted(before)), min_size=2, max_size=2, unique=True))
    op = incidents.merge(a, b)
    assert len(incidents) == len(before) - 1 and incidents.resolve(a) is incidents.resolve(b)
    incidents.undo(op)
    assert {i.id: sorted(i.event_ids) for i in incidents} == before
