"""How central each event is to its report, which one is the main event, and which mentions are
only background.

A report is about one act (its headline act) and mentions others: earlier incidents, the war's
toll, a truce "due to take effect". A monitor must see the headline act and not have the
background counted as news. Each event's salience (0-1) sums the reasons it is central
(headline, first sentence, a toll, its own place, a date, a named actor, repeated mentions),
weighted in data/salience.yaml and scaled by its status; the most salient non-background event
is the main one (the earliest wins a tie).

A mention is background when it sums up a period rather than reporting an act: its subject is
the war itself ("the war has killed ..."), it is framed by a period ("since 2011", "since the
uprising began", "over the past five years"), or it is a superlative summary ("some of the
fiercest shelling of the conflict").
"""
from __future__ import annotations

import re
from functools import lru_cache

from trucewatch.extract.datafiles import load, words
from trucewatch.extract.drafts import Draft
from trucewatch.extract.what import Trigger, fixed_lemma
from trucewatch.records import Salience

YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
PERIOD_PHRASES = ("over the past", "over the last", "in the past", "during the past", "so far",
                  "to date", "in recent years", "in recent months")


@lru_cache(maxsize=1)
def _settings() -> dict:
    return load("salience.yaml")


def _words(key: str) -> frozenset[str]:
    return words("salience.yaml", key)


def salient_at() -> float:
    """The salience from which an event is exported, fused and checked by default."""
    return float(_settings()["salient_at"])


def _clause_of(trigger: Trigger):
    head = trigger.head
    if trigger.kind == "noun" and head.dep_ in ("nsubj", "nsubjpass", "dobj") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if head.dep_ == "csubj" and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "Fighting ... has killed 690 people since April": the gerund is the subject
    return head


def war_subject(clause, exclude=()) -> bool:
    """"The war has killed ...": the whole war (or its fighting) as the doer."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj") and c not in exclude
               and (fixed_lemma(c) in _words("cumulative_subjects")
                    or (c.dep_ == "csubj" and c.lower_ in _words("cumulative_subjects")))
               for c in clause.children)


def _acts_as_subject(clause) -> bool:
    """"Drone strikes have killed eight commanders since July": the acts themselves do the
    killing, a series of incidents reported as such (not a count of victims over a period)."""
    from trucewatch.extract.what import default_lexicon

    nouns = default_lexicon().nouns
    return any(c.dep_ == "nsubj" and fixed_lemma(c) in nouns and fixed_lemma(c) not in _words("cumulative_subjects")
               for c in clause.children)


def period_frame(clause) -> bool:
    """"since 2011", "since the uprising began", "over the past five years"."""
    for child in clause.children:
        if child.dep_ in ("prep", "mark", "advmod") and child.lower_ == "since":
            objects = [g for g in child.subtree if g.i != child.i]
            if any(YEAR.match(g.text) or fixed_lemma(g) in _words("period_nouns") for g in objects):
                return True
        if child.dep_ == "advcl" and any(m.lower_ == "since" for m in child.children if m.dep_ == "mark") \
                and any(fixed_lemma(g) in _words("period_nouns") for g in child.subtree):
            return True
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had") for c in clause.children)
    if perfect and any(c.dep_ == "prep" and c.lower_ == "since" for c in clause.children) \
            and not _acts_as_subject(clause):
        return True  # "have been killed in the capital since January": a running count
    text = " " + " ".join(t.lower_ for t in clause.subtree) + " "
    return any(f" {phrase} " in text for phrase in PERIOD_PHRASES) and any(
        fixed_lemma(t) in ("year", "month", "decade") for t in clause.subtree)


def _summary(trigger: Trigger) -> bool:
    """"some of the fiercest shelling of the conflict": a superlative over a period."""
    head = trigger.head
    if trigger.kind != "noun" or not any(c.tag_ == "JJS" for c in head.children):
        return False
    quantified = head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _words("summary_quantifiers")
    of_period = any(c.dep_ == "prep" and c.lower_ in ("of", "since", "in") and any(
        fixed_lemma(g) in _words("period_nouns") for g in c.children if g.dep_ == "pobj") for c in head.children)
    return quantified or of_period


def _alleged_of_victims(trigger: Trigger) -> bool:
    """"two men suspected of abducting a child": what the victims were suspected of is no act of
    the report."""
    node = trigger.head
    for _ in range(3):
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in ("of", "for", "with") \
                and fixed_lemma(node.head.head) in _words("allegation_words"):
            suspected = node.head.head
            person = suspected.head if suspected.dep_ in ("acl", "relcl", "amod") else None
            return person is not None and person.dep_ in ("dobj", "nsubjpass", "pobj")  # the victims
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _earlier(trigger: Trigger) -> bool:
    """"survived two earlier attacks", "a similar bombing killed 25 last month": an act the
    report names as one before its news."""
    head = trigger.head
    if trigger.kind != "noun":
        return False
    modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "advmod")}
    if modifiers & _words("earlier_words"):
        return True
    if not modifiers & _words("similar_words"):
        return False
    clause = _clause_of(trigger)
    return any(t.lower_ in _words("past_time_words") for t in clause.subtree)


def is_background(trigger: Trigger) -> bool:
    """Whether an act mention only sums up the war or a period, or is what someone was suspected
    of (see the module docstring)."""
    clause = _clause_of(trigger)
    # "Fighting broke out near the dam": the act as its own subject is the act, not the war's toll
    return war_subject(clause, exclude=(trigger.head,)) or period_frame(clause) or _summary(trigger) \
        or _alleged_of_victims(trigger) or _earlier(trigger)


UNDONE = frozenset({"planned", "negated"})


def is_commitment(draft: Draft) -> bool:
    """A side's pledge: a halt, pull-back or truce it announces or refuses, with the side named."""
    return draft.status in UNDONE and draft.act.family in _words("commitment_families") and bool(draft.actors)


