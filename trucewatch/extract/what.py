"""What happened: act-type triggers found in a parsed sentence, from verbs and from nouns.

The lexicon is compiled once per process from the ontology into lemma tables, so each
sentence costs one pass over its tokens plus a short look at the dependency neighbours.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from trucewatch.extract.datafiles import load, words
from trucewatch.ontology import ActType, Ontology, default_ontology

VERB_TAGS = {"VERB", "AUX"}
# Acts whose names also name things that get attacked ("an aid convoy", "the peace talks").
TARGET_FAMILIES = words("act_words.yaml", "target_families")
NOUN_TAGS = {"NOUN", "PROPN"}
# Nouns that only carry the act named before them: "a mediation mission", "a rescue effort".
CARRIER_NOUNS = words("act_words.yaml", "carrier_nouns")
# Verbs that only carry an event noun ("carried out an air strike", "held talks").
LIGHT_VERBS = words("act_words.yaml", "light_verbs")


@dataclass
class Lexicon:
    """Lemma tables built from the ontology (one per process)."""

    ontology: Ontology
    verbs: dict[str, list[ActType]] = field(default_factory=dict)
    nouns: dict[str, list[ActType]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str, ActType]]] = field(default_factory=dict)
    instruments: dict[tuple[str, ...], ActType] = field(default_factory=dict)
    instrument_firsts: frozenset[str] = frozenset()
    casualty_verbs: frozenset[str] = frozenset()

    @classmethod
    def build(cls, ontology: Ontology) -> "Lexicon":
        lexicon = cls(ontology)
        casualty = set()
        for act in ontology.acts.values():
            entries = [(kind, act, word) for kind, words in (("verb", act.verbs), ("noun", act.nouns))
                       for word in words]
            entries += [("verb", act.guarded(group), word) for group, words in act.verbs_when for word in words]
            for kind, entry_act, word in entries:
                parts = tuple(word.lower().replace("-", " - ").split())
                if len(parts) == 1:
                    table = lexicon.verbs if kind == "verb" else lexicon.nouns
                    table.setdefault(parts[0], []).append(entry_act)
                else:
                    lexicon.phrases.setdefault(parts[0], []).append((parts, kind, entry_act))
            for word in act.instruments:
                lexicon.instruments.setdefault(tuple(word.lower().split()), act)
            casualty.update(act.casualty_verbs)
        for entries in lexicon.phrases.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        lexicon.instrument_firsts = frozenset(key[0] for key in lexicon.instruments)
        lexicon.casualty_verbs = frozenset(casualty)
        return lexicon


# Lemmas the tagger is known to get wrong ("hoped": "hop"), read once: fixed_lemma runs per token.
LEMMA_FIXES = load("lemmas.yaml")


def fixed_lemma(token) -> str:
    """The token's lemma, corrected where the tagger is known to get it wrong (data/lemmas.yaml)."""
    return LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.build(default_ontology())


@dataclass
class Trigger:
    """One act mention: the head token, the matched tokens and the chosen act type."""

    head: object  # spaCy Token
    tokens: list
    act: ActType
    kind: str  # "verb" | "noun"
    absorbed: set = field(default_factory=set)  # token indices used as the act's theme

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)

    def add_tokens(self, *tokens) -> None:
        """Widen the mention by tokens of another word or act, kept in text order without repeats."""
        self.tokens = sorted({*self.tokens, *tokens}, key=lambda t: t.i)


def _lemma(token) -> str:
    return token.lemma_.lower()


def _match_phrase(tokens: list, lemmas: list[str], i: int, lexicon: Lexicon):
    """The longest multiword entry starting at sentence position i, if any."""
    for parts, kind, act in lexicon.phrases.get(lemmas[i], ()):
        n = len(parts)
        if i + n > len(lemmas):
            continue
        if all(lemmas[i + k] == part or tokens[i + k].lower_ == part for k, part in enumerate(parts)):
            return tokens[i:i + n], kind, act
    return None


def _phrase_head(tokens, kind: str):
    wanted = VERB_TAGS if kind == "verb" else NOUN_TAGS
    if kind == "verb":
        return next((t for t in tokens if t.pos_ in wanted), tokens[0])
    return next((t for t in reversed(tokens) if t.pos_ in wanted), tokens[-1])


