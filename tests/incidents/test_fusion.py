"""Fusion across reports: one act told by several outlets is one incident; distinct acts are not."""
from __future__ import annotations

from datetime import date

from trucewatch.incidents.samples import FSA, GOV, RUS, WIRE, make_document, make_event
from trucewatch.incidents import fuse


def _strike_three_outlets():
    """One strike told by three outlets on two days; two texts are the same wire copy."""
    a = make_document(WIRE, "Example Wire", "2016-03-07")
    b = make_document(WIRE.replace("Warplanes", "War planes") + " Editing by the desk.",
                      "Daily Republisher", "2016-03-07")
    c = make_document("Residents of Maarrat Misrin buried the victims of Monday's air raid on the "
                      "market on Tuesday; a doctor at the town's clinic counted eleven dead.",
                      "Valley Radio", "2016-03-08")
    return [
        (a, make_event(a, place="Maarrat Misrin", day="2016-03-07", actors=[GOV], killed=(9, 9, None))),
        (b, make_event(b, place="Maarrat Misrin", day="2016-03-07", actors=[GOV], killed=(9, 9, None))),
        (c, make_event(c, place="Maarrat Misrin", day="2016-03-07", actors=[GOV], killed=(11, 11, 11))),
    ]


def test_three_outlets_two_days_make_one_incident():
    incidents = fuse(_strike_three_outlets())
    assert len(incidents) == 1
    incident = next(iter(incidents))
    assert len(incident.mentions) == 3
    assert incident.start == date(2016, 3, 7)


def test_syndicated_copies_count_as_one_source():
    incident = next(iter(fuse(_strike_three_outlets())))
    assert len(incident.documents) == 3
    assert incident.independent_sources == 2


def test_casualties_range_keeps_sources():
    incident = next(iter(fuse(_strike_three_outlets())))
    assert (incident.fatalities.low, incident.fatalities.high) == (9, 11)
    assert {f.source.outlet for f in incident.fatalities.figures} == {"Example Wire", "Daily Republisher",
                                                                      "Valley Radio"}


def test_ids_are_stable_across_runs_and_input_order():
    pairs = _strike_three_outlets()
    first = [i.id for i in fuse(pairs)]
    second = [i.id for i in fuse(list(reversed(pairs)))]
    assert first == second and first[0].startswith("inc-")


def test_far_apart_places_are_separate_incidents():
    a = make_document("Jets bombed Idlib city at dawn.", "A", "2016-03-07")
    b = make_document("Jets bombed Aleppo at dawn.", "B", "2016-03-07")
    incidents = fuse([(a, make_event(a, place="Idlib", actors=[GOV])),
                      (b, make_event(b, place="Aleppo", actors=[GOV]))])
    assert len(incidents) == 2


def test_different_families_and_distant_days_stay_apart():
    a = make_document("Shells fell on Idlib.", "A", "2016-03-07")
    b = make_document("Jets bombed Idlib.", "B", "2016-03-07")
    c = make_document("Jets bombed Idlib again, a fortnight later.", "C", "2016-03-21")
    incidents = fuse([(a, make_event(a, type="shelling")), (b, make_event(b)),
                      (c, make_event(c, day="2016-03-21"))])
    assert len(incidents) == 3


def test_month_precision_report_joins_precise_incident_in_same_province():
    a = make_document("Jets bombed Idlib on 5 March.", "A", "2016-03-06")
    b = make_document("In March, jets bombed Idlib province.", "B", "2016-04-02")
    incidents = fuse([
        (a, make_event(a, day="2016-03-05", actors=[GOV])),
        (b, make_event(b, day="2016-03-01", end="2016-03-31", precision="month", place="Idlib",
                       place_precision="admin1", actors=[GOV])),
    ])
    assert len(incidents) == 1
    incident = next(iter(incidents))
    assert incident.start == incident.end == date(2016, 3, 5)


def test_different_perpetrators_far_apart_in_time_do_not_fuse():
    a = make_document("Syrian jets bombed Idlib on the 5th.", "A", "2016-03-06")
    b = make_document("Russian jets bombed Idlib during the week.", "B", "2016-03-08")
    incidents = fuse([
        (a, make_event(a, day="2016-03-05", actors=[GOV])),
        (b, make_event(b, day="2016-03-02", end="2016-03-08", precision="week", actors=[RUS])),
    ])
    assert len(incidents) == 2


