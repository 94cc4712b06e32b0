"""TimeML `.tml` files (TempEval-3 style): each DATE TIMEX3 resolved against the document's DCT.

Not an extraction run: every TIMEX3 of type DATE in <TEXT> goes to the time resolver in its
document (`trucewatch.extract.when.resolve_at`): the tense of its clause and the anchor of
relative expressions ("the day before") are read from the text around it, as extraction reads
them. A path may be a `.tml` file or a folder of them.

Our interval becomes a TIMEX3 value at the granularity the expression names (TimeML's own
convention): a season word gives the season of the interval (2016-SP; winter named by the year
of its January), "quarter" and "half" give 2016-Q1 / 2016-H2, a decade 199; otherwise the
interval's shape decides: a century 19, one day 2016-03-08, a week-precision interval the ISO week of its
middle day, one month 2016-03, one year 2016, the first / middle / last part of a month or year
(as time.yaml cuts them) the month or year with mod START / MID / END; any other span is an ISO
interval 2016-03-15/2016-03-16 (our extension of TimeML for spans such as "on Tuesday and
Wednesday", which TimeML splits into two TIMEX3s or leaves to a DURATION). A gold mod of START,
MID or END must be matched; other mods (APPROX, BEFORE ...) are ignored. Gold values with no
calendar reading (PRESENT_REF, XXXX-XX-XX) are counted but not scored.

When the `dateparser` package is installed (the test extra), the same items are also given to
it as NGEC does (relative to the DCT, preferring past dates) for a baseline figure.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.gold import GoldItem, open_text
from trucewatch.evaluate.metrics import Accuracy, Score
from trucewatch.records import When

DAY = r"\d{4}-\d{2}-\d{2}"
CALENDAR_VALUE = re.compile(rf"^(\d{{4}}(-\d{{2}}(-\d{{2}})?|-W\d{{2}}|-(SP|SU|FA|WI)|-Q[1-4]|-H[12])?|\d{{2,3}}|{DAY}/{DAY})$")
PART_MODS = ("START", "MID", "END")
SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z\"'(\[])|\n\s*\n")
FUTURE = re.compile(r"\b(will|shall|won't|'ll|is to|are to|plans? to|going to|next)\b", re.I)
PAST = re.compile(r"\b(was|were|had|did|said|\w+ed)\b", re.I)


def sentence_tense(sentence: str) -> str | None:
    """A rough tense of a sentence from its auxiliaries (kept for callers without the document)."""
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
    """DATE TIMEX3s of one .tml file, or of every .tml file in a folder (in name order)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.tml"))
        if not files:
            raise InputError(str(path), "holds no .tml file")
        for file in files:
            yield from _read_file(file)
        return
    yield from _read_file(path)


def _read_file(path: Path) -> Iterator[GoldItem]:
    try:
        root = ET.fromstring(open_text(path).encode("utf-8"))
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
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        start, end = start + lead, start + lead + len(raw.strip())
        sentence = sentence_around(text, start, end)
        yield GoldItem(id=f"{Path(path).name}#{tid}", text=text[start:end], published=published,
                       gold={"value": attributes.get("value", ""), "mod": attributes.get("mod"),
                             "sentence": sentence, "tense": sentence_tense(sentence),
                             "document": text, "start": start, "end": end},
                       source=f"{path}#{tid}")


# ---------------------------------------------------------------- our interval as a TIMEX3 value

def _whole_month(when: When) -> bool:
    following = when.end + timedelta(days=1)
    return when.start.day == 1 and following.day == 1 and (when.start.year, when.start.month) == \
        (when.end.year, when.end.month)


def _months(when: When) -> tuple[int, int] | None:
    """(first, last) month of an interval made of whole months of one year, else None."""
    if when.start.day != 1 or (when.end + timedelta(days=1)).day != 1 or when.start.year != when.end.year:
        return None
    return when.start.month, when.end.month


def _season(when: When) -> str | None:
    from trucewatch.extract.when import season_of

    found = season_of(when.start)
    if found is None:
        return None
    name, year = found
    return f"{year:04d}-{SEASON_CODES.get(name, name[:2].upper())}"


def _part_mod(first: int, last: int, bounds: dict, top: int) -> str | None:
    """START / MID / END when [first, last] is exactly one part of the month or year."""
    for mod, key in zip(PART_MODS, ("early", "mid", "late")):
        low, high = bounds[key]
        if first == low and last == min(high, top):
            return mod
    return None