def _neighbours(head):
    """Words that can satisfy an act's `requires`: children, their compounds and objects, the head."""
    for child in head.children:
        yield child
        for grand in child.children:
            if grand.dep_ in ("pobj", "compound", "dobj", "amod", "nsubj", "nsubjpass", "conj"):
                yield grand
    yield head.head
    for sibling in head.head.children:
        if sibling.dep_ in ("compound", "amod") and sibling.i != head.i:
            yield sibling


def _requirement_met(tokens, head, act: ActType, ontology: Ontology):
    """The token that meets the act's word group, or None."""
    group = ontology.groups.get(act.requires or "", frozenset())
    for tok in list(tokens) + list(_neighbours(head)):
        if _lemma(tok) in group:
            return tok
    return None


def _choose(candidates, tokens, head, ontology: Ontology):
    """Prefer acts whose required word is present, then priority, then file order."""
    best, best_rank, theme = None, None, None
    for order, act in enumerate(candidates):
        met = None
        if act.requires:
            met = _requirement_met(tokens, head, act, ontology)
            if met is None:
                continue
        rank = (1 if met is not None else 0, act.priority, -order)
        if best_rank is None or rank > best_rank:
            best, best_rank, theme = act, rank, met
    return best, theme


def _refine(trigger: Trigger, lexicon: Lexicon) -> None:
    """A generic attack becomes an air strike, shelling... when its instrument is named nearby."""
    if not (trigger.act.generic or trigger.act.refinable):
        return
    head = trigger.head
    scope = list(head.subtree)
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "dobj", "prep", "compound", "amod"):
            scope.extend(child.subtree)
    if head.dep_ in ("dobj", "pobj", "attr") and _lemma(head.head) in LIGHT_VERBS:
        scope.extend(tok for child in head.head.children if child.dep_ in ("nsubj", "agent")
                     for tok in child.subtree)
    # Then the rest of the sentence: "chlorine gas was used in the attack".
    near = {t.i for t in scope}  # built once: per token it made long sentences quadratic
    scope.extend(tok for tok in head.sent if tok.i not in near)
    for tok in scope:
        first = _lemma(tok)
        if first not in lexicon.instrument_firsts:
            continue
        for parts, act in lexicon.instruments.items():
            if parts[0] != first:
                continue
            window = tok.doc[tok.i:tok.i + len(parts)]
            if all(_lemma(t) == p for t, p in zip(window, parts)):
                trigger.act = act
                return


def _victims(head):
    """Who an act harms: its object or passive subject, the noun a participle describes
    ("soldiers killed"), or the object of "of" ("the killing of soldiers")."""
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            yield child
        elif child.dep_ == "prep" and child.lower_ == "of":
            yield from (g for g in child.children if g.dep_ == "pobj")
    if head.dep_ in ("acl", "relcl") and head.head.pos_ in NOUN_TAGS:
        yield head.head


def _switch_variant(trigger: Trigger, ontology: Ontology, variant: str | None, group_name: str | None,
                    parties) -> None:
    """Recode the trigger as `variant` when one of `parties` (its victims, its doers) is a word of
    the ontology group `group_name`: who is harmed or who acts can change what the act is."""
    if not variant:
        return
    group = ontology.groups.get(group_name or "", frozenset())
    if any(_lemma(party) in group for party in parties):
        trigger.act = ontology.acts[variant]


def _combatant_victims(trigger: Trigger, ontology: Ontology) -> None:
    """Harm done to fighters is an act of war, not an attack on civilians."""
    act = trigger.act
    _switch_variant(trigger, ontology, act.combatant_variant, act.combatant_group, _victims(trigger.head))


def _doers(head):
    """Who does an act: the subject of an active verb, the by-phrase of a passive one."""
    passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in head.children)
    for child in head.children:
        if child.dep_ == "nsubj" and not passive:
            yield child
        elif child.dep_ == "agent":
            yield from (g for g in child.children if g.dep_ == "pobj")


