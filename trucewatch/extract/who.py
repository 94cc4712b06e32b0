"""Who did it to whom: initiators and targets of a trigger, read from the dependency parse.

Handles active and passive voice, by-phrases ("was hit by government jets"), nominalisations
("Russian bombing of X", "the army's offensive"), light verbs ("jets carried out a raid"),
control ("denied bombing") and coordination ("Syrian and Russian bombing" gives two actors).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from trucewatch.extract.datafiles import actor_nouns, load, words
from trucewatch.ontology import default_ontology
from trucewatch.nlp import text_of
from trucewatch.extract.what import (CARRIER_NOUNS, LIGHT_VERBS, PLACE_ENTITIES, RELATIVE_TAGS, Trigger, asked_clause,
                                     asked_party, counted_whole, default_lexicon, elided_passive, fixed_lemma,
                                     is_to_infinitive)

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "obj", "attr")
# Words that head a place, time or quantity, not a participant.
NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
PLACE_ENTS = PLACE_ENTITIES


@dataclass
class Participant:
    """A participant as written: the phrase, its head token and character offsets."""

    text: str
    head_i: int
    start: int
    end: int
    role: str  # initiator | target
    owner: str | None = None  # the possessor's phrase, "its" resolved: "its helicopters" -> the ministry
    label: str = ""  # the head's entity label, or NAME for an unlabelled proper noun ("Dodik")
    needs_country: bool = False  # implied by a place ("a government checkpoint"): kept only if resolved
    as_place: bool = False  # written as a place: "the London pub bombing", "Mill Road, London"
    in_address: bool = False  # closes an address after a comma: "in the city of Homs, Syria killing five"


# A dateline opens a paragraph or follows a sentence: "HAMA, Syria (Levant Wire) - ". Upper-case
# place, optional ", Country", optional "(Outlet)", then a dash.
DATELINE = re.compile(r"(?:^|(?<=\n)|(?<=[.!?]\s))[ \t]*[A-Z][A-Z'.\-]+(?:[ \t]+[A-Z][A-Z'.\-]+)*"
                      r"(?:,[ \t]*[A-Z][\w'.\-]*(?:[ \t]+[A-Z][\w'.\-]*)*)?"
                      r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"  # ", March 3"
                      r"(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*[-\u2013\u2014]{1,2}[ \t]+")


def datelines(doc) -> list[tuple[int, int]]:
    """Character spans of the report's datelines, found once per document."""
    found = doc.user_data.get("trucewatch_datelines")
    if found is None:
        found = [(m.start(), m.end()) for m in DATELINE.finditer(text_of(doc))]
        doc.user_data["trucewatch_datelines"] = found
    return found


def in_dateline(token) -> bool:
    """Whether a word belongs to a dateline ("HAMA, Syria (Levant Wire) -"): never an actor."""
    return any(start <= token.idx < end for start, end in datelines(token.doc))


def _without_dateline(doc, text: str, start: int, end: int) -> tuple[str, int]:
    """A phrase that the tagger ran into the dateline ("IDLIB - Jets") starts after it."""
    for line_start, line_end in datelines(doc):
        if line_start <= start < line_end < end:
            return text_of(doc)[line_end:end], line_end
    return text, start


def after_dateline(span):
    """The span without a dateline at its start, for reading its places and actors."""
    doc = span.doc
    start = span.start
    while start < span.end and (doc[start].is_space or in_dateline(doc[start])):
        start += 1
    return doc[start:span.end] if start < span.end else span


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
                (_of_phrase(child, token) or _home_phrase(child, token) or _allegiance(child)
                 or _for_phrase(child, token))
                and child.i == right + 1):
            right = max(right, child.right_edge.i)
    doc = token.doc
    if token.dep_ == "conj" and token.i + 1 < len(doc) and _of_phrase(doc[token.i + 1], token) \
            and doc[token.i + 1].head.i == token.head.i:
        # "forces and fighters of the Free Syrian Army": the trailing of-phrase is the last conjunct's.
        right = max(right, doc[token.i + 1].right_edge.i)
    while left < token.i and (doc[left].dep_ in ("punct", "cc", "case") or in_dateline(doc[left])):
        left += 1
    while right > token.i and doc[right].dep_ in ("case", "punct"):
        right -= 1
    span = doc[left:right + 1]
    return span.text, span.start_char, span.end_char


