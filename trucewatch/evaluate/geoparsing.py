"""Geoparsing and event-location scorers.

`evaluate_geoparsing(paths, mode="gold"|"e2e", limit=None)` reads GeoWebNews, LGL and TR-News XML
and reports accuracy within 161 km and the median error: with the gold toponym spans as input
("gold": resolution only) or with our own recognition ("e2e": a gold toponym counts as found when a
recognised mention overlaps it). `evaluate_event_location(path, limit=None)` scores which of a
sentence's places `where.choose` picks as the event's place. `--half 0|1` scores every other
article (or sentence): rules and weights are developed on half 0 and confirmed on half 1.
"""
from __future__ import annotations

import json
import statistics
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.places.model import distance_km

ACC_KM = 161.0
MISS_KM = 20_038.0  # half the Earth's circumference: the error charged for "no answer"


@dataclass
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    geonameid: str | None = None


@dataclass
class GoldArticle:
    source: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_articles(path: str | Path) -> Iterator[GoldArticle]:
    """Articles with their located toponyms, from any of the three XML layouts."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(str(path), f"cannot read the geoparsing XML ({exc})") from None
    for number, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        found = GoldArticle(source=f"{path.name}#{article.get('docid') or article.get('file') or number}", text=text)
        for toponym in article.iter("toponym"):
            start, end = _float(toponym.findtext("start")), _float(toponym.findtext("end"))
            gaztag = toponym.find("gaztag")
            if gaztag is not None:
                lat, lon = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
                geonameid = gaztag.get("geonameid")
            else:
                lat, lon = _float(toponym.findtext("latitude")), _float(toponym.findtext("longitude"))
                geonameid = toponym.findtext("geonamesID") or None
            if None in (start, end, lat, lon) or toponym.findtext("nonLocational") == "Yes":
                continue
            start, end = int(start), int(end)
            name = (toponym.findtext("phrase") or toponym.findtext("extractedName") or text[start:end]).strip()
            start, end = _aligned(text, name, start, end)
            found.toponyms.append(GoldToponym(name, start, end, lat, lon, geonameid))
        yield found


ALIGN_SLACK = 3  # characters a published offset may be off by (TR-News: about one toponym in eleven, by one)


def _aligned(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the toponym's own name nearest the published ones, when those are slightly off."""
    if text[start:end].strip() == name or not name:
        return start, end
    for shift in sorted(range(-ALIGN_SLACK, ALIGN_SLACK + 1), key=abs):
        if start + shift >= 0 and text.startswith(name, start + shift):
            return start + shift, start + shift + len(name)
    return start, end


def _gold_mode_places(article: GoldArticle) -> list:
    """Resolve the gold spans with the article as context (country focus, "X, Y" appositions)."""
    from trucewatch.places.story import StoryName, resolve_story

    by_start = {t.start: t for t in article.toponyms}
    names = []
    for toponym in article.toponyms:
        nearby = []
        follower = by_start.get(toponym.end + 2) if article.text.startswith(", ", toponym.end) else None
        if follower is not None and not _ends_a_list(article, follower, by_start):
            nearby.append(follower.text)
        names.append(StoryName(toponym.text, tuple(nearby)))
    return resolve_story(names)


def _ends_a_list(article: GoldArticle, toponym, by_start: dict) -> bool:
    """Whether "X, Y" goes on as a list ("Butler, Clark, Hamilton or Warren counties"), as the
    extractor reads it (extract/place_names.py: a list is no "town, its area")."""
    while article.text.startswith(", ", toponym.end) and toponym.end + 2 in by_start:
        toponym = by_start[toponym.end + 2]
    return article.text.startswith((" and ", " or "), toponym.end)


def _e2e_places(article: GoldArticle, doc) -> list:
    """Our own recognition: each gold toponym gets the place of the mention overlapping it, if any."""
    from trucewatch.extract.where import story_places

    mentions = story_places(doc)
    places = []
    for toponym in article.toponyms:
        hit = next((m for m in mentions if m.start < toponym.end and toponym.start < m.end), None)
        places.append(hit.place if hit else None)
    return places


