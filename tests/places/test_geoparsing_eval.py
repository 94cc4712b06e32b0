"""The geoparsing and event-location scorers, on small files we write ourselves."""
import json

from trucewatch.evaluate.geoparsing import evaluate_event_location, evaluate_geoparsing, read_articles

LGL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>Shells hit Idlib and Paris overnight.</text>
<toponyms>
 <toponym><start>11</start><end>16</end><phrase>Idlib</phrase>
  <gaztag geonameid="169389"><lat>35.93</lat><lon>36.63</lon></gaztag></toponym>
 <toponym><start>21</start><end>26</end><phrase>Paris</phrase>
  <gaztag geonameid="4717560"><lat>33.66</lat><lon>-95.55</lon></gaztag></toponym>
 <toponym><start>0</start><end>6</end><phrase>Shells</phrase></toponym>
</toponyms></article></articles>"""

GWN_STYLE = """<?xml version="1.0" ?><articles><article file="0"><text>A rally in Homs.</text><toponyms>
<toponym><extractedName>Homs</extractedName><nonLocational>No</nonLocational><start>11</start><end>15</end>
<geonamesID>169577</geonamesID><latitude>34.72</latitude><longitude>36.72</longitude></toponym>
</toponyms></article></articles>"""


def test_reader_keeps_only_located_toponyms(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_STYLE)
    article = next(read_articles(path))
    assert [t.text for t in article.toponyms] == ["Idlib", "Paris"]


def test_gold_mode_scores_accuracy_and_median(tmp_path):
    lgl, gwn = tmp_path / "lgl.xml", tmp_path / "gwn.xml"
    lgl.write_text(LGL_STYLE)
    gwn.write_text(GWN_STYLE)
    result = evaluate_geoparsing([lgl, gwn], mode="gold")
    assert result["n"] == 3
    # Idlib and Homs right; "Paris" without Texas context goes to France: a miss.
    assert result["acc@161km"] == round(100 * 2 / 3, 1)
    assert result["misses"][0]["text"] == "Paris"
    assert result["median_km"] < 161


def test_coverage_figure_counts_only_toponyms_the_gazetteer_holds(tmp_path):
    """A gold toponym whose GeoNames id is not in the gazetteer (a street, say) cannot be right;
    acc_in_gazetteer judges the ranking on the others."""
    street = GWN_STYLE.replace("169577", "999999999")
    lgl, gwn = tmp_path / "lgl.xml", tmp_path / "gwn.xml"
    lgl.write_text(LGL_STYLE)
    gwn.write_text(street)
    result = evaluate_geoparsing([lgl, gwn], mode="gold")
    assert result["n"] == 3 and result["in_gazetteer"] == 2
    assert result["acc_in_gazetteer"] == 50.0  # Idlib right, Paris (Texas) wrong; Homs not counted


def test_e2e_mode_runs_recognition(tmp_path):
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(GWN_STYLE)
    result = evaluate_geoparsing([gwn], mode="e2e")
    assert result["n"] == 1 and result["acc@161km"] == 100.0


def test_event_location_scorer(tmp_path):
    text = "Jets struck Idlib on Sunday, officials in Damascus said."
    rows = [{"text": text, "spans": [{"start": 5, "end": 11, "label": "VERB"},
                                     {"start": 12, "end": 17, "label": "LOCATION"}]},
            {"text": "Two men were killed.", "spans": [{"start": 13, "end": 19, "label": "VERB"}]}]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    result = evaluate_event_location(path)
    assert result["n"] == 1 and result["accuracy"] == 100.0
    assert result["no_place_abstained"] == 100.0


def test_event_location_reader_takes_offsets_from_tokens_when_the_characters_are_token_indices(tmp_path):
    # some rows of the published file give token indices as character offsets; the span's own
    # text and its tokens say where it really is
    from trucewatch.evaluate.geoparsing import read_event_locations

    text = "Gunmen shot two guards in suburban Kigali on Monday."
    words = text.rstrip(".").split(" ") + ["."]
    tokens, at = [], 0
    for i, word in enumerate(words):
        at = text.index(word, at)
        tokens.append({"text": word, "start": at, "end": at + len(word), "id": i})
        at += len(word)
    row = {"text": text, "tokens": tokens, "answer": "accept",
           "spans": [{"start": 7, "end": 11, "token_start": 1, "token_end": 1, "label": "VERB", "text": "shot"},
                     {"start": 6, "end": 6, "token_start": 6, "token_end": 6, "label": "LOCATION",
                      "text": "Kigali"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row))
    (item,) = read_event_locations(path)
    assert text[item["location"]["start"]:item["location"]["end"]] == "Kigali"
    assert text[item["verb"]["start"]:item["verb"]["end"]] == "shot"


def test_geoparsing_reader_moves_offsets_that_are_one_character_off_onto_the_name(tmp_path):
    text = "Flooding closed roads in Etobicoke on Monday."
    path = tmp_path / "gold.xml"
    path.write_text(f"<articles><article docid='1'><text>{text}</text><toponyms><toponym><start>26</start>"
                    "<end>35</end><phrase>Etobicoke</phrase><gaztag><lat>43.6</lat><lon>-79.5</lon></gaztag>"
                    "</toponym></toponyms></article></articles>")
    (toponym,) = next(read_articles(path)).toponyms
    assert text[toponym.start:toponym.end] == "Etobicoke"


from xml.sax.saxutils import escape

from hypothesis import given, settings, strategies as st


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="abcdefghij ", min_size=1, max_size=12),
                          st.floats(-89, 89), st.floats(-179, 179)), min_size=1, max_size=5))
def test_reader_round_trips_any_offsets_and_coordinates(tmp_path_factory, toponyms):
    text = " ".join(name for name, _, _ in toponyms)
    parts, offset = [], 0
    for name, lat, lon in toponyms:
        parts.append(f"<toponym><start>{offset}</start><end>{offset + len(name)}</end>"
                     f"<phrase>{escape(name)}</phrase><gaztag><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>")
        offset += len(name) + 1
    path = tmp_path_factory.mktemp("xml") / "gold.xml"
    path.write_text(f"<articles><article docid='1'><text>{escape(text)}</text><toponyms>{''.join(parts)}"
                    "</toponyms></article></articles>")
    article = next(read_articles(path))
    assert [(t.lat, t.lon) for t in article.toponyms] == [(lat, lon) for _, lat, lon in toponyms]
    assert all(article.text[t.start:t.end] == name for t, (name, _, _) in zip(article.toponyms, toponyms))


def test_halves_split_items_alternately_and_cover_everything():
    import pytest

    from trucewatch.evaluate.geoparsing import halve

    items = list(range(7))
    assert halve(items, 0) == [0, 2, 4, 6] and halve(items, 1) == [1, 3, 5]
    assert sorted(halve(items, 0) + halve(items, 1)) == items
    assert halve(items, None) == items
    with pytest.raises(ValueError):
        halve(items, 2)


def _toponym(text, name, geonameid, lat, lon):
    start = text.index(name)
    return (f"<toponym><start>{start}</start><end>{start + len(name)}</end><phrase>{name}</phrase>"
            f'<gaztag geonameid="{geonameid}"><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>')


def test_gold_mode_reads_a_town_and_its_big_town_but_not_a_list(tmp_path):
    """"Matani, Peshawar" keeps Matani in Pakistan (or unknown), never in Georgia; in the list
    "Moscow, Kiev and Riga" no name restricts another, as the extractor reads it."""
    text = "Shops burned in Matani, Peshawar. Flights to Moscow, Kiev and Riga resume."
    toponyms = "".join([_toponym(text, "Matani", "1", 34.0, 71.6), _toponym(text, "Peshawar", "1168197", 34.0, 71.57),
                        _toponym(text, "Moscow", "524901", 55.75, 37.62), _toponym(text, "Kiev", "703448", 50.43, 30.52)])
    path = tmp_path / "lgl.xml"
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?><articles><article docid="1"><text>{text}</text>'
                    f"<toponyms>{toponyms}</toponyms></article></articles>")
    result = evaluate_geoparsing([path], mode="gold")
    missed = {miss["text"]: miss["got"] for miss in result["misses"]}
    assert set(missed) <= {"Matani"}  # Peshawar, Moscow and Kiev right
    assert missed.get("Matani") is None  # unknown rather than the Georgian village
