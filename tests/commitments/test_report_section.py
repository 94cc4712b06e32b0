"""The periodic report's commitments section: each pledge in force, its verdict, sources and chart."""
from __future__ import annotations

from datetime import date

from trucewatch.commitments import evaluate, parse_commitments
from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV
from trucewatch.report import render_report
from trucewatch.truce import check, parse_truce

from .conftest import ARMY_SAYS, pledge, strike

TRUCE = {"name": "Idlib pause (test)", "parties": ["SYR", "RUS"], "start": "2016-03-01T00:00",
         "end": "2016-03-31T23:59", "prohibited": ["air_strike"],
         "area": {"places": [{"name": "Idlib", "lat": 35.93, "lon": 36.63, "country": "SYR"}], "buffer_km": 10}}


def _scene():
    incidents = fuse([
        pledge("The army said on Monday it would scale back air strikes on Idlib from Tuesday.", "Wire A",
               "2016-03-07", actors=[GOV], claims=[ARMY_SAYS], named=("air_strike",)),
        strike("Jets struck a bakery in Idlib on Wednesday, residents said.", "Wire A", "2016-03-10",
               when="2016-03-09", actors=[GOV]),
        strike("Government aircraft bombed an Idlib bakery on Wednesday, killing two.", "Wire B", "2016-03-10",
               when="2016-03-09", actors=[GOV])])
    terms = parse_truce(TRUCE, "truce.yaml")
    return terms, incidents, check(terms, incidents)


def test_html_shows_each_pledge_with_verdict_chart_sources_and_linked_incidents():
    terms, incidents, findings = _scene()
    html = render_report(terms, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14))
    section = html[html.index("<h2>Commitments</h2>"):html.index("<h2>Caveats</h2>")]
    assert "broken</span> de-escalation by Syria (SYR) — Idlib" in section
    assert section.count('class="commitment-chart"') == 1
    strike_id = next(i.id for i in incidents if i.type == "air_strike" and i.status == "occurred")
    assert f'href="#{strike_id}"' in section  # the incident that breaks it links to its finding
    assert "“The army said on Monday it would" in section  # the army's own words, as claimed
    assert "Fewer reports is not fewer acts" in section


def test_markdown_lists_the_pledge_and_the_incident():
    terms, incidents, findings = _scene()
    md = render_report(terms, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14), format="md")
    section = md[md.index("## Commitments"):md.index("## Caveats")]
    assert "### Broken: de-escalation by Syria (SYR) — Idlib" in section
    assert "- After: 1 incident(s)" in section and "probable violation" in section


def test_pledges_outside_the_period_are_left_out_and_given_views_are_used():
    terms, incidents, findings = _scene()
    later = parse_commitments({"commitments": [{"kind": "de_escalation", "party": "Russia", "starts": "2016-05-01",
                                                "place": {"name": "Idlib", "lat": 35.93, "lon": 36.63}}]}, "p.yaml")
    views = evaluate(incidents, later)
    html = render_report(terms, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14),
                         commitments=views)
    assert "by Russia (RUS)" not in html and "by Syria (SYR)" in html
    empty = render_report(terms, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14),
                          commitments=[])
    assert "No pledge by any side is in force during the period." in empty
