"""What a reader sees first: real findings lead, other verdicts fold away, parties are resolved
actors under one key each, the chart's labels do not overlap, the map stays on the area."""
from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.records import Location
from trucewatch.report import render_report
from trucewatch.report.build import report_data
from trucewatch.report.svg import daily_chart, label_step

from .conftest import scenario_pairs

START, END = date(2016, 3, 1), date(2016, 3, 14)


def _report(truce, pairs, format="html"):
    incidents = fuse(pairs)
    return render_report(truce, incidents, start=START, end=END, format=format)


def _extra_pairs():
    a = make_document("Council members appealed for calm in Idlib on Wednesday.", "Council Notes", "2016-03-09")
    b = make_document("Gunmen opened fire on a checkpoint in Idlib on Sunday.", "Idlib Post", "2016-03-13")
    c = make_document("Syria bombed a bakery in Idlib on Saturday, a medic said.", "Idlib Post", "2016-03-12")
    d = make_document("Government helicopters bombed the Idlib bakery on Saturday.", "Valley Radio", "2016-03-12")
    return [
        (a, make_event(a, type="appeal", day="2016-03-09")),
        (b, make_event(b, type="armed_clash", day="2016-03-13", actors=[("Gunmen", None, None, None)])),
        (c, make_event(c, day="2016-03-12", actors=[("Syria", "Syria", None, None)])),
        (d, make_event(d, day="2016-03-12", actors=[("Government helicopters", "Syria", "SYR", "MIL")])),
    ]


def test_findings_lead_with_violations_and_fold_the_rest_with_counts(scenario):
    truce, _, _ = scenario
    html = _report(truce, scenario_pairs() + _extra_pairs())
    first_finding = html.index('class="finding"')
    folded = html.index('class="other-group"')
    assert first_finding < folded
    assert re.search(r'<details class="other-group" data-verdict="not a violation">.*?\d+ incidents?</summary>',
                     html, re.S)
    leading = re.findall(r'class="finding" id="[^"]+" data-verdict="([^"]+)"', html)
    order = ["violation", "probable violation", "possible violation", "undetermined", "unattributable"]
    assert leading == sorted(leading, key=order.index)
    assert "not a violation" not in leading and "out of scope" not in leading
    assert ">appeal<" in html[folded:]  # the appeal is kept, in the folded part


def test_party_table_has_one_row_per_resolved_party(scenario):
    truce, _, _ = scenario
    md = _report(truce, scenario_pairs() + _extra_pairs(), format="md")
    table = md.split("### By party")[1].split("## Findings")[0]
    rows = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows.count("Syria (SYR)") == 1
    assert not {"SYR", "Syria", "Gunmen", "Government helicopters"} & set(rows)
    assert "*unidentified only*" in rows


def test_unidentified_perpetrators_are_shown_but_not_graded(scenario):
    truce, _, _ = scenario
    html = _report(truce, scenario_pairs() + _extra_pairs())
    assert "not identified (not graded): &#34;Gunmen&#34;" in html or 'not identified (not graded): "Gunmen"' in html
    assert "<b>Gunmen</b>" not in html


def test_an_incident_dated_to_the_month_shows_in_a_period_it_overlaps(scenario):
    truce, _, _ = scenario
    a = make_document("Doctors said the Idlib clinic was shelled earlier this month.", "Idlib Post", "2016-03-20")
    event = make_event(a, type="shelling", day="2016-03-01", end="2016-03-19", precision="month", actors=[GOV])
    data = report_data(truce, list(fuse([(a, event)])), start=date(2016, 3, 5), end=date(2016, 3, 18))
    assert data["totals"]["now"] == 1 and data["detailed"][0]["verdict"] == "possible violation"
    assert 'class="bar"' in data["chart_svg"] and data["caveats"]["imprecise"] == 1.0
    assert "#b2182b\"/></g>" in data["chart_svg"] and 'height="0.0" fill="#b2182b"' in data["chart_svg"]


def test_far_and_coarse_places_are_listed_not_drawn(scenario):
    truce, _, _ = scenario
    a = make_document("Jets struck a market in Chaman on Monday.", "Far Wire", "2016-03-08")
    b = make_document("Jets struck a market somewhere in Syria on Monday.", "Vague Wire", "2016-03-08")
    far = make_event(a, actors=[GOV]).model_copy(update={"location": Location(
        text="Chaman", name="Chaman", lat=30.92, lon=66.45, country="PAK", precision="city")})
    vague = make_event(b, actors=[GOV], place="Idlib", place_precision="country")
    data = report_data(truce, list(fuse([(a, far), (b, vague)])), start=START, end=END)
    assert 'class="incident"' not in data["map_svg"]
    assert [p["place"] for p in data["map_far"]] == ["Chaman"] and data["map_far"][0]["distance_km"] > 2000
    assert [p["precision"] for p in data["map_coarse"]] == ["country"]


@given(st.integers(min_value=1, max_value=800), st.sampled_from([360, 720, 1200]))
def test_label_step_leaves_room_for_every_label(days, width):
    step = label_step(days, width)
    assert step >= 1 and step * width / days >= 44


def test_a_month_of_days_gets_non_overlapping_labels():
    from datetime import timedelta
    days = [{"day": date(2016, 3, 1) + timedelta(days=i), "all": i % 3, "violations": 0} for i in range(31)]
    svg = daily_chart(days)
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+" font-size="9"', svg)]
    assert 5 <= len(xs) < 31
    assert all(b - a >= 44 for a, b in zip(xs, xs[1:]))


def test_a_report_telling_the_act_in_two_sentences_is_listed_once(scenario):
    truce, _, _ = scenario
    a = make_document("Shells hit the Idlib clinic on Monday. Nobody knows who fired them.", "Idlib Post", "2016-03-08")
    first = make_event(a, 0, type="shelling", day="2016-03-07")
    second = make_event(a, 1, type="shelling", day="2016-03-07")
    data = report_data(truce, list(fuse([(a, first), (a, second)])), start=START, end=END)
    view = data["detailed"][0]
    assert view["documents"] == 1 and len(view["mentions"]) == 1


def test_folded_rows_say_what_settled_the_verdict_and_run_in_date_order(scenario):
    truce, incidents, findings = scenario
    data = report_data(truce, list(incidents), findings, start=START, end=END)
    rows = [v for g in data["other_groups"] for v in g["incidents"]]
    clash = next(v for v in rows if v["type"] == "armed clash")
    assert "excluded group" in clash["why"] and not clash["why"].startswith("verdict:")
    for group in data["other_groups"]:
        dates = [v["when"][:10] for v in group["incidents"]]
        assert dates == sorted(dates)
