"""The gazetteer index reads its county words and curated feature codes from data/index_words.yaml;
the file is part of the index fingerprint, so editing it rebuilds the index."""
import shutil

from trucewatch.places import index
from trucewatch.places.disambiguate import KIND_SUFFIX, PART_PREFIX
from trucewatch.places.names import name_key


def test_county_stem_drops_the_county_word_only_as_a_whole_last_word():
    assert index.county_stem("Gwinnett County") == "Gwinnett"
    assert index.county_stem("Orleans Parish") == "Orleans"
    assert index.county_stem("Countyville") is None
    assert index.county_stem("Ab County") is None  # too short a stem


def test_curated_places_get_codes_from_their_precision_unless_they_give_one():
    assert index._curated_codes({"precision": "neighbourhood"}) == ("PPLX", "P")
    assert index._curated_codes({"precision": "admin1"}) == ("ADM1", "A")
    assert index._curated_codes({"precision": "something else"}) == ("CUR", "S")
    assert index._curated_codes({"precision": "region", "fcode": "SEA"}) == ("SEA", "H")


def test_editing_index_words_changes_the_fingerprint(tmp_path):
    for name in index.DATA_FILES:
        shutil.copy(index.DATA_DIR / name, tmp_path / name)
    before = index.data_fingerprint(tmp_path)
    with open(tmp_path / "index_words.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert index.data_fingerprint(tmp_path) != before


def test_name_keys_drop_the_listed_articles():
    assert name_key("Deir ez-Zor") == name_key("Deir Zor")


def test_part_and_kind_patterns_read_their_word_lists():
    assert PART_PREFIX.match("north-eastern Aleppo").group(2) == "Aleppo"
    assert PART_PREFIX.match("Northeastern Aleppo").group(2) == "Aleppo"
    assert PART_PREFIX.match("the outskirts of Hama").group(2) == "Hama"
    assert PART_PREFIX.match("Aleppo") is None
    assert KIND_SUFFIX.match("Idlib province").groups() == ("Idlib", "province")
    assert KIND_SUFFIX.match("Idlib") is None