def is_theme(trigger: Trigger, act_tokens: frozenset[int]) -> bool:
    """"Beirut rejected a UN appeal", "welcomed the proposal": a word or diplomatic act named as
    the object of another act of its sentence is what that act is about, not the news itself."""
    head = trigger.head
    if trigger.kind != "noun" or trigger.act.family not in _words("theme_families"):
        return False
    governor = head.head if head.dep_ == "dobj" else (
        head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else None)
    own = {t.i for t in trigger.tokens}
    return governor is not None and governor.i in act_tokens and governor.i not in own


def salience(draft: Draft, *, headline_start: int | None, body_start: int, first_paragraph_end: int,
             placed: bool, pledged: frozenset[int] = frozenset(),
             act_tokens: frozenset[int] = frozenset()) -> Salience:
    """The draft's salience and the reasons for it (`pledged`: starts of sentences holding a
    commitment, whose planned acts it names; `act_tokens`: the words of every act of the story,
    for telling an act's theme from the act)."""
    settings = _settings()
    weights = settings["weights"]
    first = draft.mentions[0].sentence
    reasons = []
    # Lead positions count for a mention that is an act of its own, not another act's theme.
    starts = [m.sentence.start_char for m in draft.mentions if not is_theme(m.trigger, act_tokens)]
    if headline_start is not None and headline_start in starts:
        reasons.append("headline")
    if body_start in starts:
        reasons.append("first_sentence")
    elif starts and first.start_char < first_paragraph_end:
        reasons.append("first_paragraph")
    if draft.fatalities is not None or draft.injured is not None:
        reasons.append("toll")
    if placed:
        reasons.append("place")
    if draft.when is not None and draft.when.precision != "unknown":
        reasons.append("date")
    if draft.actors:
        reasons.append("actor")
    if len({m.sentence.start_char for m in draft.mentions}) > 1:
        reasons.append("repeated")
    if draft.act.family == "violence":
        reasons.append("violence")
    if draft.claims:
        reasons.append("claimed")
    if is_commitment(draft):
        reasons.append("commitment")
    elif draft.status in UNDONE and draft.mentions[0].sentence.start_char in pledged:
        reasons.append("pledged_act")
    total = sum(float(weights[r]) for r in reasons)
    value = total / (total + float(settings["scale"]))
    if not {"commitment", "pledged_act"} & set(reasons):  # a pledge is news as a pledge
        value *= float(settings["status_factor"].get(draft.status, 1.0))
    if draft.act.family in _words("speech_families"):
        value *= float(settings["speech_factor"])
    if not starts:  # only ever the theme of another act
        value *= float(settings["theme_factor"])
    if draft.status == "background":
        reasons = ["background"] + reasons
    return Salience(score=round(value, 3), salient=draft.status != "background" and value >= salient_at(),
                    reasons=[r.replace("_", " ") for r in reasons])


def main_index(scores: list[Salience], statuses: list[str]) -> int | None:
    """The position of the main event: the most salient that is not background; the earliest
    wins a tie. None when every event is background (or there is none)."""
    best, best_score = None, -1.0
    for n, (score, status) in enumerate(zip(scores, statuses)):
        if status != "background" and score.score > best_score:
            best, best_score = n, score.score
    return best