def test_events_of_one_document_fuse_only_when_day_and_place_agree():
    a = make_document("Jets hit Idlib on Monday, medics said. The ministry denied any raid on Idlib.", "A",
                      "2016-03-07")
    told_twice = fuse([(a, make_event(a, 0, actors=[GOV])), (a, make_event(a, 1))])
    assert len(told_twice) == 1 and next(iter(told_twice)).independent_sources == 1
    b = make_document("Jets hit Idlib on Monday and Aleppo on Tuesday.", "B", "2016-03-08")
    apart = fuse([(b, make_event(b, 0, place="Idlib", day="2016-03-07")),
                  (b, make_event(b, 1, place="Aleppo", day="2016-03-08"))])
    assert len(apart) == 2
    c = make_document("Jets hit Idlib on Monday and again on Tuesday.", "C", "2016-03-08")
    days = fuse([(c, make_event(c, 0, day="2016-03-07")), (c, make_event(c, 1, day="2016-03-08"))])
    assert len(days) == 2


def test_every_mention_keeps_document_event_and_evidence():
    incident = next(iter(fuse(_strike_three_outlets())))
    for mention in incident.mentions:
        assert mention.event.evidence and mention.document.text.startswith(mention.event.evidence[0].text)
    data = incident.as_dict()
    assert len(data["mentions"]) == 3 and data["mentions"][0]["document"]["source"]


def test_one_document_placing_the_act_in_the_country_and_in_a_town_is_one_act():
    a = make_document("Syrian jets bombed a market, rescuers said. The ministry denied any raid on Idlib.", "A",
                      "2016-03-07")
    country_level = make_event(a, 0, actors=[GOV])
    from trucewatch.records import Location
    country_level.location = Location(text="Syria", name="Syria", country="SYR", precision="country",
                                      lat=35.0, lon=38.0)
    incidents = fuse([(a, country_level), (a, make_event(a, 1))])
    assert len(incidents) == 1 and next(iter(incidents)).location.name == "Idlib"


def test_a_clinic_dated_to_the_month_does_not_absorb_a_shelled_army_post():
    """Different kinds of target (protected vs combatant) keep loosely dated reports apart."""
    from trucewatch.records import ActorRef

    a = make_document("Doctors said a clinic in Idlib was shelled earlier this month.", "A", "2016-03-20")
    b = make_document("Rebels shelled an army post in Idlib on Thursday.", "B", "2016-03-18")
    clinic = make_event(a, type="shelling", day="2016-03-01", end="2016-03-19", precision="month")
    clinic = clinic.model_copy(update={"targets": [ActorRef(text="a clinic", sector="MED", protected=True)]})
    post = make_event(b, type="shelling", day="2016-03-17", actors=[FSA])
    post = post.model_copy(update={"targets": [ActorRef(text="an army post", name="Syria", country="SYR",
                                                        sector="MIL", protected=False)]})
    assert len(list(fuse([(a, clinic), (b, post)]))) == 2


def test_one_act_told_as_a_market_and_as_a_military_site_still_fuses():
    """Same day, same town: a disputed target is a dispute about one act, not two acts."""
    from trucewatch.records import ActorRef

    a = make_document("Jets hit the market in Idlib on Monday, rescuers said.", "A", "2016-03-08")
    b = make_document("The ministry said its jets hit a militant base in Idlib on Monday.", "B", "2016-03-08")
    market = make_event(a, day="2016-03-07").model_copy(update={"targets": [
        ActorRef(text="the market", sector="CVL", protected=True)]})
    base = make_event(b, day="2016-03-07").model_copy(update={"targets": [
        ActorRef(text="a militant base", sector="REB", protected=False)]})
    assert len(list(fuse([(a, market), (b, base)]))) == 1


def test_outlet_without_a_source_is_the_file_name_not_its_path():
    from trucewatch.incidents.model import Mention
    from trucewatch.records import Document

    doc = Document.from_text("Jets struck Idlib.", ref="/srv/reports/2016-03-08_wire_idlib.txt")
    assert Mention(doc, make_event(make_document("x", "A", "2016-03-08"))).outlet == "2016-03-08_wire_idlib.txt"
    url = Document.from_text("Jets struck Idlib.", ref="https://example.org/a/b")
    assert Mention(url, make_event(make_document("y", "A", "2016-03-08"))).outlet == "https://example.org/a/b"
