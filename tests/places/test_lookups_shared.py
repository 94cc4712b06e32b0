"""Lookups made once and shared, for speed (issue 11, speed): the answers must be those of the
lookups they replace. Most tests here are guards (they passed before the sharing); the new
switches (`nearest_town`, `remember_text`) are tested for what they do."""
from trucewatch.extract.where import PlaceMention, to_location
from trucewatch.nlp import get_nlp, remember_text, text_of
from trucewatch.places import admin_of, get_gazetteer, resolve


def test_names_written_alike_share_one_answer_whatever_the_case_or_the_fuzziness_asked():
    gazetteer = get_gazetteer()
    plain = gazetteer.candidates("Aleppo", None, False)
    assert plain and plain[0].name == "Aleppo"
    assert [p.id for p in gazetteer.candidates("ALEPPO", None, True)] == [p.id for p in plain]


def test_a_misspelling_still_reaches_its_town_when_near_misses_are_allowed():
    gazetteer = get_gazetteer()
    assert gazetteer.candidates("Maidugurit", None, False) == ()
    assert gazetteer.candidates("Maidugurit", None, True)[0].name == "Maiduguri"


def test_a_country_filter_applies_to_the_shared_answer():
    gazetteer = get_gazetteer()
    syrian = gazetteer.candidates("Aleppo", "SY", False)
    assert syrian and all(p.country == "SY" for p in syrian)
    assert gazetteer.candidates("Aleppo", "NZ", False) == ()


def test_without_the_nearest_town_a_point_outside_the_admin_polygons_has_no_admin_names():
    assert admin_of(48.85341, 2.3488, nearest_town=False).admin1 is None
    assert admin_of(48.85341, 2.3488).admin1 is not None  # the nearest town's


def test_a_located_place_outside_the_polygons_keeps_its_own_admin_names():
    paris = resolve("Paris", context={"countries": ("FR",)})
    location = to_location(PlaceMention("Paris", 0, 5, "GPE", paris))
    assert location.country == "FRA"
    assert location.admin1 == paris.admin1 == admin_of(round(paris.lat, 5), round(paris.lon, 5)).admin1


def test_a_remembered_text_must_be_the_one_the_document_was_parsed_from():
    doc = get_nlp()("Jets struck the town on Monday.")
    remember_text(doc, "Some other report altogether.")
    assert text_of(doc) == "Jets struck the town on Monday."
    other = get_nlp()("Shelling hit the market.")
    remember_text(other, "Shelling hit the market.")
    assert other.user_data["trucewatch_text"] == "Shelling hit the market."
