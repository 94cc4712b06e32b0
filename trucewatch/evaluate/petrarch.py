"""PETRARCH validation XML: CAMEO codes with source and target actors per sentence.

The PETRARCH2 files are not strictly XML (sentences open with a self-closing tag and close
later), so this reader scans the tags it needs instead of parsing the whole tree:
`<Sentence date="YYYYMMDD" id="...">`, `<EventCoding eventcode sourcecode targetcode/>` or
`<EventCoding noevents="True"/>`, and `<Text>...</Text>`.

Scoring: per sentence, the distinct gold root codes (first two digits) against the distinct root
codes of all our events with a CAMEO code that are not negated or hypothetical; micro precision,
recall, F1 — over the sentences that have gold events, and over all sentences. The same for full
codes. Distinct codes, because PETRARCH writes one coding per source-target pair ("the US, Russia
and Switzerland met" is six 040 codings) where TruceWatch records one event with all its actors;
"root F1, per dyad" keeps PETRARCH's multiset count for comparison. Source/target country: for each gold coding whose root code we found, whether that
event (the one with the same full code, else the first with the same root) has an initiator
(target) with the country of the gold code's first three letters.

Which code of ours stands for an event (`petrarch_code`): PETRARCH2 codes the sentence's main
verb, so three of its conventions decide how a TruceWatch event is compared —
- a violent act reported by a named actor who heads the sentence is coded as that actor's claim
  ("the US said ISIL attacked Iraq" is the US accusing, 112; "said they had attacked" claims
  responsibility, 015): we score the claim's act (ontology `claim_acts`) instead of the act it
  is about, with the claimant as source and the accused (or, for responsibility, the act's
  targets) as target; a trailing attribution ("..., officials said") only sources the act. An
  accusation or claim of responsibility heading the sentence counts whoever makes it ("a report
  alleged that the army took part in the killings" is 112); a bare statement only from a side
  with a country;
- a planned act: the record carries CAMEO's and PLOVER's intent code for every planned act
  ("will visit" is 036 / AGREE, as the PLOVER gold codes it; ontology `intent_by_family`), but
  PETRARCH codes the verb it finds, so an act planned through an auxiliary or a commitment
  ("will supply arms", "is scheduled to attend", "pledged to expel", "agreed to lift") is scored
  as the act itself. A plan its own doer announces at the head of the sentence ("Israel
  announced it would free prisoners") is that announcement, an intent: scored with the record's
  intent code. A wish or aim to act ("wants to attack", "seeks to deepen ties") is no planned
  act in the record at all but an intention event (type `intention`, or `threat` for violence)
  that carries its content's intent code (138, 031), and is scored as such, as PETRARCH does;
- an act asked of someone else ("urged Russia to halt strikes", "wants Putin to attack") is
  hypothetical in the record, so only the appeal (02) is scored;
- a refusal ("would not provide support") is coded as a rejection: a negated act that extraction
  recoded as a refusal is scored, other negated and hypothetical acts are not.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.choice import initiators
from trucewatch.evaluate.countries import actor_code, country_from_code
from trucewatch.evaluate.gold import GoldItem, open_text
from trucewatch.evaluate.metrics import PRF, Accuracy, Score
from trucewatch.ontology import ActType, default_ontology
from trucewatch.records import ActorRef, Event, Extraction

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)
_INACTIVE = {"negated", "hypothetical"}


def _attributes(raw: str) -> dict[str, str]:
    return {key.lower(): html.unescape(value) for key, value in _ATTRIBUTE.findall(raw)}


def parse_date(value: str) -> date | None:
    """YYYYMMDD, or the YYMMDD some records use; None when neither."""
    value = value.strip()
    for layout in ((0, 4, 6, 8), (0, 2, 4, 6)):
        if len(value) != layout[3]:
            continue
        try:
            year = int(value[layout[0]:layout[1]])
            year = year if layout[1] == 4 else 2000 + year
            return date(year, int(value[layout[1]:layout[2]]), int(value[layout[2]:layout[3]]))
        except ValueError:
            return None
    return None


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    text = _COMMENT.sub(" ", open_text(path))
    starts = list(_SENTENCE.finditer(text))
    if not starts:
        raise InputError(str(path), "has no <Sentence> element; is it a PETRARCH validation file?")
    line, counted_to = 1, 0  # counted on from the previous sentence, not from the top each time
    for number, match in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        chunk = text[match.end():end]
        attributes = _attributes(match.group(1))
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        source = f"{path}:{line}"
        sentence_id = attributes.get("id") or f"sentence-{number + 1}"
        if attributes.get("evaluate", "true").lower() == "false":
            continue
        body = _TEXT.search(chunk)
        sentence = " ".join(html.unescape(body.group(1)).split()) if body else ""
        if not sentence:
            sentence = text_from_parse(chunk)
        if not sentence:
            yield InputError(source, f"sentence {sentence_id} has no <Text>")
            continue
        codings = [_attributes(raw) for raw in _CODING.findall(chunk)]
        if not codings:
            yield InputError(source, f"sentence {sentence_id} has no <EventCoding>")
            continue
        events = [coding for coding in codings if coding.get("eventcode")]
        bad = [coding["eventcode"] for coding in events if not coding["eventcode"].isdigit()]
        if bad:
            yield InputError(source, f"sentence {sentence_id} has a non-numeric eventcode {bad[0]!r}")
            continue
        yield GoldItem(
            id=sentence_id,
            text=sentence,
            published=parse_date(attributes.get("date", "")),
            gold={"codings": events},
            source=source,
        )


def text_from_parse(chunk: str) -> str:
    """The sentence rebuilt from its CoNLL-U <Parse> when <Text> was left empty."""
    parse = _PARSE.search(chunk)
    if not parse:
        return ""
    words = []
    for line in parse.group(1).splitlines():
        columns = line.split("\t")
        if len(columns) >= 10 and columns[0].isdigit():
            words.append(columns[1] + ("" if "SpaceAfter=No" in columns[9] else " "))
    return html.unescape("".join(words)).strip()


# PLOVER events whose reporting (an accusation, a claim of responsibility) coders code instead.
VIOLENT_EVENTS = {"ASSAULT", "COERCE"}
_REPORTED = {"asserts", "accuses", "claims_responsibility"}
# Stances whose verb is itself the coded act, whoever the claimant ("a report alleged that ..."); a
# bare statement counts only from a named side.
_PINNING = {"accuses", "claims_responsibility"}


def petrarch_event(event: Event) -> Event | None:
    """The event as PETRARCH2 would code its sentence (see the module note), or None when it
    would not code it at all."""
    act = default_ontology().acts.get(event.type)
    if not event.cameo or act is None:
        return None if not event.cameo or event.status in _INACTIVE else event
    if event.status in _INACTIVE and not (event.status == "negated" and event.cameo != act.cameo):
        return None
    code = act.cameo if event.status == "planned" and not _stated_intention(event) else event.cameo
    view = claimant_view(event)
    if view is not None:
        return view[1]
    return event if code == event.cameo else event.model_copy(update={"cameo": code})


def claimant_view(event: Event) -> tuple[ActType, Event] | None:
    """A violent event as its named claimant's act (an accusation, a claim of responsibility):
    that act, and the event recoded as it, with the claimant as source and the accused (the act's
    doers) or, for a claim of responsibility, the act's targets as target. None when no claim
    heading the sentence reports the event, or the event is not violent."""
    if not (event.plover and event.plover.event in VIOLENT_EVENTS):
        return None
    ontology = default_ontology()
    doers = initiators(event)
    doer_countries = {actor.country for actor in doers if actor.country}
    for claim in event.claims:
        if claim.stance not in _REPORTED or claim.about not in ("occurrence", "perpetrator") \
                or not _heads_sentence(claim) or not (claim.claimant.country or claim.stance in _PINNING):
            continue
        own = claim.stance == "claims_responsibility" or (
            claim.stance == "asserts" and claim.claimant.country in doer_countries)
        act = ontology.claim_act("claims_responsibility" if own else "accuses")
        source = ActorRef(text=claim.claimant.text, name=claim.claimant.name, country=claim.claimant.country,
                          sector=claim.claimant.sector, role="initiator")
        targets = list(event.targets) if own else [actor.model_copy(update={"role": None}) for actor in doers]
        if not own and claim.value and not targets:  # "accuses ... perpetrator ISR": the named one
            targets = [ActorRef(text=claim.value, country=claim.value if len(claim.value) == 3 and claim.value.isupper() else None)]
        return act, event.model_copy(update={"cameo": act.cameo, "actors": [source], "targets": targets})
    return None


def _stated_intention(event: Event) -> bool:
    """A planned act its own doer announces at the head of the sentence ("Israel announced it
    would free prisoners"): the announcement, an intent, is the sentence's main event."""
    doers = {(actor.country, actor.text.lower()) for actor in initiators(event)}
    countries = {country for country, _ in doers if country}
    texts = {text for _, text in doers}
    return any(claim.stance == "asserts" and _heads_sentence(claim) and (
        claim.claimant.text.lower() in texts or (claim.claimant.country and claim.claimant.country in countries))
        for claim in event.claims)


def _heads_sentence(claim) -> bool:
    """Whether the claimant opens the claim's sentence ("Israel said ..."), so that the
    reporting verb, not the reported act, is the sentence's main event."""
    opening = claim.text.lstrip().lower()
    claimant = claim.claimant.text.lower()
    return opening.startswith(claimant) or opening.startswith("the " + claimant)


def root(code: str) -> str:
    return code[:2]


class Scorer:
    def __init__(self) -> None:
        self.root_all, self.root_eventful, self.root_dyads = PRF(), PRF(), PRF()
        self.full_all, self.full_eventful = PRF(), PRF()
        self.source, self.target = Accuracy(), Accuracy()
        self.sentences = Counter()

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        codings = item.gold["codings"]
        events = [scored for event in extraction.events if (scored := petrarch_event(event))]
        self.sentences["with events" if codings else "without events"] += 1
        misses = []
        if codings:
            self.root_dyads.add_sets(Counter(root(c["eventcode"]) for c in codings),
                                     Counter(root(e.cameo) for e in events))
        gold_full = Counter({coding["eventcode"]: 1 for coding in codings})
        ours_full = Counter({event.cameo: 1 for event in events})
        gold_root = Counter({root(code): 1 for code in gold_full})
        ours_root = Counter({root(code): 1 for code in ours_full})
        for tally in (self.root_all, self.root_eventful) if codings else (self.root_all,):
            missed, spurious = tally.add_sets(gold_root, ours_root)
        if missed or spurious:
            misses.append({"field": "cameo root", "gold": sorted(gold_root.elements()),
                           "predicted": sorted(ours_root.elements())})
        for tally in (self.full_all, self.full_eventful) if codings else (self.full_all,):
            missed, spurious = tally.add_sets(gold_full, ours_full)
        if missed or spurious:
            misses.append({"field": "cameo code", "gold": sorted(gold_full.elements()),
                           "predicted": sorted(ours_full.elements())})
        for coding in codings:
            event = next((e for e in events if e.cameo == coding["eventcode"]), None) or next(
                (e for e in events if root(e.cameo) == root(coding["eventcode"])), None)
            if event is None:
                continue
            misses += self._actor(self.source, "source country", coding.get("sourcecode"),
                                  initiators(event))
            misses += self._actor(self.target, "target country", coding.get("targetcode"),
                                  event.targets)
        return misses

    @staticmethod
    def _actor(tally: Accuracy, field: str, gold_code: str | None, actors) -> list[dict]:
        gold = country_from_code(gold_code)
        if not gold:
            return []
        ours = [code for actor in actors if (code := actor_code(actor.country, actor.sector))]
        if tally.add(gold in ours):
            return []
        return [{"field": field, "gold": gold, "predicted": ours}]

    def scores(self) -> list[Score]:
        note = "sentences with gold events"
        rows = [replace(row, note=note) for row in self.root_eventful.scores("root")]
        rows.append(replace(self.root_all.scores("root")[2], name="root F1, all", note="all sentences"))
        rows.append(replace(self.root_dyads.scores("root")[2], name="root F1, per dyad",
                            note="PETRARCH's count: one per source-target pair"))
        rows += [replace(row, note=note) for row in self.full_eventful.scores("code")]
        rows.append(replace(self.full_all.scores("code")[2], name="code F1, all", note="all sentences"))
        rows.append(self.source.score("source country", "gold codings whose root we found"))
        rows.append(self.target.score("target country", "gold codings whose root we found"))
        rows.append(Score("sentences without events", None, self.sentences["without events"]))
        return rows