OF_HEADS = words("participants.yaml", "of_heads")


def _of_phrase(child, token) -> bool:
    """"forces of the interim government": an of-phrase that names whose forces they are."""
    return child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in OF_HEADS


def _for_phrase(child, token) -> bool:
    """"a spokesman for the RSF": whom the speaker speaks for."""
    return child.dep_ == "prep" and child.lower_ == "for" and token.lemma_.lower() in _words("for_heads")


def _allegiance(child) -> bool:
    """"forces loyal to Khalifa Haftar", "militias allied with Tehran": whose side they are on."""
    return child.dep_ in ("amod", "acl") and child.lemma_.lower() in _words("allegiance_words") and any(
        g.dep_ == "prep" and g.lower_ in ("to", "with") for g in child.children)


def _home_phrase(child, token) -> bool:
    """"rebels in Chad", "opposition groups in Malawi": a country after "in" says
    whose fighters or groups they are, unless a nationality or owner already does ("Russian
    troops in Syria" stay Russian, "its forces in Lebanon" its own)."""
    word = token.lemma_.lower()
    home_heads = _words("home_heads")
    if not (child.dep_ == "prep" and child.lower_ == "in" and (word in home_heads or word.rstrip("s") in home_heads)):
        return False  # "Rebels" tagged a proper noun keeps its plural as lemma
    if any(c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
           for c in token.children):
        return False  # "its forces in Lebanon" are still its own
    return any(g.dep_ == "pobj" and g.ent_type_ == "GPE" and not any(c.dep_ == "prep" for c in g.children)
               for g in child.children)


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
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != pronoun.i and child.pos_ != "PRON" \
                    and not child.is_ancestor(pronoun) and not in_dateline(child):
                return child
    return None


PERSONAL_PRONOUNS = words("participants.yaml", "personal_pronouns")
# Words that point or count but name nobody: "each", "other", "that", "No group".
EMPTY_WORDS = words("participants.yaml", "empty_words")


def _relative_antecedent(pronoun):
    """"families who had returned": a relative pronoun stands for the noun its clause modifies."""
    clause = pronoun.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i and clause.pos_ in ("VERB", "AUX"):
        clause = clause.head
    if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return None


def _is_act_noun(token) -> bool:
    """"an air strike, which killed nine": the antecedent is an act, not a participant."""
    return token.lemma_.lower() in default_lexicon().nouns


def negated_phrase(token) -> bool:
    """"No group", "nobody", "no one": a participant said not to exist."""
    if token.lower_ in ("nobody", "none", "noone"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in token.children)


def _stand_in(member):
    """The word a pronoun stands for, or None when it stands for nothing a participant can be."""
    if member.tag_ in RELATIVE_TAGS:
        antecedent = _relative_antecedent(member)
        return antecedent if antecedent is not None and not _is_act_noun(antecedent) else None
    if member.pos_ == "PRON" and member.lower_ in PERSONAL_PRONOUNS:
        return _antecedent(member)
    if member.lower_ in EMPTY_WORDS or member.pos_ in ("PRON", "DET"):
        return None
    return member


def _owner(member) -> str | None:
    """The possessor of "its helicopters", through its antecedent, as a phrase."""
    for child in member.children:
        if child.dep_ == "poss":
            if child.pos_ == "PRON":
                antecedent = _antecedent(child)
                return _phrase(antecedent)[0] if antecedent is not None else None
            return _phrase(child)[0]
    return None


def by_phrase(verb) -> list:
    """The nouns of a passive verb's by-phrase ("was lodged by the mission")."""
    return [g for agent in verb.children if agent.dep_ == "agent" for g in agent.children if g.dep_ == "pobj"]