def timex_value(when: When | None, expression: str = "") -> tuple[str, str | None] | None:
    """Our interval as a TIMEX3 (value, mod), at the granularity the expression names."""
    if when is None or when.precision == "unknown":
        return None
    from trucewatch.extract.when import part_bounds

    words = expression.lower()
    start, end = when.start, when.end
    if any(word in words for word in SEASON_CODES):
        season = _season(when)
        if season:
            return season, None
    months = _months(when)
    if "quarter" in words and months and months[0] % 3 == 1 and months[1] - months[0] == 2:
        return f"{start.year:04d}-Q{(months[0] + 2) // 3}", None
    if "half" in words and months in ((1, 6), (7, 12)):
        return f"{start.year:04d}-H{1 if months[0] == 1 else 2}", None
    if start == end and when.precision == "day":
        return start.isoformat(), None
    if when.precision == "week":
        middle = start + (end - start) / 2
        year, week, _ = middle.isocalendar()
        return f"{year:04d}-W{week:02d}", None
    if start.year == end.year and start.month == end.month and when.precision in ("month", "days"):
        if _whole_month(when) or when.precision == "month":
            return start.strftime("%Y-%m"), None
        days, _ = part_bounds()
        mod = _part_mod(start.day, end.day, days, _month_last_day(start))
        if mod:
            return start.strftime("%Y-%m"), mod
    if months == (1, 12):
        return f"{start.year:04d}", None
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        if start.year % 10 == 0 and end.year == start.year + 9:
            return f"{start.year // 10:03d}", None
        if start.year % 100 == 0 and end.year == start.year + 99:
            return f"{start.year // 100:02d}", None
    if months:
        _, year_parts = part_bounds()
        mod = _part_mod(months[0], months[1], year_parts, 12)
        if mod:
            return f"{start.year:04d}", mod
    if start.year == end.year and when.precision == "year":
        return f"{start.year:04d}", None
    return f"{start.isoformat()}/{end.isoformat()}", None


def _month_last_day(day: date) -> int:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def granularity(value: str) -> str:
    if "/" in value:
        return "interval"
    if "-W" in value:
        return "week"
    if re.search(r"-(SP|SU|FA|WI)$", value):
        return "season"
    if re.search(r"-[QH]\d$", value):
        return "quarter or half"
    return {3: "decade", 4: "year", 7: "month", 10: "day"}.get(len(value), "other")


# ---------------------------------------------------------------- predictions

def predict(item: GoldItem) -> When | None:
    """The resolver's reading of one expression in its document (tense and anchor from context)."""
    from trucewatch.extract.when import resolve_at

    gold = item.gold
    return resolve_at(gold["document"], gold["start"], gold["end"], item.published)


def dateparser_value(item: GoldItem) -> tuple[str, str | None] | None:
    """The baseline: dateparser on the expression alone, relative to the DCT, past preferred."""
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime.combine(item.published, datetime.min.time()),
                "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(item.text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return f"{found.year:04d}", None
    if period == "month":
        return found.strftime("%Y-%m"), None
    if period == "week":
        year, week, _ = found.isocalendar()
        return f"{year:04d}-W{week:02d}", None
    return found.isoformat(), None


def _baseline_available() -> bool:
    try:
        import dateparser  # noqa: F401
    except ImportError:
        return False
    return True


def same_value(gold_value: str, gold_mod: str | None, ours: tuple[str, str | None] | None) -> bool:
    if ours is None or ours[0] != gold_value:
        return False
    wanted = gold_mod if gold_mod in PART_MODS else None
    return ours[1] == wanted


class Scorer:
    def __init__(self) -> None:
        self.value, self.resolved, self.granularity = Accuracy(), Accuracy(), Accuracy()
        self.baseline = Accuracy() if _baseline_available() else None
        self.unscored = 0

    def add(self, item: GoldItem, when: When | None) -> list[dict]:
        gold, mod = item.gold["value"], item.gold.get("mod")
        if not CALENDAR_VALUE.match(gold):
            self.unscored += 1
            return []
        ours = timex_value(when, item.text)
        self.resolved.add(when is not None)
        self.granularity.add(ours is not None and granularity(ours[0]) == granularity(gold))
        if self.baseline is not None:
            try:
                theirs = dateparser_value(item)
            except Exception:  # noqa: BLE001 - a baseline's crash is its miss, not ours
                theirs = None
            self.baseline.add(same_value(gold, mod, theirs))
        if self.value.add(same_value(gold, mod, ours)):
            return []
        shown = None if ours is None else ours[0] + (f" ({ours[1]})" if ours[1] else "")
        return [{"field": "value", "gold": gold + (f" ({mod})" if mod in PART_MODS else ""),
                 "predicted": shown, "expression": item.text, "sentence": item.gold["sentence"],
                 "published": item.published.isoformat()}]

    def scores(self) -> list[Score]:
        rows = [
            self.value.score("DATE value accuracy", "calendar values only"),
            self.granularity.score("granularity accuracy"),
            self.resolved.score("resolved share"),
            Score("DATE values not scored", None, self.unscored, "PRESENT_REF, XXXX ..."),
        ]
        if self.baseline is not None:
            rows.append(self.baseline.score("dateparser baseline DATE value accuracy",
                                            "NGEC-style: DCT as base, past preferred"))
        return rows
