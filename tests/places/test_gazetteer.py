"""Lookup and disambiguation against the real gazetteer index."""
import time

from trucewatch.places import PlaceContext, resolve, search
from trucewatch.places.index import data_fingerprint, ensure_index, stored_fingerprint


def test_variants_of_deir_ez_zor_resolve_to_one_place(gazetteer):
    ids = {resolve(name).id for name in ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "دير الزور")}
    assert len(ids) == 1
    assert resolve("Deir Ezzor").country == "SY"


def test_khan_shaykhun_equals_khan_sheikhoun(gazetteer):
    assert resolve("Khan Shaykhun").id == resolve("Khan Sheikhoun").id


def test_fuzzy_misspelling_still_finds_the_town(gazetteer):
    assert resolve("Saraqeeb").id == resolve("Saraqib").id


def test_demonyms_and_country_names_resolve_to_countries(gazetteer):
    for word, code in (("Syrian", "SY"), ("Lebanese", "LB"), ("Syria", "SY"), ("Yemeni", "YE")):
        place = resolve(word)
        assert place.country == code and place.precision == "country"


def test_two_doumas_are_told_apart_by_the_place_named_next_to_them(gazetteer):
    ghouta = resolve("Douma", context=PlaceContext(nearby=("Eastern Ghouta",)))
    lebanon = resolve("Douma", context=PlaceContext(nearby=("Lebanon",)))
    assert ghouta.country == "SY" and ghouta.admin1 == "Rif-dimashq"
    assert lebanon.country == "LB"


def test_tripoli_in_libya_and_in_lebanon(gazetteer):
    assert resolve("Tripoli").country == "LY"  # no context: the most prominent (Libya's capital)
    assert resolve("Tripoli", context=PlaceContext(nearby=("Lebanon",))).country == "LB"
    assert resolve("Tripoli", context=PlaceContext(countries=("LBN",))).country == "LB"


def test_eastern_aleppo_is_the_city_with_a_note(gazetteer):
    place = resolve("Eastern Aleppo")
    city = resolve("Aleppo")
    assert place.id == city.id and place.precision == "city"
    assert "eastern" in place.note


def test_curated_neighbourhoods_and_regions_are_found(gazetteer):
    hanano = resolve("Masaken Hanano")
    assert hanano.precision == "neighbourhood" and hanano.within == "Aleppo"
    assert "team estimate" in hanano.source
    assert resolve("Eastern Ghouta").precision == "region"
    assert resolve("Castello Road").country == "SY"


def test_unknown_names_give_none_not_a_guess(gazetteer):
    assert resolve("Qwzxv Nowhere Flats") is None
    assert resolve("") is None


def test_search_filters_by_country_and_orders_best_first(gazetteer):
    places = search("Tripoli", country="LB")
    assert places and all(p.country == "LB" for p in places)
    assert search("Aleppo")[0].fcode in ("PPLA", "PPLC")


def test_index_build_is_idempotent(gazetteer):
    path = ensure_index()
    assert stored_fingerprint(path) == data_fingerprint()
    started = time.perf_counter()
    ensure_index()
    assert time.perf_counter() - started < 1.0  # up to date: nothing rebuilt


def test_context_may_be_a_plain_dict(gazetteer):
    assert resolve("Tripoli", context={"countries": ["LB"]}).country == "LB"