def _doers_by(verb) -> list[Participant]:
    """Whoever a passive verb's by-phrase names, as initiators."""
    return [p for g in by_phrase(verb) for p in _make(g, "initiator")]


def _setters(device) -> list[Participant]:
    """"A bomb planted by the rebels", "an IED that was laid by militants": whoever set the
    device in place did the act it was the means of."""
    return [p for clause in device.children
            if clause.dep_ in ("acl", "relcl") and fixed_lemma(clause) in _words("setting_verbs")
            for p in _doers_by(clause)]


def _make(token, role: str) -> list[Participant]:
    out = []
    for member in _conjuncts(token):
        member = counted_whole(member)
        if in_dateline(member) or negated_phrase(member):
            continue
        member = _stand_in(member)
        if member is None or not _usable(member):
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
        text, start = _without_dateline(member.doc, text, start, end)
        out.append(Participant(text, member.i, start, end, role, owner=_owner(member),
                               label=member.ent_type_ or ("NAME" if member.pos_ == "PROPN" else ""),
                               as_place=_written_as_place(member), in_address=_closes_address(member)))
    return out




def _written_as_place(member) -> bool:
    """A name that modifies a noun ("the London pub bombing") or closes an address after a comma
    ("Mill Road, London") is where something is, whatever else the name may stand for."""
    return member.dep_ in ("compound", "nmod", "appos") or _closes_address(member)


def _closes_address(member) -> bool:
    """"Mill Road, London", "Homs, Syria": a name after a comma that follows a place name."""
    doc = member.doc
    return member.i >= 2 and doc[member.i - 1].text == "," and doc[member.i - 2].ent_type_ in PLACE_ENTS


def _verb_participants(verb, initiators: list, targets: list) -> None:
    """Adds a verb's doers and targets: subject or by-phrase, objects and target prepositions,
    and, for a subjectless verb, the subject of the clause that controls it."""
    elided = elided_passive(verb)  # "Three protesters shot dead": they suffered it
    passive = elided or any(child.dep_ in PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in verb.children)
    # "A patrol struck a landmine", "a boy stepped on a mine": whoever met the device suffered it
    suffered = _met_a_planted_device(verb)
    for child in verb.children:
        dep = child.dep_
        if dep in SUBJECTS and suffered:
            targets.extend(_make(child, "target"))
        elif dep in SUBJECTS and not passive:
            if not _is_munition(child):  # "A missile slammed into the camp": the means, not a side
                initiators.extend(_make(child, "initiator"))
            else:  # "a bomb planted by the rebels exploded": who set it
                initiators.extend(_setters(child))
        elif dep in PASSIVE_SUBJECTS or (elided and dep == "nsubj"):
            targets.extend(_make(child, "target"))
        elif dep in OBJECTS:
            if verb.lemma_.lower() in CARRIER_VERBS and _is_weapon(child):
                continue  # "dropped barrel bombs on a market": the bombs are the means, not the target
            targets.extend(_make(child, "target"))
            # "threatened action against Russia", "lifted the ban on the party": the object is aimed at someone
            aimed = _words("object_target_preps")
            targets.extend(p for prep in child.children if prep.dep_ == "prep" and prep.lower_ in aimed
                           for p in _prep_targets(prep))
        elif dep == "agent" or (dep == "prep" and child.lower_ in _words("initiator_preps") and passive):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    initiators.extend(_make(pobj, "initiator"))
        elif dep == "prep" and child.lower_ in _words("target_preps"):
            targets.extend(_prep_targets(child))
    if not initiators and verb.dep_ in ("xcomp", "advcl", "conj", "acl", "pcomp") and not passive \
            and not any(child.dep_ in SUBJECTS for child in verb.children):
        # Control and coordination: "denied bombing", "struck ..., killing", "attacked and seized".
        # A verb with a subject of its own does not borrow one: in "three policemen died when a
        # bomb exploded" the bomb went off and the policemen suffered it.
        governor = _controller(verb)
        if verb.dep_ == "pcomp":  # "accused X of bombing": the accused did it
            governor = verb.head.head
            for child in governor.children:
                if child.dep_ in OBJECTS:
                    initiators.extend(_make(child, "initiator"))
                    return
        if verb.dep_ == "acl" and governor.pos_ in ("NOUN", "PROPN"):
            if verb.tag_ == "VBN" and _violent_verb(verb):  # "nine people killed when ...": they suffered it
                targets.extend(_make(governor, "target"))
            else:
                initiators.extend(_make(governor, "initiator"))
            return
        met = _met_a_planted_device(governor)  # "a truck struck a mine, killing three": it suffered
        for child in governor.children:
            if child.dep_ in SUBJECTS and met:
                targets.extend(_make(child, "target"))
            elif child.dep_ in SUBJECTS and not _is_munition(child):
                initiators.extend(_make(child, "initiator"))
            elif child.dep_ == "agent":
                initiators.extend(p for g in child.children if g.dep_ == "pobj"
                                  for p in _make(g, "initiator"))