def _doer_variant(trigger: Trigger, ontology: Ontology) -> None:
    """Who does it can change what it is: property demolished by protesters is a riot."""
    act = trigger.act
    _switch_variant(trigger, ontology, act.doer_variant, act.doer_group, _doers(trigger.head))


def _topics(trigger: Trigger):
    """Words a comment speaks about: objects of its topic prepositions, on the trigger's words
    or on their object ("expressed sorrow for the shootings")."""
    holders = list(trigger.tokens)
    holders += [child for tok in trigger.tokens for child in tok.children if child.dep_ == "dobj"]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in words("clause_words.yaml", "topic_preps"):
                yield from (g for g in prep.children if g.dep_ == "pobj")


def _drop_topics(triggers: list[Trigger]) -> list[Trigger]:
    """Acts named as the topic of a comment are what it is about, not news of their own."""
    topics = {tok.i for trig in triggers if trig.act.absorbs_topic for tok in _topics(trig)}
    return [trig for trig in triggers if trig.head.i not in topics]


def find_triggers(sent, lexicon: Lexicon | None = None) -> list[Trigger]:
    """Act mentions of one sentence (a spaCy Span), left to right."""
    lexicon = lexicon or default_lexicon()
    ontology = lexicon.ontology
    found: list[Trigger] = []
    used: set[int] = set()
    tokens = list(sent)
    lemmas = [fixed_lemma(tok) for tok in tokens]
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        lemma = lemmas[i]
        if lemma not in lexicon.phrases and lemma not in lexicon.verbs and lemma not in lexicon.nouns:
            i += 1
            continue
        phrase = _match_phrase(tokens, lemmas, i, lexicon)
        if phrase:
            head = _phrase_head(phrase[0], phrase[1])
            kind = phrase[1]
            if kind == "verb" and head.pos_ not in VERB_TAGS:
                phrase = None
            elif kind == "noun" and head.pos_ not in NOUN_TAGS:
                phrase = None
        if phrase:
            matched, kind, act = phrase
            key = tuple(lemmas[i:i + len(matched)])
            candidates = [act] + [a for p, k, a in lexicon.phrases.get(lemma, ()) if p == key and a is not act]
            chosen, theme = _choose(candidates, matched, head, ontology)
            if chosen:
                trig = Trigger(head, matched, chosen, kind)
                if theme is not None:
                    trig.absorbed.add(theme.i)
                found.append(trig)
                used.update(t.i for t in matched)
                i += len(matched)
                continue
        if tok.pos_ == "VERB" and lemma in lexicon.verbs and tok.dep_ != "amod":  # not "long-threatened"
            kind, candidates = "verb", lexicon.verbs[lemma]
        elif _as_noun(tok) and lemma in lexicon.nouns and (
                tok.dep_ != "compound" or _lemma(tok.head) in CARRIER_NOUNS):
            kind, candidates = "noun", lexicon.nouns[lemma]
        else:
            i += 1
            continue
        chosen, theme = _choose(candidates, [tok], tok, ontology)
        if chosen:
            trig = Trigger(tok, [tok], chosen, kind)
            if theme is not None and theme.i != tok.i:
                trig.absorbed.add(theme.i)
            found.append(trig)
            used.add(tok.i)
        i += 1
    references = {trig.head.i for trig in found if _is_reference(trig, ontology)}
    found = [trig for trig in found if trig.head.i not in references and not (
        trig.kind == "noun" and trig.head.dep_ == "nsubj" and trig.head.head.i in references)
        and not _vetoed(trig, ontology)]
    for trig in found:
        _refine(trig, lexicon)
        _combatant_victims(trig, ontology)
        _doer_variant(trig, ontology)
    found = _drop_topics(found)
    demands = _reported_demands(tokens, lemmas, ontology) + _wishes_of_others(tokens, lemmas, ontology)
    demanded = {t.head.i for t in demands}
    found = [t for t in found if not (t.head.i in demanded and _yields_to_demand(t))]
    found.extend(d for d in demands if d.head.i not in {t.head.i for t in found})
    found = _intentions(found, ontology)
    found = _enacted_orders(found)
    absorbed = {i for trig in found for i in trig.absorbed}
    merged = _merge_linked([trig for trig in found if trig.head.i not in absorbed])
    _announce_violence(merged, ontology)
    return merged


