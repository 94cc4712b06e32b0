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
TARGET_ACTS = words("act_words.yaml", "target_acts")
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
    instruments_by_first: dict[str, list[tuple[tuple[str, ...], ActType]]] = field(default_factory=dict)
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
                lexicon.instruments.setdefault(tuple(word.lower().replace("-", " - ").split()), act)
            casualty.update(act.casualty_verbs)
        for entries in lexicon.phrases.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        lexicon.instrument_firsts = frozenset(key[0] for key in lexicon.instruments)
        for parts, act in sorted(lexicon.instruments.items(), key=lambda item: -len(item[0])):
            lexicon.instruments_by_first.setdefault(parts[0], []).append((parts, act))
        lexicon.casualty_verbs = frozenset(casualty)
        return lexicon


# Lemmas the tagger is known to get wrong ("hoped": "hop"), read once: fixed_lemma runs per token.
LEMMA_FIXES = load("lemmas.yaml")


def fixed_lemma(token) -> str:
    """The token's lemma, corrected where the tagger is known to get it wrong (data/lemmas.yaml)."""
    return LEMMA_FIXES.get(token.lower_) or _proper_plural(token) or token.lemma_.lower()


def _proper_plural(token) -> str | None:
    """"Shells slammed into ...", "Rockets hit ..." after a dateline: a plural the tagger took for
    a proper noun keeps its own spelling as lemma; its singular, when that is a word of the act
    lexicon, is the lemma."""
    if token.tag_ not in ("NNP", "NNPS") or not token.is_title:
        return None
    word = token.lower_
    if token.lemma_.lower() != word or not word.endswith("s") or word.endswith("ss"):
        return None
    for singular in (word[:-3] + "y" if word.endswith("ies") else None, word[:-1], word[:-2]):
        if singular and singular in _lexicon_words():
            return singular
    return None


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Single words of the act lexicon and its word groups."""
    ontology = default_ontology()
    found = {w for group in ontology.groups.values() for w in group}
    lexicon = default_lexicon()
    for key in list(lexicon.nouns) + list(lexicon.instruments):
        found.add(key[-1] if isinstance(key, tuple) else str(key).split()[-1])
    return frozenset(str(w) for w in found)


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
    instrument: int | None = None  # the token whose instrument word typed a generic act

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
    return _proper_plural(token) or token.lemma_.lower()


def _match_phrase(tokens: list, lemmas: list[str], i: int, lexicon: Lexicon):
    """The longest multiword entry starting at sentence position i, if any; a verb phrase may have
    its object inside it ("took four shepherds hostage", "set the depot on fire")."""
    for parts, kind, act in lexicon.phrases.get(lemmas[i], ()):
        n = len(parts)
        if i + n <= len(lemmas) and _spelled_at(tokens, lemmas, i, parts):
            return tokens[i:i + n], kind, act
    for parts, kind, act in lexicon.phrases.get(lemmas[i], ()):
        rest = _rest_after_object(tokens, lemmas, i, parts) if kind == "verb" else None
        if rest is not None:
            return [tokens[i], *rest], kind, act
    return None


def _spelled_at(tokens: list, lemmas: list[str], at: int, parts) -> bool:
    return all(lemmas[at + k] == part or tokens[at + k].lower_ == part for k, part in enumerate(parts))


OBJECT_SPAN = 6  # how many words an object written inside a verb phrase may take
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "det", "poss"})


def _rest_after_object(tokens: list, lemmas: list[str], i: int, parts) -> list | None:
    """The words of a verb phrase after the verb's object, when they hang on the verb: "took
    [four shepherds] hostage", "held [the driver] for ransom"."""
    verb, rest = tokens[i], parts[1:]
    if not rest or verb.pos_ not in VERB_TAGS or not any(t.head.i == verb.i and t.dep_ == "dobj" for t in tokens):
        return None
    for at in range(i + 2, min(len(tokens) - len(rest) + 1, i + 2 + OBJECT_SPAN)):
        first, head = tokens[at], tokens[at].head  # hung on the verb, or on its object ("the depot on fire")
        hung = head.i == verb.i or (head.dep_ == "dobj" and head.head.i == verb.i)
        # an object in between ("four shepherds"), and the phrase's word no modifier inside it ("a UN aid convoy")
        between = any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in tokens[i + 1:at])
        if hung and between and first.dep_ not in MODIFIER_DEPS and _spelled_at(tokens, lemmas, at, rest):
            return tokens[at:at + len(rest)]
    return None