def _met_a_planted_device(verb) -> bool:
    """A verb of contact ("struck", "hit", "stepped on", "drove over") whose object is a planted
    explosive ("a landmine", "a roadside bomb"): its subject set the device off unknowingly."""
    if verb.lemma_.lower() not in _words("device_contact_verbs"):
        return False
    planted = default_ontology().groups.get("planted_explosives", frozenset())
    met = [c for c in verb.children if c.dep_ in OBJECTS]
    met += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "over", "onto", "into")
            for g in c.children if g.dep_ == "pobj"]
    return any(fixed_lemma(noun) in planted or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in planted for c in noun.children) for noun in met)


def _controller(verb):
    """The clause whose subject does a subjectless verb, up a chain of complements: "the army
    prepared to resume shelling" (shelling <- resume <- prepared, whose subject is the army)."""
    governor = _through_readiness(verb.head)
    for _ in range(2):
        if governor.dep_ != "xcomp" or governor.head.i == governor.i or any(
                c.dep_ in SUBJECTS + PASSIVE_SUBJECTS + ("agent",) for c in governor.children):
            break
        governor = _through_readiness(governor.head)
    return governor


def _through_readiness(governor):
    """"is willing to withdraw", "is prepared to lift": the adjective's clause holds the subject."""
    if governor.dep_ in ("acomp", "xcomp") and governor.pos_ in ("ADJ", "VERB") \
            and not any(c.dep_ in SUBJECTS for c in governor.children) and governor.head.lemma_.lower() == "be":
        return governor.head
    return governor


def _obliged(verb) -> list[Participant]:
    """"demanded that the US cancel", "said Sudan must return": whoever the demanded clause
    obliges is the one asked."""
    out = []
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.pos_ in ("VERB", "AUX"):
            for child in clause.children:
                if child.dep_ in SUBJECTS:
                    out.extend(_make(child, "target"))
    return out


def _content_targets(verb) -> list[Participant]:
    """"threatened to break relations with Russia", "vowed to strike the US": an act named only
    by what it announces or aims at is aimed at that act's target (its subjectless infinitive)."""
    out: list[Participant] = []
    for clause in verb.children:
        if clause.dep_ in ("xcomp", "advcl") and clause.pos_ == "VERB" \
                and is_to_infinitive(clause) \
                and not any(c.dep_ in SUBJECTS for c in clause.children):
            _verb_participants(clause, [], out)
            objects = [c for c in clause.children if c.dep_ in OBJECTS]
            # "to deliver blows to the US", "to cut relations with Azerbaijan": the object's own target
            aimed = _words("recipient_preps") | _words("target_preps")
            out.extend(p for thing in objects for prep in thing.children
                       if prep.dep_ == "prep" and prep.lower_ in aimed
                       for p in _prep_targets(prep))
            out.extend(_places_of([clause, *objects]))
    return out