def enacts(verb, act: ActType) -> bool:
    """Whether `verb` (an order) does an act of this type by ordering it (acts.yaml `enacts`)."""
    return any(act.family in order.enacts for order in default_lexicon().verbs.get(fixed_lemma(verb), ()))


def _enacted_orders(triggers: list[Trigger]) -> list[Trigger]:
    """"ordered patrols", "ordered the paper to suspend publication": the order gives way to the
    ordered act when its family is one the order enacts; the act keeps the order's words."""
    dropped = []
    for trig in triggers:
        if not trig.act.enacts or trig.kind != "verb":
            continue
        content = [t for t in triggers if t is not trig and t.head.head.i == trig.head.i
                   and t.head.dep_ in ("xcomp", "dobj") and t.act.family in trig.act.enacts]
        if content:
            content[0].add_tokens(trig.head)
            dropped.append(trig)
    return [t for t in triggers if not any(t is d for d in dropped)]


def _yields_to_demand(trigger: Trigger) -> bool:
    """Whether a trigger on the verb of a reported demand or wish gives way to it: a statement whose
    content is an obligation is a demand, not a bare statement; wanting someone else to act is an
    appeal, not one's own intention; a verb with no object of its own only reports."""
    act = trigger.act
    return act.plover is None or act.takes_content_intent or not _has_object(trigger.head)


def _has_object(verb) -> bool:
    """"concluded a deal" names its theme; "concluded that they must ..." only reports."""
    return any(child.dep_ in ("dobj", "obj") for child in verb.children)