def _phrase_head(tokens, kind: str):
    wanted = VERB_TAGS if kind == "verb" else NOUN_TAGS
    if kind == "verb":
        return next((t for t in tokens if t.pos_ in wanted), tokens[0])
    return next((t for t in reversed(tokens) if t.pos_ in wanted), tokens[-1])


CLAUSE_LINKS = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl", "parataxis", "acl", "pcomp"})


def _neighbours(head):
    """Words that can satisfy an act's `requires`: children, their compounds and objects, the head."""
    for child in head.children:
        yield child
        if child.pos_ in ("VERB", "AUX") and child.dep_ in CLAUSE_LINKS:
            continue  # "surrendered, handing over 25 rifles": the rifles are the other verb's
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
    """A generic attack becomes an air strike, shelling... when its instrument is named nearby;
    of instruments starting at one word the longest wins ("barrel bomb" over "bomb"), and the
    instrument's own modifiers may change it again ("a suicide car bomber" is no aircraft)."""
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
        found = _instrument_at(tok, lexicon)
        if found is not None:
            act, window = found
            trigger.act = _modified(act, window[-1], lexicon.ontology) or act
            trigger.instrument = tok.i
            return


def _done_by_its_means(trigger: Trigger, lexicon: Lexicon) -> None:
    """"An explosive shattered windows and damaged a room": damage whose doer is a weapon is
    what that weapon does (a bombing), not property destruction by someone."""
    head = trigger.head
    if trigger.kind != "verb" or _lemma(head) not in trigger.act.outcome_verbs:
        return
    verb = head.head if head.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in head.children) else head
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        found = next(filter(None, (_instrument_at(t, lexicon) for t in subject.subtree)), None)
        if found is not None and found[0].family == trigger.act.family and found[0] is not trigger.act:
            trigger.act = found[0]
            trigger.instrument = subject.i
            return


def _instrument_at(tok, lexicon: Lexicon):
    """(act, tokens) of the longest instrument starting at this word, if any."""
    candidates = lexicon.instruments_by_first.get(_lemma(tok)) or lexicon.instruments_by_first.get(tok.lower_)
    if not candidates:
        return None
    doc = tok.doc
    for parts, act in candidates:
        window = doc[tok.i:tok.i + len(parts)]
        if len(window) == len(parts) and all(_lemma(t) == p or t.lower_ == p for t, p in zip(window, parts)):
            return act, window
    return None


def _merge_instruments(triggers: list[Trigger]) -> list[Trigger]:
    """"as shelling hits the town": a generic verb typed by an instrument word that is itself an act
    of the same type names one act, however the two are parsed."""
    by_token = {tok.i: trig for trig in triggers for tok in trig.tokens}
    dropped = []
    for trig in triggers:
        other = by_token.get(trig.instrument) if trig.instrument is not None else None
        if other is not None and other is not trig and other.act.name == trig.act.name \
                and not any(d is other for d in dropped):
            other.add_tokens(*trig.tokens)
            dropped.append(trig)
    return [t for t in triggers if not any(t is d for d in dropped)]


def _modifier_words(token) -> set[str]:
    """Lemmas and words of what modifies a noun from the left ("suicide car" in "suicide car bomb",
    "rocket-propelled" in "rocket-propelled grenade")."""
    found = set()
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "npadvmod", "nmod", "nummod"):
            for tok in child.subtree:
                found.update((_lemma(tok), tok.lower_))
    return found


def _modified(act: ActType, token, ontology: Ontology) -> ActType | None:
    """The act a modifier of an explosive act's noun or instrument makes it (acts.yaml
    `act_modifiers`), or None."""
    if act.acled is None or act.acled.event_type != "Explosions/Remote violence" or not ontology.modifiers:
        return None
    present = _modifier_words(token)
    if not present:
        return None
    for word, variant, unless in ontology.modifiers:
        if word in present and not unless & present:
            return ontology.acts[variant]
    return None