def _prep_targets(prep) -> list[Participant]:
    """Objects of a target preposition; a place there is a target only after "against"/"at" and
    only when it names a country ("at Russia", not "at Aleppo")."""
    out = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj" or pobj.ent_type_ == "DATE":
            continue
        if pobj.ent_type_ not in PLACE_ENTS:
            out.extend(_make(pobj, "target"))
        elif prep.lower_ in _words("hostile_preps"):
            for found in _make(pobj, "target"):
                found.needs_country = True
                out.append(found)
    return out


def _violent_verb(token) -> bool:
    return any(act.family == "violence" for act in default_lexicon().verbs.get(token.lemma_.lower(), ()))


def _is_weapon(token) -> bool:
    """A violent act noun or an instrument's head ("barrel bombs", "mortars") names the means."""
    lemma = token.lemma_.lower()
    lexicon = default_lexicon()
    return lemma in _weapon_heads() or any(act.family == "violence" for act in lexicon.nouns.get(lemma, ()))


def _is_munition(token) -> bool:
    """"A missile slammed into ...", "two mortar rounds crashed into ...": what was fired, not a
    side (aircraft and tanks that act stay their crews' side: "Jets bombed", "its aircraft")."""
    munitions = default_ontology().groups.get("munitions", frozenset())
    lemma = fixed_lemma(token)
    if lemma in munitions:
        return True
    return lemma not in actor_nouns() and lemma not in NOT_WEAPONS and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in munitions for c in token.children)


# Instrument heads that also name people or units ("forces", "a suicide bomber") stay participants.
NOT_WEAPONS = words("participants.yaml", "not_weapons")


@lru_cache(maxsize=1)
def _weapon_heads() -> frozenset[str]:
    return frozenset(key[-1] for key in default_lexicon().instruments) - NOT_WEAPONS


def _doing_verb(noun, family: str | None, own: frozenset[int] = frozenset()):
    """The verb a non-violent act noun is the object of, directly or through a carrier noun
    ("imposed [sanctions]", "launched a [mediation] effort"), when that verb reports no act of
    its own. Violent nouns are left out: one survives or fears an attack without doing it."""
    if family in _words("place_blind_families"):
        return None
    node = noun
    while node.head.i in own and node.head.i != node.i:  # "a state of emergency": from "state"
        node = node.head
    if node.dep_ == "compound" and node.head.lemma_.lower() in CARRIER_NOUNS:
        node = node.head
    verb = node.head
    if node.dep_ not in OBJECTS or verb.pos_ != "VERB" or _reports_own_act(verb):
        return None
    return verb


def _reports_own_act(verb) -> bool:
    """A verb that is an act by itself ("condemned", "ended"); saying verbs ("declared",
    "announced") and verbs that need a word to be an act only carry the noun's act."""
    lemma = verb.lemma_.lower()
    return lemma in _words("not_doing_verbs") or any(
        act.plover is not None and not act.requires for act in default_lexicon().verbs.get(lemma, ()))