def halve(items: list, half: int | None) -> list:
    """Every other item (half 0: even positions, 1: odd), so rules are developed on one half and
    confirmed on the other; None keeps all."""
    if half is None:
        return items
    if half not in (0, 1):
        raise ValueError(f"half must be 0 or 1, not {half!r}")
    return items[half::2]


def evaluate_geoparsing(paths: Sequence[str | Path], mode: str = "gold", limit: int | None = None,
                        half: int | None = None) -> dict:
    """acc@161km, median and mean error (km) over gold toponyms; unresolved ones count as misses."""
    if mode not in ("gold", "e2e"):
        raise ValueError(f"mode must be 'gold' or 'e2e', not {mode!r}")
    articles = halve([a for path in paths for a in read_articles(path)], half)
    if limit is not None:
        articles = articles[:limit]
    errors, misses, unresolved, same_id = [], [], 0, 0
    covered, covered_right = 0, 0  # toponyms whose gold GeoNames entry our gazetteer holds
    docs = None
    if mode == "e2e":
        from trucewatch.nlp import get_nlp

        docs = get_nlp().pipe((a.text for a in articles), batch_size=16)
    for article in articles:
        places = _e2e_places(article, next(docs)) if docs is not None else _gold_mode_places(article)
        for toponym, place in zip(article.toponyms, places):
            if place is None:
                unresolved += 1
                error = MISS_KM
            else:
                error = distance_km(toponym.lat, toponym.lon, place.lat, place.lon)
            errors.append(error)
            if _in_gazetteer(toponym.geonameid):
                covered += 1
                covered_right += error <= ACC_KM or (place is not None and place.id == toponym.geonameid)
            if error > ACC_KM and place is not None and toponym.geonameid and place.id == toponym.geonameid:
                same_id += 1  # the right place, but our point for an area is not GeoNames' point
            elif error > ACC_KM:
                misses.append({"source": article.source, "text": toponym.text, "error_km": round(error),
                               "gold": [toponym.lat, toponym.lon, toponym.geonameid],
                               "got": None if place is None else [place.name, place.country, place.lat, place.lon]})
    n = len(errors)
    within = sum(e <= ACC_KM for e in errors)
    return {
        "n": n,
        "articles": len(articles),
        "acc@161km": round(100.0 * within / n, 1) if n else None,
        "median_km": round(statistics.median(errors), 1) if n else None,
        "mean_km": round(statistics.fmean(errors), 1) if n else None,
        "acc@161km_or_same_geonameid": round(100.0 * (within + same_id) / n, 1) if n else None,
        "unresolved": unresolved,
        # Ranking apart from coverage: of the toponyms whose gold entry the gazetteer holds, how
        # often we chose that entry (or a point within 161 km). The rest cannot be right with
        # GeoNames cities500 (streets, venues, landmarks) and is a data limit, not a ranking one.
        "in_gazetteer": covered,
        "acc_in_gazetteer": round(100.0 * covered_right / covered, 1) if covered else None,
        # Of the answers given, how many were right: a wrong place is worse than "unknown".
        "precision@161km": round(100.0 * within / (n - unresolved), 1) if n > unresolved else None,
        "misses": misses,
    }


def _in_gazetteer(geonameid: str | None) -> bool:
    """Whether our gazetteer holds the gold's GeoNames entry, so that a miss is one of ranking."""
    from trucewatch.places.gazetteer import get_gazetteer

    return bool(geonameid) and get_gazetteer().get(geonameid) is not None


# --- event location -------------------------------------------------------------------------