def _modify(trigger: Trigger, ontology: Ontology) -> None:
    """"a suicide car bomb", "rocket-propelled grenades": the words before the act's noun say what
    kind of explosive act it is."""
    if trigger.kind == "noun":
        trigger.act = _modified(trigger.act, trigger.head, ontology) or trigger.act


def _victims(head):
    """Who an act harms: its object or passive subject, the noun a participle describes
    ("soldiers killed"), the object of "of" ("the killing of soldiers"), or what it is aimed at
    ("an attack on a checkpoint", "fired at soldiers")."""
    aimed = AIMED_NOUN_PREPS if head.pos_ in NOUN_TAGS else (
        AIMED_VERB_PREPS if _lemma(head) in AIMING_VERBS else frozenset())
    if elided_passive(head):
        yield from (c for c in head.children if c.dep_ == "nsubj")
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            yield child
        elif child.dep_ == "prep" and (child.lower_ == "of" or child.lower_ in aimed):
            yield from (g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "advcl" and is_to_infinitive(child) and _purpose_verb(child):
            yield from (g for g in child.children if g.dep_ == "dobj")  # "fired to disperse protesters"
    if head.dep_ in ("acl", "relcl") and head.head.pos_ in NOUN_TAGS and _suffered_by_its_noun(head):
        yield head.head


def _suffered_by_its_noun(clause) -> bool:
    """"soldiers killed in the ambush", "the village that the rebels burned": the noun suffered
    the act; "the group that has seized parts of Iraq", "fighters attacking the town" did it."""
    if clause.dep_ == "acl":
        return clause.tag_ == "VBN"
    return not any(c.dep_ in ("nsubj", "csubj") and (c.tag_ in RELATIVE_TAGS or c.lower_ == "that")
                   for c in clause.children)


def _harmed_in(head):
    """Who died or was hurt in a noun act: "three policemen died in a shooting" (they say what
    the act was, though the toll is the sentence's, read by tolls.py)."""
    if head.pos_ in NOUN_TAGS and head.dep_ == "pobj" and head.head.lower_ in CIRCUMSTANCE_PREPS:
        verb = head.head.head
        if _lemma(verb) in HARMED_VERBS:
            yield from (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


# "an attack on a checkpoint", "fired at soldiers": what an act is aimed at; "killed on the road"
# names a place, so a verb's prepositions count only for verbs of aiming.
AIMED_NOUN_PREPS = words("act_words.yaml", "aimed_noun_preps")
HARMED_VERBS = words("tolls.yaml", "dying_verbs") | words("tolls.yaml", "killing_verbs") \
    | words("tolls.yaml", "injuring_verbs")
AIMED_VERB_PREPS = words("act_words.yaml", "aimed_verb_preps")
AIMING_VERBS = words("act_words.yaml", "aiming_verbs")


def _in_group(party, group: frozenset[str]) -> bool:
    """A party is a word of the group, or is modified by one ("police officers", "an army convoy")."""
    if _lemma(party) in group or party.lower_ in group:
        return True
    return any(c.dep_ in ("compound", "amod") and (_lemma(c) in group or c.lower_ in group)
               for c in party.children)


def _switch_variant(trigger: Trigger, ontology: Ontology, variant: str | None, group_name: str | None,
                    parties) -> bool:
    """Recode the trigger as `variant` when one of `parties` (its victims, its doers) is a word of
    the ontology group `group_name`: who is harmed or who acts can change what the act is."""
    if not variant:
        return False
    group = ontology.groups.get(group_name or "", frozenset())
    members = [m for party in parties for m in (party, *party.conjuncts, counted_whole(party))]
    if any(_in_group(party, group) for party in members):
        trigger.act = ontology.acts[variant]
        return True
    return False


def counted_whole(token):
    """"Hundreds of members of Boko Haram", "a group of gunmen", "two of the soldiers": the
    people counted or gathered, not the count."""
    if not (fixed_lemma(token) in PARTITIVE_HEADS or token.ent_type_ == "CARDINAL"):
        return token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.ent_type_ not in PLACE_ENTITIES:
                    return g  # not "a group of Puerto Rico": whose group, not who
    return token


PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})  # "which", "who", "whose"
PARTITIVE_HEADS = words("participants.yaml", "partitive_heads")