def _noun_participants(noun, initiators: list, targets: list, own: frozenset[int] = frozenset(),
                       act_family: str | None = None) -> None:
    """Adds a noun act's doers and targets: possessors, modifiers and prepositions on the noun,
    else those of the verb that carries it or is done with it (`own`: the act's own words)."""
    for child in noun.children:
        if child.i in own and child.dep_ in ("amod", "compound"):
            continue  # "air" in "an air strike" is the act's own word, not its doer
        dep = child.dep_
        if dep == "poss":
            initiators.extend(_make(child, "initiator"))
        elif dep in ("amod", "compound") and (child.ent_type_ in ("NORP", "GPE", "ORG")
                                              or child.pos_ == "PROPN"
                                              or child.lemma_.lower() in ACTOR_MODIFIERS):
            initiators.extend(_make(child, "initiator"))
        elif dep == "prep" and child.lower_ in _words("initiator_preps") and not (
                child.lower_ == "from" and act_family in _words("departure_families")):
            initiators.extend(p for g in child.children if g.dep_ == "pobj" for p in _make(g, "initiator"))
        elif dep == "prep" and child.lower_ in _words("noun_target_preps"):
            targets.extend(_prep_targets(child))
        elif dep == "acl":  # "an attack targeting a convoy"
            targets.extend(p for g in child.children if g.dep_ in OBJECTS for p in _make(g, "target"))
            if fixed_lemma(child) in CARRIER_VERBS:  # "an attack carried out by the LTTE"
                initiators.extend(_doers_by(child))
        elif dep == "relcl" and fixed_lemma(child) in CARRIER_VERBS:
            # "an attack that ELN guerrillas launched": whoever carried it out did it
            initiators.extend(p for g in child.children if g.dep_ in SUBJECTS and g.tag_ not in RELATIVE_TAGS
                              for p in _make(g, "initiator"))
    initiators.extend(_setters(noun))  # "a roadside bomb placed by militants killed two"
    for word in own:
        # "an LTTE car bomb explosion": a name on the act's own words names its doer
        tok = noun.doc[word]
        if word == noun.i or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        initiators.extend(p for child in tok.children if child.i not in own and child.dep_ in ("amod", "compound")
                          and child.ent_type_ not in PLACE_ENTS  # "the Iraq attacks": where
                          and (child.ent_type_ in ("NORP", "ORG") or child.pos_ == "PROPN"
                               or child.lemma_.lower() in ACTOR_MODIFIERS)
                          for p in _make(child, "initiator"))
    head = noun.head
    contact = head.head if noun.dep_ == "pobj" else head
    if noun.dep_ in OBJECTS + ("pobj",) and _met_a_planted_device(contact):
        # "a shepherd stepped on a mine": the one who met it suffered it
        targets.extend(p for child in contact.children if child.dep_ in SUBJECTS for p in _make(child, "target"))
    elif noun.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in _words("engaging_verbs"):
        # "engaged peacekeepers in a firefight": the verb carries the act
        _carried_by(head.head, initiators, targets, {noun.i})
    elif noun.dep_ in OBJECTS and head.lemma_.lower() in CARRIER_VERBS and not initiators:
        _carried_by(head, initiators, targets, {noun.i})
    elif not initiators and (verb := _doing_verb(noun, act_family, own)) is not None:
        # "imposed sanctions on X", "launched a mediation effort": whoever does the verb does the act
        _carried_by(verb, initiators, targets, own | {noun.i, noun.head.i})
    elif noun.dep_ in PASSIVE_SUBJECTS and not initiators and fixed_lemma(head) not in _claim_verbs():
        # "a complaint against the militia was lodged by the mission": the by-phrase did the act
        # ("the bombing was denied by the army": the army speaks, it did not bomb).
        initiators.extend(_doers_by(head))
    elif noun.dep_ in SUBJECTS and not targets:
        # "the raid hit a hospital": the verb's object is the noun act's target.
        for child in head.children:
            if child.dep_ in OBJECTS:
                targets.extend(_make(child, "target"))


@lru_cache(maxsize=1)
def _claim_verbs() -> frozenset[str]:
    """Verbs of saying, denying and blaming (claims.yaml): their by-phrase names a speaker."""
    return frozenset(load("claims.yaml")["verbs"])


def _words(key: str) -> frozenset[str]:
    """One word list of participants.yaml (prepositions, act families, verbs)."""
    return words("participants.yaml", key)


def _carried_by(verb, initiators: list, targets: list, act_words: Collection[int]) -> None:
    """Participants of the verb that carries a noun act ("carried out a raid on X"): its doers
    do the act, and its targets are the act's, except the act's own words."""
    carried_targets: list[Participant] = []
    _verb_participants(verb, initiators, carried_targets)
    targets.extend(p for p in carried_targets if p.head_i not in act_words)



# Verbs that carry a noun act or weapon: "carried out a raid", "dropped barrel bombs on".
CARRIER_VERBS = LIGHT_VERBS | words("participants.yaml", "weapon_verbs")