def read_event_locations(path: str | Path) -> list[dict]:
    """Sentences with one VERB span and (maybe) the LOCATION span where that event happened."""
    path = Path(path)
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                member = next(n for n in archive.namelist() if n.endswith(".jsonl") and "__MACOSX" not in n)
                raw = archive.read(member).decode("utf-8")
        else:
            raw = path.read_text(encoding="utf-8")
    except (OSError, StopIteration, zipfile.BadZipFile) as exc:
        raise InputError(str(path), f"cannot read the event-location file ({exc})") from None
    raw = raw.strip()
    rows = json.loads(raw) if raw.startswith("[") else [json.loads(line) for line in raw.splitlines() if line.strip()]
    items = []
    for row in rows:
        spans = [_true_offsets(row, span) for span in row.get("spans", [])]
        verbs = [s for s in spans if s.get("label") == "VERB"]
        places = [s for s in spans if s.get("label") == "LOCATION" and s["end"] > s["start"]]
        if len(verbs) != 1 or row.get("answer", "accept") != "accept":
            continue
        items.append({"text": row["text"], "verb": verbs[0], "location": places[0] if places else None})
    return items


def _true_offsets(row: dict, span: dict) -> dict:
    """The span with character offsets that give its text. About one LOCATION span in six in the
    published file carries token indices where character offsets belong ("Port-au-Prince" at
    characters 20-24 is tokens 20-24); its tokens give the true offsets."""
    text = row["text"]
    written = span.get("text")
    if written is None or text[span["start"]:span["end"]] == written:
        return span
    tokens = row.get("tokens") or []
    first, last = span.get("token_start"), span.get("token_end")
    if isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < len(tokens):
        start, end = tokens[first]["start"], tokens[last]["end"]
        if text[start:end] == written:
            return {**span, "start": start, "end": end}
    if text.count(written) == 1:
        start = text.index(written)
        return {**span, "start": start, "end": start + len(written)}
    return span


def evaluate_event_location(path: str | Path, limit: int | None = None, half: int | None = None) -> dict:
    """How often the chosen place is the gold one (span overlap), over sentences with a gold place;
    plus how often a sentence without a gold place gets none."""
    from trucewatch.extract.where import choose, story_places
    from trucewatch.nlp import get_nlp

    items = halve(read_event_locations(path), half)
    if limit is not None:
        items = items[:limit]
    nlp = get_nlp()
    with_place = correct = no_place = abstained = recognised = 0
    misses = []
    for item, doc in zip(items, nlp.pipe((i["text"] for i in items), batch_size=64)):
        verb = item["verb"]
        span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
        if span is None:
            continue
        trigger = span.root
        mentions = story_places(doc)
        chosen = choose(doc, trigger.sent, trigger, mentions)
        gold = item["location"]
        if gold is None:
            no_place += 1
            abstained += chosen is None
            continue
        with_place += 1
        recognised += any(m.start < gold["end"] and gold["start"] < m.end for m in mentions)
        if chosen is not None and chosen.start < gold["end"] and gold["start"] < chosen.end:
            correct += 1
        else:
            misses.append({"text": item["text"], "gold": item["text"][gold["start"]:gold["end"]],
                           "got": chosen.text if chosen else None})
    return {
        "n": with_place,
        "accuracy": round(100.0 * correct / with_place, 1) if with_place else None,
        "gold_place_recognised": round(100.0 * recognised / with_place, 1) if with_place else None,
        "accuracy_when_recognised": round(100.0 * correct / recognised, 1) if recognised else None,
        "no_place_sentences": no_place,
        "no_place_abstained": round(100.0 * abstained / no_place, 1) if no_place else None,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> None:
    """`python -m trucewatch.evaluate.geoparsing FILE... [--mode gold|e2e] [--limit N]`; a .zip or
    .jsonl file is scored as event-location gold. Prints one JSON line per file (misses left out)."""
    import argparse

    parser = argparse.ArgumentParser(description="Score geoparsing or event-location gold files.")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--mode", choices=("gold", "e2e"), default="gold")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--half", type=int, choices=(0, 1), default=None,
                        help="score only even (0) or odd (1) items: develop on one, confirm on the other")
    args = parser.parse_args(argv)
    for path in args.paths:
        if path.endswith((".zip", ".jsonl")):
            result = evaluate_event_location(path, limit=args.limit, half=args.half)
        else:
            result = evaluate_geoparsing([path], mode=args.mode, limit=args.limit, half=args.half)
        result.pop("misses", None)
        print(json.dumps({"file": Path(path).name, "mode": args.mode, "half": args.half, **result}))


if __name__ == "__main__":
    main()
