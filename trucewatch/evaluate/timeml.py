"""TimeML `.tml` files (TempEval-3): each DATE TIMEX3 resolved against the document's DCT.

Not an extraction run: every TIMEX3 of type DATE in <TEXT> goes to the time resolver
(`trucewatch.extract.when.resolve(expression, published, tense=...)`) with the tense of its
sentence read from its auxiliaries ("will", "'ll", "is to" -> future; a past form -> past).
Our interval becomes a TIMEX value by its precision (day 2015-08-11, week 2015-W33, month
2015-08, year 2015) and is compared with the gold value. Gold values with no calendar reading
(PRESENT_REF, XXXX-XX-XX, seasons, quarters) are counted but not scored.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.gold import GoldItem, open_text
from trucewatch.evaluate.metrics import Accuracy, Score
from trucewatch.records import When

CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z\"'(\[])|\n\s*\n")
FUTURE = re.compile(r"\b(will|shall|won't|'ll|is to|are to|plans? to|going to|next)\b", re.I)
PAST = re.compile(r"\b(was|were|had|did|said|\w+ed)\b", re.I)


def sentence_tense(sentence: str) -> str | None:
    if FUTURE.search(sentence):
        return "future"
    if PAST.search(sentence):
        return "past"
    return "present"


def _flatten(element: ET.Element) -> tuple[str, list[tuple[int, int, dict]]]:
    """Plain text of <TEXT> with the offsets of every TIMEX3 inside it."""
    parts: list[str] = []
    timexes: list[tuple[int, int, dict]] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "TIMEX3":
            timexes.append((start, sum(map(len, parts)), dict(node.attrib)))

    walk(element)
    return "".join(parts), timexes


def sentence_around(text: str, start: int, end: int) -> str:
    bounds = [0] + [match.end() for match in SENTENCE_END.finditer(text)] + [len(text)]
    begin = max(b for b in bounds if b <= start)
    finish = min((b for b in bounds if b >= end), default=len(text))
    return text[begin:finish].strip()


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    try:
        root = ET.fromstring(open_text(path))
    except ET.ParseError as exc:
        raise InputError(str(path), f"is not well-formed TimeML XML ({exc})") from None
    dct = root.find(".//DCT/TIMEX3")
    body = root.find(".//TEXT")
    if dct is None or not dct.get("value"):
        raise InputError(str(path), "has no <DCT> with a TIMEX3 value (the document creation time)")
    if body is None:
        raise InputError(str(path), "has no <TEXT> element")
    try:
        published = date.fromisoformat(dct.get("value", "")[:10])
    except ValueError:
        raise InputError(str(path), f"its DCT value {dct.get('value')!r} is not a date") from None
    text, timexes = _flatten(body)
    for start, end, attributes in timexes:
        if attributes.get("type") != "DATE":
            continue
        tid = attributes.get("tid", f"{start}")
        expression = text[start:end].strip()
        sentence = sentence_around(text, start, end)
        yield GoldItem(id=f"{Path(path).name}#{tid}", text=expression, published=published,
                       gold={"value": attributes.get("value", ""), "sentence": sentence,
                             "tense": sentence_tense(sentence)},
                       source=f"{path}#{tid}")


def timex_value(when: When | None) -> str | None:
    """Our interval in TIMEX3 value notation, by its precision."""
    if when is None:
        return None
    if when.precision == "day" and when.start == when.end:
        return when.start.isoformat()
    if when.precision == "week":
        year, week, _ = when.start.isocalendar()
        return f"{year}-W{week:02d}"
    if when.precision == "month":
        return when.start.strftime("%Y-%m")
    if when.precision == "year":
        return f"{when.start.year:04d}"
    if when.precision == "days":
        return f"{when.start.isoformat()}/{when.end.isoformat()}"
    return None


def predict(item: GoldItem) -> When | None:
    """The resolver's reading of one expression, with its sentence's tense."""
    from trucewatch.extract.when import resolve

    try:
        return resolve(item.text, item.published, tense=item.gold["tense"])
    except TypeError:  # a resolver without the tense keyword
        return resolve(item.text, item.published)


def granularity(value: str) -> str:
    if "-W" in value:
        return "week"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "other")


class Scorer:
    def __init__(self) -> None:
        self.value, self.resolved, self.granularity = Accuracy(), Accuracy(), Accuracy()
        self.unscored = 0

    def add(self, item: GoldItem, when: When | None) -> list[dict]:
        gold = item.gold["value"]
        if not CALENDAR_VALUE.match(gold):
            self.unscored += 1
            return []
        ours = timex_value(when)
        self.resolved.add(when is not None)
        self.granularity.add(ours is not None and granularity(ours) == granularity(gold))
        if self.value.add(ours == gold):
            return []
        return [{"field": "value", "gold": gold, "predicted": ours, "expression": item.text,
                 "tense": item.gold["tense"], "published": item.published.isoformat()}]

    def scores(self) -> list[Score]:
        return [
            self.value.score("DATE value accuracy", "calendar values only"),
            self.granularity.score("granularity accuracy"),
            self.resolved.score("resolved share"),
            Score("DATE values not scored", None, self.unscored, "PRESENT_REF, XXXX, seasons..."),
        ]