def armed_variant(act: ActType, harmed_by: Trigger) -> ActType | None:
    """The act `act` becomes when another word of it ("killing three soldiers" after "stormed the
    town") harms an armed side; None when it stays."""
    probe = Trigger(harmed_by.head, harmed_by.tokens, act, harmed_by.kind)
    return probe.act if _victim_variant(probe, default_ontology()) else None


def _victim_variant(trigger: Trigger, ontology: Ontology) -> bool:
    """Harm done to an armed side (soldiers, a checkpoint, a convoy) is an armed clash, not an
    attack on civilians; harm done to protesters is excessive force (ACLED)."""
    victims = list(_victims(trigger.head))
    if not victims and not trigger.act.generic:
        # a generic "the raid" often refers back to the report's act and keeps its type
        victims = list(_harmed_in(trigger.head))
    return any(_switch_variant(trigger, ontology, variant, group, victims)
               for group, variant in trigger.act.victim_variants)


def elided_passive(verb) -> bool:
    """A headline's passive without "were": "Three protesters shot dead in Omdurman", "Soldiers
    wounded in ambush" - the subject is who was harmed, not who harmed."""
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB",) or any(
            c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    dead = words("tolls.yaml", "result_words")
    return verb.tag_ == "VBN" or any(c.dep_ in ("oprd", "acomp") and c.lower_ in dead for c in verb.children)


def _doers(head):
    """Who does an act: the subject of an active verb, the by-phrase of a passive one; a verb
    coordinated with another shares its subject ("Protesters threw stones and burned tyres")."""
    passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in head.children) or elided_passive(head)
    found = False
    for child in head.children:
        if child.dep_ == "nsubj" and not passive:
            found = True
            yield child
        elif child.dep_ == "agent":
            found = True
            yield from (g for g in child.children if g.dep_ == "pobj")
    if not found and not passive and head.dep_ == "conj" and head.head.i != head.i:
        yield from _doers(head.head)


def _doer_variant(trigger: Trigger, ontology: Ontology) -> None:
    """Who does it can change what it is: property demolished by protesters is a riot, people
    attacked by a mob suffer mob violence."""
    doers = list(_doers(trigger.head))
    for group, variant in trigger.act.doer_variants:
        if _switch_variant(trigger, ontology, variant, group, doers):
            return


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
        # A plural noun written in the lexicon as it is ("talks") is looked up as written.
        noun_key = lemma if lemma in lexicon.nouns else tok.lower_
        if lemma not in lexicon.phrases and lemma not in lexicon.verbs and noun_key not in lexicon.nouns:
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
            if kind == "verb":
                # "slammed into the embassy" without the munitions its sense needs: still not the
                # bare verb's other sense ("slam": criticise); the phrase is a word of its own
                i += len(matched)
                continue
        if lemma in lexicon.verbs and (acts_as_verb(tok) or _verb_taken_for_noun(tok, noun_key, lexicon)) \
                and tok.dep_ != "amod":  # not "long-threatened"
            kind, candidates = "verb", lexicon.verbs[lemma]
        elif _as_noun(tok) and noun_key in lexicon.nouns and (
                tok.dep_ != "compound" or _lemma(tok.head) in CARRIER_NOUNS):
            kind, candidates = "noun", lexicon.nouns[noun_key]
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
    found.extend(_withheld(tokens, lemmas, ontology, {t.head.i for t in found}))
    references = {trig.head.i for trig in found if _is_reference(trig, ontology)}
    found = [trig for trig in found if trig.head.i not in references and not (
        trig.kind == "noun" and trig.head.dep_ == "nsubj" and trig.head.head.i in references)
        and not _vetoed(trig, ontology)]
    for trig in found:
        _refine(trig, lexicon)
        _done_by_its_means(trig, lexicon)
        _modify(trig, ontology)
        _victim_variant(trig, ontology)
        _doer_variant(trig, ontology)
    found = _merge_instruments(found)
    found = _drop_topics(found)
    demands = _reported_demands(tokens, lemmas, ontology) + _wishes_of_others(tokens, lemmas, ontology)
    demanded = {t.head.i for t in demands}
    found = [t for t in found if not (t.head.i in demanded and _yields_to_demand(t))]
    found.extend(d for d in demands if d.head.i not in {t.head.i for t in found})
    found = _intentions(found, ontology)
    found = _enacted_orders(found)
    _named_by_theme(found)
    found = _drop_targets_of_carried_violence(found)
    absorbed = {i for trig in found for i in trig.absorbed}
    merged = _merge_linked(_merge_consequences([trig for trig in found if trig.head.i not in absorbed]))
    _announce_violence(merged, ontology)
    return merged