def is_to_infinitive(clause) -> bool:
    """Whether a clause is a to-infinitive ("[to attack]"): its aux is "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _own_infinitive(verb):
    """The to-infinitive a verb governs with no subject of its own ("wants [to attack]")."""
    for clause in verb.children:
        if clause.dep_ == "xcomp" and is_to_infinitive(clause) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            return clause
    return None


def _intentions(triggers: list[Trigger], ontology: Ontology) -> list[Trigger]:
    """A wish or aim to act ("wants to attack", "seeks to deepen ties") is an
    intention coded by the intent of the act it aims at, which is then no event of its own
    (see `takes_content_intent` in acts.yaml)."""
    dropped: list[Trigger] = []
    for trig in triggers:
        if trig.act.takes_content_intent:
            dropped.extend(_code_intention(trig, triggers, ontology))
    return [t for t in triggers if not any(t is d for d in dropped)]


def _code_intention(trig: Trigger, triggers: list[Trigger], ontology: Ontology) -> list[Trigger]:
    """Recode one wish or aim by the intent of the act it aims at; returns the triggers that are
    then no event of their own (the aimed-at act, or the wish itself when it codes nothing)."""
    clause = _own_infinitive(trig.head)
    if clause is None:  # "a trip aimed at", "hope for": no intention to act
        return [trig]
    # every subjectless complement: the tagger splits "to re-examine" into three
    inside = {tok.i for c in trig.head.children if c.dep_ == "xcomp" for tok in c.subtree}
    content = [t for t in triggers if t is not trig and t.head.i in inside]
    if not content:  # "wants to help Jordan": an intent to cooperate (030) with Jordan
        trig.add_tokens(clause)
        return []
    aim = min(content, key=lambda t: sum(1 for _ in t.head.ancestors))
    plover, cameo = ontology.codes(aim.act, "planned")
    if (plover, cameo) == (aim.act.plover, aim.act.cameo):
        return [trig]  # no intent code: the aimed-at act stays the event, planned
    violent = aim.act.family == "violence" and trig.act.if_violent in ontology.acts
    base = ontology.acts[trig.act.if_violent] if violent else trig.act
    trig.act = base.model_copy(update={"cameo": cameo, "plover": plover})
    trig.add_tokens(*aim.tokens)
    return [aim]


def _as_noun(tok) -> bool:
    """A noun, or a lexicon noun the tagger took for an auxiliary ("Shelling hit Idlib")."""
    return tok.pos_ in NOUN_TAGS or (tok.pos_ == "AUX" and tok.lower_ not in AUXILIARY_WORDS)


AUXILIARY_WORDS = words("act_words.yaml", "auxiliary_words")
# Families whose acts a participle can mention as settled background ("the truce agreed last week").
BACKGROUND_FAMILIES = words("act_words.yaml", "background_families")
# "part of the truce", "under the truce", "since the truce": the truce is a frame, not news.
FRAME_PREPS = words("act_words.yaml", "frame_preps")
ALWAYS_FRAME_PREPS = words("act_words.yaml", "always_frame_preps")


# Conjunctions that make a clause a time frame for another act: "three days before the truce
# was due to take effect", "since the truce began".
TEMPORAL_MARKS = words("act_words.yaml", "temporal_marks")


def _in_time_clause(verb) -> bool:
    """A verb heading a subordinate clause that only dates another act."""
    return verb.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in TEMPORAL_MARKS
                                        for child in verb.children)


def _vetoed(trigger: Trigger, ontology: Ontology) -> bool:
    """The act's `unless` group is met by the trigger's subject or purpose: mourners who gather
    to bury the dead hold a funeral, not a meeting."""
    group = ontology.groups.get(trigger.act.unless or "", frozenset())
    if not group:
        return False
    near = [trigger.head]
    for child in trigger.head.children:
        near.extend(child.subtree if child.dep_ in ("nsubj", "nsubjpass") else [child])
    return any(_lemma(tok) in group for tok in near)


CLAUSE_DEPS = frozenset({"aux", "auxpass", "nsubj", "nsubjpass", "csubj"})
# PLOVER events whose theme (the truce, the deal) is agreed, signed or declared by someone.
SETTLING_EVENTS = frozenset({"AGREE", "SUPPORT", "RETREAT"})


def _measured(token) -> bool:
    """"two weeks after", "a day before": a distance in time hangs on the word."""
    units = words("clause_words.yaml", "time_units")
    return any(child.dep_ == "npadvmod" and (child.ent_type_ == "DATE" or _lemma(child) in units)
               for child in token.children)


def _dated_frame(trigger: Trigger) -> bool:
    """An act that only dates the news by its distance from it ("two weeks after rebels kidnapped
    peacekeepers", "after the shooting last week") was reported before: background, any family."""
    sequence_words = words("clause_words.yaml", "sequence_words")
    head = trigger.head
    clause = head.head if head.dep_ in ("nsubj", "nsubjpass") and trigger.kind == "noun" else head
    if clause.dep_ == "advcl":
        marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in sequence_words]
        return bool(marks) and (_measured(clause) or _measured(marks[0]))
    if trigger.kind == "noun" and head.dep_ == "pobj" and head.head.lower_ in sequence_words \
            and head.head.head.pos_ in VERB_TAGS:
        return _measured(head.head) or any(tok.ent_type_ == "DATE" for tok in head.subtree)
    return False


def _is_reference(trigger: Trigger, ontology: Ontology) -> bool:
    """An act named as background rather than reported as news: one dated only against the news
    (`_dated_frame`), a past participle describing a thing ("the truce agreed last week"), or a
    standing arrangement ("the truce", "the deal") that is such a participle's head or only the
    frame of another word ("part of the truce")."""
    head = trigger.head
    if _dated_frame(trigger):
        return True
    if trigger.act.family not in BACKGROUND_FAMILIES:
        return False
    if trigger.kind == "verb":
        # "after the truce was declared": the clause dates another act
        if _in_time_clause(head):
            return True
        # A past form with neither subject nor auxiliary under a noun or clause is a participle.
        if head.tag_ in ("VBN", "VBD") and head.dep_ in ("acl", "advcl") and not any(
                child.dep_ in CLAUSE_DEPS for child in head.children):
            return True
        # "the mayor, who had been arrested a year ago": a past perfect describing someone
        if head.dep_ == "relcl" and any(child.dep_ == "aux" and child.lower_ == "had" for child in head.children):
            return True
        # "The truce agreed last week has held" read as if the truce agreed: a thing that is
        # agreed or declared cannot be the one agreeing, so the verb is a participle.
        group = ontology.groups.get(trigger.act.requires or "", frozenset())
        return bool(group) and trigger.act.plover is not None and trigger.act.plover.event in SETTLING_EVENTS \
            and any(child.dep_ == "nsubj" and _lemma(child) in group for child in head.children)
    if not trigger.act.standing_noun:
        return False
    if any(child.dep_ == "acl" and child.tag_ == "VBN" for child in head.children):
        return True
    # "before a local truce was due to take effect", "since the truce began"
    if head.dep_ in ("nsubj", "nsubjpass") and _in_time_clause(head.head):
        return True
    # "the area covered by the truce", "is not covered by the truce": what a truce covers or
    # binds is its scope, not news of the truce itself
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return True
    prep = head.head
    return head.dep_ == "pobj" and (prep.lower_ in ALWAYS_FRAME_PREPS or (
        prep.lower_ in FRAME_PREPS and prep.head.pos_ in NOUN_TAGS | {"AUX"}))


