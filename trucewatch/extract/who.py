"""Who did it to whom: initiators and targets of a trigger, read from the dependency parse.

Handles active and passive voice, by-phrases ("was hit by government jets"), nominalisations
("Russian bombing of X", "the army's offensive"), light verbs ("jets carried out a raid"),
control ("denied bombing") and coordination ("Syrian and Russian bombing" gives two actors).
"""
from __future__ import annotations

from dataclasses import dataclass

from trucewatch.extract.what import LIGHT_VERBS, Trigger

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "obj", "attr")
TARGET_PREPS = frozenset({"on", "against", "at", "in", "into", "of", "upon", "toward", "towards", "with"})
NOUN_TARGET_PREPS = frozenset({"on", "against", "of", "at", "upon", "targeting", "targetting"})
INITIATOR_PREPS = frozenset({"by", "from"})
# Words that head a place, time or quantity, not a participant.
NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class Participant:
    """A participant as written: the phrase, its head token and character offsets."""

    text: str
    head_i: int
    start: int
    end: int
    role: str  # initiator | target


def _phrase(token) -> tuple[str, int, int]:
    """The noun phrase headed by `token`, without relative clauses, appositions or conjuncts."""
    keep = {"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod", "advmod",
            "npadvmod", "punct", "hmod", "hyph"}
    left = token.i
    for child in token.lefts:
        if child.dep_ in keep or child.dep_ == "nmod":
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "case", "nmod") or (
                child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in
                {"force", "member", "army", "ministry", "minister", "militia", "unit", "group"}):
            right = max(right, child.right_edge.i)
    doc = token.doc
    while left < token.i and doc[left].dep_ in ("punct", "cc", "case"):
        left += 1
    while right > token.i and doc[right].dep_ in ("case", "punct"):
        right -= 1
    span = doc[left:right + 1]
    return span.text, span.start_char, span.end_char


def _conjuncts(token):
    """The token and the words coordinated with it ("Syrian and Russian", "rebels and troops")."""
    yield token
    for conj in token.conjuncts:
        yield conj


def _usable(token) -> bool:
    if token.ent_type_ in NOT_PARTICIPANT_ENTS:
        return False
    if token.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
        return False
    return True


def _entity_span(token):
    """The named entity a word belongs to ("Asia-Pacific Economic Cooperation"), or None.

    Walks the IOB tags from the token (cheap) instead of building `doc.ents` each time."""
    if token.ent_type_ not in ("ORG", "GPE", "NORP", "PERSON", "FAC") or token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _split_modifiers(member) -> list[tuple[str, int, int, int]] | None:
    """"Hungarian and Romanian officials": one actor per coordinated modifier."""
    for child in member.lefts:
        if child.dep_ in ("amod", "compound") and child.conjuncts:
            parts = []
            for modifier in (child, *child.conjuncts):
                if modifier.i > member.i:
                    continue
                text = f"{modifier.text} {member.text}"
                parts.append((text, modifier.i, modifier.idx, member.idx + len(member.text)))
            return parts if len(parts) > 1 else None
    return None


def _antecedent(pronoun):
    """A pronoun subject stands for the subject of the clause above it ("Hungary said it will")."""
    node = pronoun.head
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != pronoun.i and child.pos_ != "PRON":
                return child
    return None


def _make(token, role: str) -> list[Participant]:
    out = []
    for member in _conjuncts(token):
        if member.pos_ == "PRON" and member.lower_ in ("it", "they", "he", "she", "we"):
            antecedent = _antecedent(member)
            if antecedent is not None:
                member = antecedent
        if not _usable(member):
            continue
        entity = _entity_span(member)
        split = _split_modifiers(member) if entity is None else None
        if split:
            out.extend(Participant(text, head, start, end, role) for text, head, start, end in split)
            continue
        if entity is not None and (member.dep_ == "amod" or member.pos_ == "ADJ" or len(entity) > 1):
            text, start, end = entity.text, entity.start_char, entity.end_char
            if member.dep_ not in ("amod",) and member.pos_ != "ADJ":
                text, start, end = _phrase(member)
                if entity.start_char < start or entity.end_char > end:
                    text, start, end = entity.text, entity.start_char, entity.end_char
        elif member.dep_ == "amod" or member.pos_ == "ADJ":
            text, start, end = member.text, member.idx, member.idx + len(member.text)
        else:
            text, start, end = _phrase(member)
        out.append(Participant(text, member.i, start, end, role))
    return out