def _drop_targets_of_carried_violence(found: list[Trigger]) -> list[Trigger]:
    """"an attack that guerrillas launched against a patrol": the patrol a violent act named in
    its own clause is aimed at is its target, not a troop movement reported."""
    violent = {trig.head.i for trig in found if trig.act.family == "violence" and trig.kind == "noun"}
    if not violent:
        return found

    def aimed_at_by_carried_act(trig: Trigger) -> bool:
        head = trig.head
        if trig.kind != "noun" or not (trig.act.family in TARGET_FAMILIES or trig.act.name in TARGET_ACTS):
            return False
        verb = head.head.head if head.dep_ == "pobj" else head.head if head.dep_ in ("dobj", "obj") else None
        return verb is not None and verb.dep_ in ("relcl", "acl") and verb.head.i in violent \
            and _lemma(verb) in LIGHT_VERBS | VIOLENCE_CARRIERS

    return [trig for trig in found if not aimed_at_by_carried_act(trig)]


def _named_by_theme(found: list[Trigger]) -> None:
    """"Threw petrol bombs": a verb that is a violent act only through the weapon it throws
    takes the act that weapon's own name says (arson, not a bombing)."""
    nouns = {trig.head.i: trig for trig in found if trig.kind == "noun" and trig.act.family == "violence"}
    for trig in found:
        if trig.kind != "verb" or trig.act.family != "violence":
            continue
        named = next((nouns[i] for i in trig.absorbed if i in nouns and nouns[i].act.name != trig.act.name), None)
        if named is not None:
            trig.act = named.act
            trig.add_tokens(*(t for t in named.tokens if t.i != trig.head.i))


WITHHELD_VERBS = words("act_words.yaml", "withheld_verbs")


def _withheld(tokens, lemmas, ontology: Ontology, taken: set[int]) -> list[Trigger]:
    """"circled for an hour without dropping anything", "without firing a shot": an attack the
    sentence says did not happen (its status is read as negated; instruments nearby type it)."""
    attack = ontology.acts.get("attack")
    if attack is None:
        return []
    return [Trigger(tok, [tok], attack, "verb") for tok, lemma in zip(tokens, lemmas)
            if lemma in WITHHELD_VERBS and tok.pos_ == "VERB" and tok.dep_ == "pcomp"
            and tok.head.lower_ == "without" and tok.i not in taken]


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


def acts_as_verb(tok) -> bool:
    """A verb, or a word the tagger took for a plural noun that still takes an object: "Gunman
    kills 12 people" (a headline's present tense)."""
    return tok.pos_ == "VERB" or (tok.tag_ == "NNS" and tok.dep_ == "ROOT"
                                  and any(c.dep_ == "dobj" for c in tok.children)) or _headline_verb(tok)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _verb_taken_for_noun(tok, noun_key: str, lexicon: Lexicon) -> bool:
    """"A bomb planted by the group explodes in a park", "Gunmen shoot dead two men": in a sentence
    the tagger left without a finite verb, a word it called a noun that names an act only as a
    verb (no act noun is spelled so) is the sentence's verb; one listed with nouns ("kills and
    injuries") is a noun."""
    listed = (tok.dep_ == "conj" and tok.head.pos_ == "NOUN") or any(
        c.dep_ == "conj" and c.pos_ == "NOUN" for c in tok.children)
    return tok.pos_ == "NOUN" and noun_key not in lexicon.nouns and not listed and not any(
        t.tag_ in FINITE_TAGS or t.pos_ == "AUX" for t in tok.sent)


def _headline_verb(tok) -> bool:
    """"Taliban attack Kunduz checkpoint; 10 dead": in a line with no verb at all, a word the tagger
    ran into one long noun compound between a name and what follows is the headline's verb."""
    if tok.tag_ not in ("NN", "VBP") or tok.dep_ != "compound" or tok.i == tok.sent.start:
        return False
    before = tok.doc[tok.i - 1]
    if before.pos_ not in ("PROPN", "NOUN") or before.dep_ != "compound" or tok.i + 1 >= tok.sent.end:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in tok.sent)