def _announce_violence(triggers: list[Trigger], ontology: Ontology) -> None:
    """A vow, promise or threat whose content is violence is a threat of force ("vowed to strike
    back", "threatened to shell"), coded with the violence's intent code."""
    heads = {trig.head.i: trig for trig in triggers}
    for trig in triggers:
        if not trig.act.if_violent:
            continue
        for child in trig.head.children:
            other = heads.get(child.i)
            if _content_clause(child) and other and other.act.family == "violence":
                plover, cameo = ontology.codes(other.act, "planned")  # a threat of force (138)
                trig.act = ontology.acts[trig.act.if_violent].model_copy(update={"plover": plover, "cameo": cameo})
                break


def _content_clause(child) -> bool:
    """A clause that says what a vow or promise is about: a complement, or a to-infinitive the
    tagger attached as an adverbial ("have sworn [to fight] until ...")."""
    return child.dep_ in ("xcomp", "ccomp") or (
        child.dep_ == "advcl" and is_to_infinitive(child))


# "X said Y must withdraw": a statement whose content is an obligation is a demand.
REPORTING_VERBS = words("act_words.yaml", "statement_verbs")
OBLIGATION_AUX = words("act_words.yaml", "obligation_aux")


def _reported_demands(tokens, lemmas, ontology: Ontology) -> list[Trigger]:
    demand = ontology.acts.get("demand")
    if demand is None:
        return []
    out = []
    for tok, lemma in zip(tokens, lemmas):
        if lemma not in REPORTING_VERBS or tok.pos_ != "VERB":
            continue
        for clause in tok.children:
            if clause.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in OBLIGATION_AUX
                                              for a in clause.children):
                out.append(Trigger(tok, [tok], demand, "verb"))
                break
    return out


def asked_clause(verb):
    """The infinitive clause a verb governs with someone else as its doer, or None:
    "wants [Putin to attack]", "urged Russia [to halt]", not "wants [to attack]"."""
    for clause in verb.children:
        if clause.dep_ in ("ccomp", "xcomp") and is_to_infinitive(clause) and asked_party(clause) is not None:
            return clause
    return None


def asked_party(clause):
    """Who is to do an asked-for act: the clause's own subject, else the asking verb's object."""
    own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i), None)


def _wishes_of_others(tokens, lemmas, ontology: Ontology) -> list[Trigger]:
    """"X wants Y to <act>" is X's appeal to Y (CAMEO 02, PLOVER REQUEST), not Y's act."""
    appeal = ontology.acts.get("appeal")
    wanting = words("clause_words.yaml", "wanting_verbs")
    if appeal is None or wanting.isdisjoint(lemmas):  # the usual sentence: one C-level check
        return []
    return [Trigger(tok, [tok], appeal, "verb") for tok, lemma in zip(tokens, lemmas)
            if lemma in wanting and tok.pos_ == "VERB" and asked_clause(tok) is not None]


# Prepositions that join two words for one act ("killed in an air strike", "attack with
# mortars"); "despite warnings", "after talks" join two different acts.
SAME_ACT_PREPS = words("act_words.yaml", "same_act_preps")


