"""How many were killed or injured: counts of people as low / best / high, with their phrase.

Plain regular expressions over the text (no parser needed), compiled once from the lexicon in
`data/numbers.yaml`. A count only counts when it sits on a word for people ("12 civilians") or
stands alone next to a casualty word ("12 were killed", "killing 12 and wounding 30"), so that
trucks, buildings, days, rockets or years are never read as deaths.

Choices (documented here because users will ask):
- "some 20" / "about 20": approximate, spread 10 % either side, at least one: (18, 20, 22).
- "at least 12": (12, 12, None); "more than 100": (101, 101, None); "12 or more": (12, 12, None).
- "up to 30" / "as many as 30": only a ceiling, (None, None, 30): the text gives no floor.
- "nearly 40": (36, 39, 39): fewer than 40, but not many fewer.
- "between 10 and 15", "10 to 15", "10-15": (10, 12, 15), best the midpoint rounded down.
- Vague words come from the lexicon: "dozens" (24, 36, None), "scores" (40, 60, None),
  "hundreds" (200, 300, None), "several" (3, 5, 9), "a few" (2, 3, 9).
- "no one was hurt": injured (0, 0, 0); a negated death is a killed count of zero;
  "nobody was killed or injured" gives both a zero killed and a zero injured count.
- "12 people were killed or wounded", "killing or wounding 20": kept as "casualties".
- "killing six civilians including two women": the people after "including" are part of the
  six, so they are not added; "two children and a woman were killed": 3, coordinated groups add
  (only in a list closed by "and").
- A capitalised plural after a count is a people ("three Albanians"); so are the collective
  words in the lexicon ("three Taliban").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal


from trucewatch.datafiles import read_lexicon
from trucewatch.extract.datafiles import alternation
from trucewatch.records import Casualties

Count = tuple[int | None, int | None, int | None]
Kind = Literal["killed", "injured", "casualties"]

__all__ = ["read_count", "find_casualties", "CasualtyMention", "CasualtyMentions", "Count"]


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return read_lexicon("trucewatch.extract", "data/numbers.yaml")


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


class _Grammar:
    """Every regex and table, built once from the lexicon."""

    def __init__(self, lex: dict):
        self._read_tables(lex)
        self._build_count_patterns(lex)
        self._build_casualty_patterns(lex)

    def _read_tables(self, lex: dict) -> None:
        self.units = {k.lower(): int(v) for k, v in lex["units"].items()}
        self.tens = {k.lower(): int(v) for k, v in lex["tens"].items()}
        self.scales = {k.lower(): int(v) for k, v in lex["scales"].items()}
        self.fixed: dict[str, Count] = {}
        for phrase, value in lex["exact"].items():
            self.fixed[_norm(phrase)] = (int(value), int(value), int(value))
        for phrase, (low, best, high) in lex["vague"].items():
            self.fixed[_norm(phrase)] = (low, best, high)
        for phrase in lex["zero"]:
            self.fixed[_norm(phrase)] = (0, 0, 0)
        self.modifiers: dict[str, str] = {}
        for kind in ("at_least", "more_than", "up_to", "nearly", "about"):
            for phrase in lex[kind]:
                self.modifiers[_norm(phrase)] = kind
        self.spread = float(lex["approximate_spread"])
        self.kind_of: dict[str, Kind] = {}
        for phrase in lex["killed"] + lex["killing_verbs"] + lex["death_nouns"]:
            self.kind_of[_norm(phrase)] = "killed"
        for phrase in lex["injured"] + lex["injuring_verbs"] + lex["injury_nouns"]:
            self.kind_of[_norm(phrase)] = "injured"
        for phrase in lex["either"] + lex["either_verbs"] + lex["casualty_nouns"]:
            self.kind_of[_norm(phrase)] = "casualties"
        self.kind_of.update({"dead": "killed", "wounded": "injured", "injured": "injured",
                             "hurt": "injured"})
        self.toll_kind = {_norm(k): v for k, v in lex["toll_nouns"].items()}

    def _build_count_patterns(self, lex: dict) -> None:
        """A count: '12', '1,200', 'twenty-three', 'a dozen', 'at least 12', 'between 10 and 15'."""
        small = (rf"(?:{alternation(self.tens)}(?:[\s-]+{alternation(k for k in self.units if self.units[k] < 10)})?"
                 rf"|{alternation(self.units)})")
        scale = alternation(self.scales)
        words = (rf"(?:(?:{small}|a)\s+{scale}(?:\s+(?:and\s+)?{small}(?:\s+{scale})?)*"
                 rf"|{small})")
        digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+\s+(?:million|thousand)|\s+(?:million|thousand))?"
        # Not part of a word, a code ("F-16"), a decimal, money, or an age ("10-year-old").
        self.guard_before = r"(?<![\w.,/$£€])(?<![A-Za-z]-)"
        guard_after = (r"(?![\w%]|[.,]\d|\s*-\s*[A-Za-z]|\s*(?:per\s*cent|percent)"
                       r"|\s+(?:years?|months?|weeks?|days?)[\s-]+old\b)")
        quantity = rf"{self.guard_before}(?:{alternation(self.fixed)}|{digits}|{words}){guard_after}"
        range_ = rf"(?:between\s+{quantity}\s+and\s+{quantity}|{quantity}\s*(?:to|-|–|or)\s*{quantity})"
        mods = alternation(self.modifiers)
        suffix = r"(?:\s+(?:or\s+more|or\s+so|plus))"
        self.count = rf"(?:{mods}\s+)?(?:{range_}|{quantity}){suffix}?"
        self.count_re = re.compile(
            rf"(?:(?P<mod>{mods})\s+)?(?:between\s+(?P<r1>{quantity})\s+and\s+(?P<r2>{quantity})"
            rf"|(?P<r3>{quantity})\s*(?:to|-|–|or)\s*(?P<r4>{quantity})"
            rf"|(?P<q>{quantity}))(?:\s+(?P<suffix>or\s+more|or\s+so|plus))?",
            re.IGNORECASE)
        self.digits_re = re.compile(r"(\d[\d,]*)(?:\.(\d+))?\s*(million|thousand)?", re.IGNORECASE)
        self.word_re = re.compile(r"[a-z]+", re.IGNORECASE)

    def _build_casualty_patterns(self, lex: dict) -> None:
        """Seven shapes of a casualty phrase, each read by `_interpret`."""
        count = self.count
        stop = alternation(lex["not_modifiers"])
        # A modifier word; dotted abbreviations ("U.N.") allowed, a sentence's last word not.
        adjective = (rf"(?:(?!{stop}\b){self.guard_before}(?:[\w'’-]+(?:\.[\w'’-]+)+\.?|[\w'’-]+)\s+)")
        # A capitalised plural after a count is a people ("three Albanians", "four Iraqis").
        plural = (rf"(?:{alternation(lex['people_plural'])}|(?-i:[A-Z][a-z'-]*[a-z]s\b)"
                  rf"|{alternation(lex['people_collective'])})")
        singular = alternation(lex["people_singular"])
        owner = r"(?:\b(?:his|her|their|its)\s+)?"  # "a woman and her two children"
        counted = rf"{owner}{count}(?:\s+of)?\s+(?:the\s+)?{adjective}{{0,3}}?(?:{plural}|{singular})\b"
        one = (rf"(?:\b(?:a|an|one|the|another|his|her|their)\s+{adjective}{{0,3}}?{singular}\b"
               rf"|\b(?:himself|herself)\b)")
        noun_phrase = rf"(?:{counted}|{one})"
        self.noun_phrase_re = re.compile(
            rf"(?P<counted>{owner}(?P<c>{count})(?:\s+of)?\s+(?:the\s+)?{adjective}{{0,3}}?(?:{plural}|{singular})\b)"
            rf"|(?P<one>{one})", re.IGNORECASE)
        # Groups add up only in a list closed by "and": "two children and a woman", never
        # "156 people, the UN refugee agency said".
        phrases = rf"{noun_phrase}(?:(?:\s*,\s*{noun_phrase})*\s*,?\s+and\s+{noun_phrase})?"
        aside = r"(?:\s*,?\s+(?:including|among\s+them|most\s+of\s+them|mostly)\s+[^,.;]{1,60}?\s*,?)?"
        copula = rf"(?:\s+{alternation(lex['copula'])})"
        either, killed, injured = alternation(lex["either"]), alternation(lex["killed"]), alternation(lex["injured"])
        outcome_nouns = alternation(lex["death_nouns"] + lex["injury_nouns"] + lex["casualty_nouns"])
        bare = rf"{count}(?=\s*(?:[,.;:)]|$|{alternation(lex['bare_count_followers'])}\b))"

        negated = (rf"(?P<zero>\b{alternation(lex['zero'])}(?:\s+(?:else|person|of\s+them|of\s+the\s+\w+))?"
                   rf"|\bno\s+{adjective}{{0,2}}{plural}){copula}{{0,3}}\s+"
                   rf"(?P<verb6>{either}|{killed}|{injured})\b")
        no_noun = (rf"\bno\s+(?:(?:reported|immediate|known|further|other|civilian|reports\s+of|"
                   rf"word\s+of)\s+)*(?P<noun7>{outcome_nouns})\b")
        subject = (rf"(?:(?P<np>{phrases}){aside}|(?P<bare>{count})(?:\s+of\s+(?:them|those|whom))?)"
                   rf"{copula}{{0,3}}\s+(?P<verb>{either}|{killed}|{injured})\b")
        obj = (rf"\b(?P<verb2>{alternation(lex['either_verbs'])}|{alternation(lex['killing_verbs'])}"
               rf"|{alternation(lex['injuring_verbs'])})\s+(?P<np2>{phrases}|{bare})")
        left = (rf"\b(?:left|leaving|leave|leaves)\s+(?P<np3>{phrases}|{count})\s+"
                rf"(?P<verb3>{either}|dead|injured|wounded|hurt)\b")
        toll = (rf"\b(?P<toll>{alternation(lex['toll_nouns'])})(?:\s+(?:from|in|of|after|for)\s+[^.;]{{0,60}}?)?\s+"
                rf"(?:{alternation(lex['toll_verbs'])})\s+(?:to\s+)?(?P<np4>{count})")
        nouns = rf"(?P<np5>{count})\s+{adjective}{{0,2}}(?P<noun>{outcome_nouns})\b"
        self.patterns = [re.compile(p, re.IGNORECASE)
                         for p in (negated, no_noun, subject, obj, left, toll, nouns)]
        # Patterns that begin with a count are tried only where a word can begin one; scanning
        # every character position with them costs ten times more.
        self.count_led = {0, 2, 6}
        self.first_words = frozenset(
            list(self.units) + list(self.tens)
            + [_norm(p).split()[0] for p in list(self.fixed) + list(self.modifiers)]
            + ["a", "an", "one", "the", "another", "half", "between", "no", "no-one", "not", "his",
               "her", "their", "its", "himself", "herself"])
        self.token_re = re.compile(r"[\w'’-]+")
        self.object_after_re = re.compile(rf"\s+(?:{phrases}|{bare})", re.IGNORECASE)
        self.has_passive_re = re.compile(r"\b(?:were|was|are|is|been|being|got)\b", re.IGNORECASE)
        keywords: set[str] = set(lex["toll_nouns"])
        for key in ("killed", "killing_verbs", "injured", "injuring_verbs", "either", "either_verbs",
                    "death_nouns", "injury_nouns", "casualty_nouns"):
            keywords.update(lex[key])
        # Substring tests on the lower-cased text: far cheaper than a regex of alternatives.
        self.prefilter = tuple(sorted({str(k).lower().split()[0] for k in keywords}))


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar(_lexicon())


# ---------------------------------------------------------------- reading one count

def _words_value(text: str, grammar: _Grammar) -> int | None:
    """'two hundred and five' -> 205; None when a word is not a number word."""
    total, current = 0, 0
    seen = False
    for word in grammar.word_re.findall(text.lower()):
        if word == "and":
            continue
        if word == "a":
            current = max(current, 1)
            seen = True
        elif word in grammar.units:
            current += grammar.units[word]
            seen = True
        elif word in grammar.tens:
            current += grammar.tens[word]
            seen = True
        elif word in grammar.scales:
            scale = grammar.scales[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _quantity_value(text: str, grammar: _Grammar) -> Count | None:
    key = _norm(text)
    if key in grammar.fixed:
        return grammar.fixed[key]
    digits = grammar.digits_re.fullmatch(key)
    if digits:
        whole = int(digits.group(1).replace(",", ""))
        scale = {"million": 1_000_000, "thousand": 1000, None: 1}[digits.group(3)]
        if digits.group(2):
            value = int(round(float(f"{whole}.{digits.group(2)}") * scale))
        else:
            value = whole * scale
        return (value, value, value)
    value = _words_value(key, grammar)
    return None if value is None else (value, value, value)


def _tidy(low: int | None, best: int | None, high: int | None) -> Count:
    """Enforce low <= best <= high wherever both sides are known."""
    if low is not None and high is not None and low > high:
        low, high = high, low
    if best is not None:
        if low is not None and best < low:
            best = low
        if high is not None and best > high:
            best = high
    return (low, best, high)


def _apply(modifier: str | None, count: Count, spread: float) -> Count:
    low, best, high = count
    exact = low is not None and low == best == high
    if modifier == "at_least":
        return (low, best, None)
    if modifier == "more_than":
        return (low + 1, best + 1, None) if exact else (low, best, None)
    if modifier == "up_to":
        return (None, None, high if high is not None else best)
    if modifier == "nearly":
        if not exact or best == 0:
            return (low, best, high)
        top = best - 1
        return (min(math.ceil(best * 0.9), top), top, top)
    if modifier == "about":
        if not exact:
            return count
        margin = max(1, round(best * spread))
        return (max(0, best - margin), best, best + margin)
    return count


def _read(match: re.Match, grammar: _Grammar) -> Count | None:
    modifier = grammar.modifiers.get(_norm(match.group("mod"))) if match.group("mod") else None
    if match.group("q"):
        count = _quantity_value(match.group("q"), grammar)
        if count is None:
            return None
    else:
        first = _quantity_value(match.group("r1") or match.group("r3"), grammar)
        second = _quantity_value(match.group("r2") or match.group("r4"), grammar)
        if first is None or second is None:
            return None
        low, high = first[0], second[2] if second[2] is not None else second[1]
        if low is None or high is None:
            return None
        low, high = min(low, high), max(low, high)
        count = (low, (low + high) // 2, high)
    suffix = _norm(match.group("suffix") or "")
    if suffix in ("or more", "plus"):
        modifier = "at_least" if modifier in (None, "about") else modifier
    elif suffix == "or so":
        modifier = modifier or "about"
    return _tidy(*_apply(modifier, count, grammar.spread))


def read_count(text: str) -> Count | None:
    """The first count of people in `text` as (low, best, high), or None if there is none.

    >>> read_count("at least a dozen")
    (12, 12, None)
    """
    grammar = _grammar()
    for match in grammar.count_re.finditer(text):
        count = _read(match, grammar)
        if count is not None:
            return count
    return None


# ---------------------------------------------------------------- casualties in a text

@dataclass(frozen=True)
class CasualtyMention:
    """One phrase that counts killed, injured or undifferentiated casualties."""

    kind: Kind
    casualties: Casualties
    start: int
    end: int
    anchor: int | None = None  # the parsed word that reports it ("killed"), when read from the parse
    background: bool = False  # a toll of the whole war or a period ("since 2011"), not of one act

    @property
    def text(self) -> str:
        return self.casualties.text or ""


@dataclass
class CasualtyMentions:
    """Killed, injured and unspecified "casualties" of one text, kept apart, in text order."""

    killed: list[CasualtyMention] = field(default_factory=list)
    injured: list[CasualtyMention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)

    def __iter__(self):
        return iter(sorted(self.killed + self.injured + self.casualties, key=lambda m: m.start))

    def __len__(self) -> int:
        return len(self.killed) + len(self.injured) + len(self.casualties)

    def largest(self, kind: Kind) -> Casualties | None:
        """The highest count of one kind: later reports of a toll usually revise it upwards."""
        mentions = getattr(self, kind)
        if not mentions:
            return None

        def size(mention: CasualtyMention) -> tuple[int, int]:
            c = mention.casualties
            values = [v for v in (c.best, c.low, c.high) if v is not None]
            return (values[0] if values else -1, mention.start)

        return max(mentions, key=size).casualties


def _sum(counts: list[Count]) -> Count:
    def add(values):
        return None if any(v is None for v in values) else sum(values)

    return _tidy(add([c[0] for c in counts]), add([c[1] for c in counts]), add([c[2] for c in counts]))


def _phrase_count(phrase: str, grammar: _Grammar) -> Count | None:
    """Sum coordinated groups: 'two children and a woman' -> 3."""
    parts: list[Count] = []
    for match in grammar.noun_phrase_re.finditer(phrase):
        if match.group("one"):
            parts.append((1, 1, 1))
        else:
            count = read_count(match.group("c"))
            if count is None:
                return None
            parts.append(count)
    if not parts:
        return read_count(phrase)
    return _sum(parts)


def _count_starts(text: str, grammar: _Grammar) -> list[int]:
    """Offsets of the words a count can begin with: digits, number words, 'a', 'at least'..."""
    starts = []
    for word in grammar.token_re.finditer(text):
        token = word.group().lower()
        if token[0].isdigit() or token in grammar.first_words or token.split("-")[0] in grammar.first_words:
            starts.append(word.start())
    return starts


def _candidates(text: str, grammar: _Grammar):
    """(start, end, kind, count) for every pattern match, overlaps included."""
    starts = None
    for index, pattern in enumerate(grammar.patterns):
        if index in grammar.count_led:
            if starts is None:
                starts = _count_starts(text, grammar)
            matches = filter(None, (pattern.match(text, start) for start in starts))
        else:
            matches = pattern.finditer(text)
        for match in matches:
            found = _interpret(index, match, text, grammar)
            if found is not None:
                yield (match.start(), match.end(), *found)


def _interpret(index: int, match: re.Match, text: str, grammar: _Grammar):
    groups = match.groupdict()
    if index == 0:  # "no one was hurt"; "nobody was killed or injured" is zero of both
        kind = grammar.kind_of.get(_norm(groups["verb6"]), "killed")
        return ("both" if kind == "casualties" else kind), (0, 0, 0)
    if index == 1:  # "no casualties"
        return grammar.kind_of.get(_norm(groups["noun7"]), "casualties"), (0, 0, 0)
    if index == 2:  # "at least 12 people were killed"
        verb = _norm(groups["verb"])
        phrase_end = match.end("np") if groups["np"] else match.end("bare")
        between = text[phrase_end:match.start("verb")]
        if not grammar.has_passive_re.search(between) and grammar.object_after_re.match(text, match.end()):
            return None  # "12 soldiers killed 3 militants": the 12 are the killers
        phrase = groups["np"] or groups["bare"]
        count = _phrase_count(phrase, grammar) if groups["np"] else read_count(phrase)
        return (grammar.kind_of.get(verb, "killed"), count) if count else None
    if index == 3:  # "killing six civilians"
        count = _phrase_count(groups["np2"], grammar)
        return (grammar.kind_of.get(_norm(groups["verb2"]), "killed"), count) if count else None
    if index == 4:  # "left 5 injured"
        count = _phrase_count(groups["np3"], grammar)
        return (grammar.kind_of.get(_norm(groups["verb3"]), "killed"), count) if count else None
    if index == 5:  # "the death toll rose to 45"
        count = read_count(groups["np4"])
        return (grammar.toll_kind.get(_norm(groups["toll"]), "killed"), count) if count else None
    count = read_count(groups["np5"])  # "45 deaths"
    return (grammar.kind_of.get(_norm(groups["noun"]), "killed"), count) if count else None


def find_casualties(text: str, *, offset: int = 0) -> CasualtyMentions:
    """Every killed / injured / casualties phrase in `text`; offsets shifted by `offset`."""
    grammar = _grammar()
    result = CasualtyMentions()
    lowered = text.lower() if text else ""
    if not any(word in lowered for word in grammar.prefilter):
        return result
    chosen: list[tuple[int, int, Kind, Count]] = []
    for candidate in sorted(_candidates(text, grammar), key=lambda c: (c[0] - c[1], c[0])):
        start, end = candidate[0], candidate[1]
        if any(start < e and s < end for s, e, *_ in chosen):
            continue
        chosen.append(candidate)
    for start, end, kind, (low, best, high) in sorted(chosen):
        record = Casualties(low=low, best=best, high=high, text=text[start:end])
        for each in (("killed", "injured") if kind == "both" else (kind,)):
            getattr(result, each).append(CasualtyMention(each, record, start + offset, end + offset))
    return result