def _as_noun(tok) -> bool:
    """A noun, or a lexicon noun the tagger took for an auxiliary ("Shelling hit Idlib"); never a
    month's name in a date ("March 5" in a dateline is no march)."""
    if tok.is_title and tok.ent_type_ in ("DATE", "TIME"):
        return False
    return tok.pos_ in NOUN_TAGS or (tok.pos_ == "AUX" and tok.lower_ not in AUXILIARY_WORDS)


AUXILIARY_WORDS = words("act_words.yaml", "auxiliary_words")
# Families whose acts a participle can mention as settled background ("the truce agreed last week").
BACKGROUND_FAMILIES = words("act_words.yaml", "background_families")
# "part of the truce", "under the truce", "since the truce": the truce is a frame, not news.
FRAME_PREPS = words("act_words.yaml", "frame_preps")
ALWAYS_FRAME_PREPS = words("act_words.yaml", "always_frame_preps")
UPHOLDING_VERBS = words("act_words.yaml", "upholding_verbs")


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
    return any(_in_group(tok, group) for tok in near)


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
    # "to save the Idlib truce", "would respect the ceasefire": the arrangement in force
    if head.dep_ == "dobj" and head.head.lemma_.lower() in UPHOLDING_VERBS:
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


# Prepositions that put a generic act ("a raid", "an operation") as the circumstance of the
# act of their verb: "seized weapons in a raid", "were arrested during an operation".
CIRCUMSTANCE_PREPS = words("act_words.yaml", "circumstance_preps")
VIOLENCE_CARRIERS = words("act_words.yaml", "violence_carriers")
PURPOSE_ACTS = words("act_words.yaml", "purpose_acts")
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
    if token.pos_ in VERB_TAGS:
        # "Rockets fired from the south struck homes": the participle describing the act's doer
        # or object is the same act
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                yield from (g for g in child.children if g.dep_ == "acl" and g.tag_ == "VBN")


def is_casualty_only(trigger: Trigger) -> bool:
    """A "killed"/"wounded" verb, or one that kills with its result ("shot dead", "hacked to
    death"): it reports a toll, and an act only when nothing else does."""
    # the lexicon's list, not the act's: "soldiers killed" stays a toll after becoming an attack
    if trigger.kind != "verb":
        return False
    head = trigger.head
    if head.dep_ in ("xcomp", "acl") and _lemma(head.head) in ATTEMPT_WORDS:
        return False  # "tried to kill the mayor": the attempt is the act; nobody died of it
    lemma = _lemma(head)
    return lemma in default_lexicon().casualty_verbs or (
        lemma in KILLING_WITH_RESULT and any(_is_result(c) for c in trigger.head.children))


KILLING_WITH_RESULT = words("tolls.yaml", "killing_with_result")
ATTEMPT_WORDS = words("clause_words.yaml", "attempt_words") | words("clause_words.yaml", "failed_attempt_verbs")
RESULT_WORDS = words("tolls.yaml", "result_words")


def _is_result(child) -> bool:
    """"dead" in "shot dead", "to death" in "hacked to death"."""
    if child.lower_ in RESULT_WORDS:
        return True
    return child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ in RESULT_WORDS for g in child.children)


def _is_outcome(trigger: Trigger) -> bool:
    """A verb that reports what another act did: "killed", "the raid destroyed"."""
    return is_casualty_only(trigger) or (
        trigger.kind == "verb" and _lemma(trigger.head) in trigger.act.outcome_verbs)


def _event_name(trigger: Trigger) -> str | None:
    """The trigger's PLOVER event, to tell a verb act from a noun of another event it governs."""
    return trigger.act.plover.event if trigger.act.plover else None


def _better(a: Trigger, b: Trigger) -> Trigger:
    """Of two triggers of one act, the more telling: specific over generic, then priority."""
    rank_a = (not _is_outcome(a), _severity(a.act), not a.act.generic, a.act.priority, a.kind == "noun")
    rank_b = (not _is_outcome(b), _severity(b.act), not b.act.generic, b.act.priority, b.kind == "noun")
    return a if rank_a >= rank_b else b