def _dependents(token):
    """Direct dependents, and objects reached through a preposition; for a noun act that is a
    subject, the casualty verbs of its clause too ("the bombing continued, killing 12")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ not in SAME_ACT_PREPS:
            continue
        yield child
        if child.dep_ in ("prep", "agent"):
            yield from (g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in NOUN_TAGS:
        yield from (s for s in token.head.children if s.dep_ in ("advcl", "conj") and s.pos_ == "VERB")


def is_casualty_only(trigger: Trigger) -> bool:
    """A "killed"/"wounded" verb: it reports a toll, and an act only when nothing else does."""
    # the lexicon's list, not the act's: "soldiers killed" stays a toll after becoming an attack
    return trigger.kind == "verb" and _lemma(trigger.head) in default_lexicon().casualty_verbs


def _is_outcome(trigger: Trigger) -> bool:
    """A verb that reports what another act did: "killed", "the raid destroyed"."""
    return is_casualty_only(trigger) or (
        trigger.kind == "verb" and _lemma(trigger.head) in trigger.act.outcome_verbs)


def _event_name(trigger: Trigger) -> str | None:
    """The trigger's PLOVER event, to tell a verb act from a noun of another event it governs."""
    return trigger.act.plover.event if trigger.act.plover else None


def _better(a: Trigger, b: Trigger) -> Trigger:
    """Of two triggers of one act, the more telling: specific over generic, then priority."""
    rank_a = (not _is_outcome(a), not a.act.generic, a.act.priority, a.kind == "noun")
    rank_b = (not _is_outcome(b), not b.act.generic, b.act.priority, b.kind == "noun")
    return a if rank_a >= rank_b else b


def _merge_linked(triggers: list[Trigger]) -> list[Trigger]:
    """One act reported twice in one clause ("detonated a car bomb") becomes one trigger;
    a noun act that is the topic of an appeal or threat ("urged a truce") is not an event."""
    alive = list(triggers)
    changed = True
    while changed:
        changed = False
        owner = {tok.i: trig for trig in alive for tok in trig.tokens}
        for trig in alive:
            for dep in (d for tok in trig.tokens for d in _dependents(tok)):
                other = owner.get(dep.i)
                if other is None or other is trig:
                    continue
                casualty = is_casualty_only(other) or is_casualty_only(trig)
                if dep.dep_ == "conj" and not casualty:
                    continue  # "talked by phone and will meet": two acts
                # "agreed to lift" yields; "agreed that they should cooperate" is an agreement
                if trig.act.yields_to_content and dep.i == other.head.i and dep.dep_ == "xcomp" \
                        and other.act.family != "violence":
                    alive.remove(trig)  # "pledged to expel": the expulsion, planned
                    changed = True
                    break
                if trig.act.absorbs_theme and dep.i == other.head.i and other.act.family == trig.act.family \
                        and dep.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "pcomp") and not casualty:
                    alive.remove(other)  # "agreed to cooperate": the agreement is the act
                elif other.act.family == trig.act.family or casualty:
                    # "will support a resolution", "praised the agreement": a verb act's object
                    # of the same family but another PLOVER event is its theme, so the verb's act
                    # is the one reported ("attended a summit" stays one meeting)
                    theme = not casualty and trig.kind == "verb" and other.kind == "noun" \
                        and dep.dep_ == "dobj" and dep.i == other.head.i and _event_name(trig) != _event_name(other)
                    keep = trig if theme else _better(trig, other)
                    lose = other if keep is trig else trig
                    keep.add_tokens(*lose.tokens)
                    alive.remove(lose)
                elif trig.act.absorbs_theme and other.kind == "noun" and dep.i == other.head.i:
                    alive.remove(other)
                elif trig.act.family == "violence" and other.kind == "noun" and dep.i == other.head.i \
                        and other.act.family in TARGET_FAMILIES and dep.dep_ in ("dobj", "pobj", "nsubjpass"):
                    alive.remove(other)  # "attacked an aid convoy": the convoy is the target
                else:
                    continue
                changed = True
                break
            if changed:
                break
    return alive