def _verb_participants(verb, initiators: list, targets: list) -> None:
    passive = any(child.dep_ in PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in verb.children)
    for child in verb.children:
        dep = child.dep_
        if dep in SUBJECTS and not passive:
            initiators.extend(_make(child, "initiator"))
        elif dep in PASSIVE_SUBJECTS:
            targets.extend(_make(child, "target"))
        elif dep in OBJECTS:
            targets.extend(_make(child, "target"))
        elif dep == "agent" or (dep == "prep" and child.lower_ in INITIATOR_PREPS and passive):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    initiators.extend(_make(pobj, "initiator"))
        elif dep == "prep" and child.lower_ in TARGET_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS:
                    targets.extend(_make(pobj, "target"))
    if not initiators and verb.dep_ in ("xcomp", "advcl", "conj", "acl", "pcomp") and not passive:
        # Control and coordination: "denied bombing", "struck ..., killing", "attacked and seized".
        governor = verb.head
        if verb.dep_ == "pcomp":  # "accused X of bombing": the accused did it
            governor = verb.head.head
            for child in governor.children:
                if child.dep_ in OBJECTS:
                    initiators.extend(_make(child, "initiator"))
                    return
        if verb.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN"):
            initiators.extend(_make(governor, "initiator"))
            return
        for child in governor.children:
            if child.dep_ in SUBJECTS:
                initiators.extend(_make(child, "initiator"))
            elif child.dep_ == "agent":
                initiators.extend(p for g in child.children if g.dep_ == "pobj"
                                  for p in _make(g, "initiator"))


def _noun_participants(noun, initiators: list, targets: list) -> None:
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            initiators.extend(_make(child, "initiator"))
        elif dep in ("amod", "compound") and (child.ent_type_ in ("NORP", "GPE", "ORG")
                                              or child.pos_ == "PROPN"
                                              or child.lemma_.lower() in ACTOR_MODIFIERS):
            initiators.extend(_make(child, "initiator"))
        elif dep == "prep" and child.lower_ in INITIATOR_PREPS:
            initiators.extend(p for g in child.children if g.dep_ == "pobj" for p in _make(g, "initiator"))
        elif dep == "prep" and child.lower_ in NOUN_TARGET_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in PLACE_ENTS | {"DATE"}:
                    targets.extend(_make(pobj, "target"))
        elif dep == "acl":  # "an attack targeting a convoy"
            targets.extend(p for g in child.children if g.dep_ in OBJECTS for p in _make(g, "target"))
    head = noun.head
    if noun.dep_ in OBJECTS and head.lemma_.lower() in CARRIER_VERBS and not initiators:
        carried_targets: list[Participant] = []
        _verb_participants(head, initiators, carried_targets)
        targets.extend(p for p in carried_targets if p.head_i != noun.i)
    elif noun.dep_ in SUBJECTS and not targets:
        # "the raid hit a hospital": the verb's object is the noun act's target.
        for child in head.children:
            if child.dep_ in OBJECTS:
                targets.extend(_make(child, "target"))


# Verbs that carry a noun act or weapon: "carried out a raid", "dropped barrel bombs on".
CARRIER_VERBS = LIGHT_VERBS | frozenset({"drop", "fire", "use", "plant", "throw", "hurl", "lob", "send",
                                         "detonate", "explode", "set", "unleash", "deploy"})

# Modifiers that name who acted: "government bombing", "regime shelling", "rebel attack".
ACTOR_MODIFIERS = frozenset({
    "government", "regime", "army", "military", "rebel", "insurgent", "militant", "jihadist",
    "opposition", "police", "israeli", "coalition", "militia", "terrorist", "separatist", "air",
})


# Acts done *for* or *with* someone: their target is the recipient or partner, not the thing given.
RECIPIENT_FAMILIES = frozenset({"diplomacy", "humanitarian", "de_escalation", "ceasefire"})
RECIPIENT_PREPS = frozenset({"to", "with", "between", "for", "from", "in", "into"})
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _recipients(token, targets: list) -> None:
    """"gave Tanzania a grant", "handed over to Britain", "met with the envoy", "arrived in Amman"."""
    for child in token.children:
        if child.dep_ == "dative":
            targets.extend(_make(child, "target"))
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.ent_type_ in ACTOR_ENTS or child.lower_ in ("to", "with", "between")):
                    targets.extend(_make(pobj, "target"))


def _actor_like(participant: Participant, doc) -> bool:
    head = doc[participant.head_i]
    return head.ent_type_ in ACTOR_ENTS or head.pos_ == "PROPN" or head.lemma_.lower() in PEOPLE_WORDS


PEOPLE_WORDS = frozenset({"government", "minister", "president", "leader", "official", "rebel", "army",
                          "force", "troop", "delegation", "envoy", "counterpart", "people", "refugee",
                          "civilian", "prisoner", "detainee", "hostage", "side", "party", "country"})


def participants(trigger: Trigger) -> tuple[list[Participant], list[Participant]]:
    """(initiators, targets) of one trigger, each once, in text order."""
    initiators: list[Participant] = []
    targets: list[Participant] = []
    for token in trigger.tokens:
        if token.pos_ in ("VERB", "AUX"):
            _verb_participants(token, initiators, targets)
        elif token.i == trigger.head.i:
            _noun_participants(token, initiators, targets)
    if trigger.act.family in RECIPIENT_FAMILIES:
        doc = trigger.head.doc
        targets = [t for t in targets if _actor_like(t, doc)]
        for token in trigger.tokens:
            _recipients(token, targets)
    own = {tok.i for tok in trigger.tokens}
    return _unique(initiators, own), _unique(targets, own | {p.head_i for p in initiators})


def _unique(items: list[Participant], exclude: set[int]) -> list[Participant]:
    seen, out = set(exclude), []
    for item in sorted(items, key=lambda p: p.start):
        if item.head_i in seen:
            continue
        seen.add(item.head_i)
        out.append(item)
    return out