# Modifiers that name who acted: "government bombing", "regime shelling", "rebel attack".
ACTOR_MODIFIERS = words("participants.yaml", "actor_modifiers")


ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})




def _recipients(token, targets: list, preps: frozenset[str] | None = None) -> None:
    """"gave Tanzania a grant", "handed over to Britain", "met with the envoy", "arrived in Amman"
    (after `preps`, by default the recipient prepositions of participants.yaml)."""
    preps = preps if preps is not None else _words("recipient_preps")
    for child in token.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "provide support [to Israel]"
            targets.extend(p for g in child.children if g.dep_ == "pobj" for p in _make(g, "target"))
        elif child.dep_ == "dative":
            targets.extend(_make(child, "target"))
        elif child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.ent_type_ in ACTOR_ENTS or child.lower_ in ("to", "with", "between")):
                    targets.extend(_make(pobj, "target"))




def _place_targets(trigger: Trigger) -> list[Participant]:
    """Countries (or their capitals) named as the place of a non-violent act: coders take the
    country acted in or upon as its target. Kept only when the place resolves to a country."""
    holders = list(trigger.tokens)
    head = trigger.head
    if trigger.kind == "noun" and head.dep_ in OBJECTS and head.head.pos_ in ("VERB", "AUX"):
        holders.append(head.head)  # "imposed a curfew in Sudan"
    return _places_of(holders)


def _places_of(holders) -> list[Participant]:
    """Country-or-capital objects of place prepositions on the given words (resolved later)."""
    out = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in _words("place_preps"):
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_ENTS:
                    for found in _make(pobj, "target"):
                        found.needs_country = True
                        out.append(found)
    return out