PROTEST_ESCALATION = tuple(str(a) for a in load("act_words.yaml")["protest_escalation"])  # most severe first


def _severity(act: ActType) -> int:
    """How far up the protest escalation an act is (0 for any other act): live fire at a march
    outranks its dispersal."""
    return len(PROTEST_ESCALATION) - PROTEST_ESCALATION.index(act.name) if act.name in PROTEST_ESCALATION else 0


def _purpose_verb(verb) -> bool:
    """"to disperse", "to break up": a verb of an act that can be another act's purpose."""
    return any(act.name in PURPOSE_ACTS for act in default_lexicon().verbs.get(fixed_lemma(verb), ()))


def _harmed_someone(trigger: Trigger) -> bool:
    """"opened fire to disperse the marchers, killing one": force that killed or wounded is more
    than a dispersal, whatever it was meant for."""
    harm = words("tolls.yaml", "killing_verbs") | words("tolls.yaml", "injuring_verbs")
    return any(t.lemma_.lower() in harm and t.i != trigger.head.i for tok in trigger.tokens
               for t in (tok, *tok.children))


CONSEQUENCE_VERBS = words("act_words.yaml", "consequence_verbs")


def _merge_consequences(triggers: list[Trigger]) -> list[Trigger]:
    """"attacked a police checkpoint, setting off a gunbattle that lasted until dawn": violence an
    act sets off, named as the object of its participle, is the same incident."""
    by_head = {t.head.i: t for t in triggers}
    alive = list(triggers)
    for trig in triggers:
        if trig not in alive or trig.act.family != "violence":
            continue
        for clause in trig.head.children:
            if clause.dep_ not in ("advcl", "conj", "relcl") or fixed_lemma(clause) not in CONSEQUENCE_VERBS:
                continue
            objects = [c for c in clause.children if c.dep_ == "dobj"]
            objects += [g for c in clause.children if c.dep_ == "prep" and c.lower_ == "to"
                        for g in c.children if g.dep_ == "pobj"]
            for obj in objects:
                other = by_head.get(obj.i)
                if other is not None and other in alive and other is not trig and other.act.family == "violence":
                    trig.add_tokens(*other.tokens)
                    alive.remove(other)
    return alive


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
                if dep.i == other.head.i and dep.dep_ == "advcl" and other.act.name in PURPOSE_ACTS \
                        and is_to_infinitive(dep) and not casualty and not _harmed_someone(trig):
                    other.add_tokens(*trig.tokens)  # "fired into the air to disperse the crowd"
                    alive.remove(trig)
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
                    # "defected ..., handing over their rifles": the main clause's act is the
                    # one reported, its participle a detail of it
                    detail = not casualty and dep.dep_ == "advcl" and dep.i == other.head.i \
                        and not trig.act.generic and not is_to_infinitive(dep)
                    keep = trig if theme or detail else _better(trig, other)
                    lose = other if keep is trig else trig
                    keep.add_tokens(*lose.tokens)
                    alive.remove(lose)
                elif trig.act.absorbs_theme and other.kind == "noun" and dep.i == other.head.i \
                        and other.act.family == "violence" and (dep.dep_ == "dobj" or (
                            dep.dep_ == "pobj" and dep.head.lower_ == "with")) \
                        and _lemma(trig.head) in VIOLENCE_CARRIERS:
                    alive.remove(trig)  # "pressed (on with) an offensive": the offensive is the act
                elif trig.act.absorbs_theme and other.kind == "noun" and dep.i == other.head.i:
                    alive.remove(other)
                elif trig.kind == "verb" and not casualty and other.act.generic and other.kind == "noun" \
                        and dep.i == other.head.i and dep.dep_ == "pobj" and dep.head.lower_ in CIRCUMSTANCE_PREPS:
                    alive.remove(other)  # "seized weapons in a raid": the raid is how, the seizure the news
                elif trig.act.family == "violence" and other.kind == "noun" and dep.i == other.head.i \
                        and (other.act.family in TARGET_FAMILIES or other.act.name in TARGET_ACTS) \
                        and dep.dep_ in ("dobj", "pobj", "nsubjpass"):
                    alive.remove(other)  # "attacked an aid convoy", "ambushed a patrol": the target
                else:
                    continue
                changed = True
                break
            if changed:
                break
    return alive