def actor_like(participant: Participant, doc) -> bool:
    """A named side, a named possessor, or a word for people, groups or forces (participants.yaml)."""
    head = doc[participant.head_i]
    if head.ent_type_ in ACTOR_ENTS or head.pos_ == "PROPN" or head.lemma_.lower() in PEOPLE_WORDS:
        return True
    if any(child.dep_ == "poss" and (child.ent_type_ in ACTOR_ENTS or child.pos_ == "PROPN")
           for child in head.children):
        return True  # "praised Ghana's mediation": the possessor is the one praised
    if any(child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE") for child in head.children):
        return True  # "a blockade on Somali fishing boats": a nation's people or goods
    return head.lemma_.lower() in actor_nouns()  # "the faction", "two diplomats", "the army"


PEOPLE_WORDS = words("participants.yaml", "people_words")


SIDE_PREPS = words("participants.yaml", "side_preps")


def _sides(token, initiators: list) -> None:
    """"fighting between X and Y": both sides are initiators."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in SIDE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    initiators.extend(_make(pobj, "initiator"))


def participants(trigger: Trigger) -> tuple[list[Participant], list[Participant]]:
    """(initiators, targets) of one trigger, each once, in text order."""
    initiators: list[Participant] = []
    targets: list[Participant] = []
    for token in trigger.tokens:
        if token.pos_ in ("VERB", "AUX"):
            _verb_participants(token, initiators, targets)
        elif token.i == trigger.head.i:
            _noun_participants(token, initiators, targets, frozenset(t.i for t in trigger.tokens),
                               trigger.act.family)
    if trigger.act.family == "violence":
        for token in trigger.tokens:
            _sides(token, initiators)
    if trigger.act.plover and trigger.act.plover.event == "REQUEST" and trigger.kind == "verb":
        targets.extend(_asked(trigger.head))
    if trigger.kind == "verb" and not any(actor_like(t, trigger.head.doc) for t in targets):
        targets.extend(_content_targets(trigger.head))  # "threatened to cut relations with X"
    if trigger.act.family in _words("recipient_families"):
        targets = _with_recipients(trigger, targets)
    if trigger.act.family not in _words("place_blind_families"):
        targets.extend(_place_targets(trigger))
    if not initiators:
        initiators = _checkpoint_owners(trigger)
    if _received(trigger):
        initiators, targets = _givers(trigger), _receivers(trigger) + [
            t for t in targets if actor_like(t, trigger.head.doc)]
    own = {tok.i for tok in trigger.tokens}
    return _unique(initiators, own), _unique(targets, own | {p.head_i for p in initiators})


def _asked(verb) -> list[Participant]:
    """Whom a request is made of: the one asked to act ("wants Putin to attack") and whoever the
    demanded clause obliges ("demanded that the US cancel")."""
    asked = asked_clause(verb)
    found = _make(asked_party(asked), "target") if asked is not None else []
    return found + _obliged(verb)


def _with_recipients(trigger: Trigger, targets: list[Participant]) -> list[Participant]:
    """The actor-like targets of an act that goes to someone, plus its recipients, read on the
    trigger, on the light verb or carrier noun that holds it, or on what a verb gives."""
    targets = [t for t in targets if actor_like(t, trigger.head.doc)]
    for token in trigger.tokens:
        _recipients(token, targets)
    head = trigger.head
    if trigger.kind == "noun" and head.dep_ in OBJECTS and head.head.lemma_.lower() in LIGHT_VERBS:
        _recipients(head.head, targets)  # "provided support to Niger"
    if trigger.kind == "noun" and head.dep_ == "compound" and head.head.lemma_.lower() in CARRIER_NOUNS:
        _recipients(head.head, targets)  # "a mediation effort between X and Y"
    if trigger.kind == "verb":
        for thing in (c for c in head.children if c.dep_ in OBJECTS):
            _recipients(thing, targets, _words("sharing_preps"))  # "shared evidence with the US"
    return targets


def _checkpoint_owners(trigger: Trigger) -> list[Participant]:
    """"Turned back at a government checkpoint": whoever holds the checkpoint did it."""
    points = _words("control_points")
    families = _words("control_families")
    if trigger.act.family not in families:
        return []
    out = []
    for token in trigger.tokens:
        for prep in (c for c in token.children if c.dep_ == "prep"):
            for place in (g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in points):
                for owner in (m for m in place.children if m.dep_ in ("compound", "amod")):
                    out.append(Participant(owner.text, owner.i, owner.idx, owner.idx + len(owner.text),
                                           "initiator", needs_country=True))
    return out


def _receiving_verb(trigger: Trigger):
    """The verb of getting that reports the act, the trigger's own or the one carrying its noun."""
    receiving = _words("receiving_verbs")
    head = trigger.head
    if trigger.kind == "verb":
        return head if head.lemma_.lower() in receiving else None
    if head.dep_ in OBJECTS and head.head.lemma_.lower() in receiving:
        return head.head
    return None


def _received(trigger: Trigger) -> bool:
    """Whether the act is reported from its receiving end, with the giver in a from-phrase."""
    verb = _receiving_verb(trigger)
    return verb is not None and not any(c.dep_ in PASSIVE_SUBJECTS for c in verb.children) \
        and bool(list(_from_phrases(verb)))


def _from_phrases(verb):
    """Objects of "from" on the verb or on the received noun ("assurances from the government")."""
    holders = [verb] + [c for c in verb.children if c.dep_ in OBJECTS]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                yield from (g for g in prep.children if g.dep_ == "pobj")


def _receivers(trigger: Trigger) -> list[Participant]:
    """Who gets what a received act gives: the receiving verb's subject (the act's target)."""
    verb = _receiving_verb(trigger)
    return [p for c in verb.children if c.dep_ in SUBJECTS for p in _make(c, "target")]


def _givers(trigger: Trigger) -> list[Participant]:
    """Who gives it: the from-phrase of the receiving verb (the act's initiator)."""
    verb = _receiving_verb(trigger)
    return [p for g in _from_phrases(verb) for p in _make(g, "initiator")]


def _unique(items: list[Participant], exclude: set[int]) -> list[Participant]:
    seen, out = set(exclude), []
    for item in sorted(items, key=lambda p: p.start):
        if item.head_i in seen:
            continue
        seen.add(item.head_i)
        out.append(item)
    return out
