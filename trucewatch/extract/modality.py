"""Did it happen? occurred, ongoing, planned, negated or hypothetical — read from the verb group.

A denial is not a negation: "Moscow denied bombing the market" reports a bombing whose
occurrence Moscow disputes, so the act keeps its status and the denial becomes a claim.
"""
from __future__ import annotations

from itertools import islice

from trucewatch.extract.datafiles import words
from trucewatch.extract.what import Trigger, asked_clause, enacts, fixed_lemma, is_to_infinitive
from trucewatch.ontology import default_ontology

PLANNING_VERBS = words("clause_words.yaml", "planning_verbs")
HYPOTHETICAL_AUX = words("clause_words.yaml", "hypothetical_aux")
FUTURE_AUX = words("clause_words.yaml", "future_aux")
CONDITIONAL_MARKS = words("clause_words.yaml", "conditional_marks")
ONGOING_VERBS = words("clause_words.yaml", "ongoing_verbs")
NOT_ONGOING_PARTICLES = words("clause_words.yaml", "not_ongoing_particles")
NEGATING_DETS = words("clause_words.yaml", "negating_dets")
# requesting_verbs and wishing_verbs (data/clause_words.yaml) ask or hope that someone else acts.
PREVENTING_VERBS = words("clause_words.yaml", "preventing_verbs")
FAILED_ATTEMPT = words("clause_words.yaml", "failed_attempt_verbs")
ASKING_WORDS = words("clause_words.yaml", "asking_for_words")


def _negated(token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def clause_verb(trigger: Trigger):
    """The verb whose auxiliaries decide the act's status (the noun's governor for nouns)."""
    head = trigger.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    while head.dep_ in ("pobj", "prep", "dobj", "compound", "conj", "appos") and head.head.i != head.i:
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return head.head if head.head.pos_ in ("VERB", "AUX") else None


def _paused(trigger: Trigger) -> bool:
    """"a pause in the bombing", "a lull in the fighting": the act named is what stopped."""
    head = trigger.head
    if trigger.kind != "noun" or head.dep_ != "pobj" or head.head.lower_ not in ("in", "of", "to"):
        return False
    cessation = default_ontology().groups.get("cessation", frozenset())
    return head.head.head.lemma_.lower() in cessation


def status_of(trigger: Trigger) -> str:
    """The modality of one act mention: read from its own words, then from the verbs its clause
    is the complement of, then (for a noun) from the verb that governs it."""
    head = trigger.head
    if trigger.kind == "noun" and any(c.dep_ == "det" and c.lower_ in NEGATING_DETS for c in head.children):
        return "negated"
    if _paused(trigger):
        return "negated"
    if _asked_for(trigger):
        return "hypothetical"
    verb = clause_verb(trigger)
    if verb is None:
        return "occurred"
    if _wished_of_another(verb, verb.head):  # "would be tried" only in someone's hopes
        return "hypothetical"
    return _own_status(verb) or _governed_status(trigger, verb) or _noun_status(trigger, verb) or "occurred"


def _governed_status(trigger: Trigger, verb) -> str | None:
    """Status lent by the verbs above the clause, climbing through control verbs: "plans to
    strike", "denied bombing", "continued to shell", "urged Russia to halt"."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "conj", "relcl", "acl") or node.head.i == node.i:
            break
        governor = node.head
        if node.dep_ == "pcomp" and governor.lower_ == "without":
            return "negated"  # "without dropping anything"
        lemma = governor.lemma_.lower()
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "hypothetical"
        if node.dep_ == "advcl" and is_to_infinitive(node):
            # "would fly to Ankara to seek support": the purpose of a planned act is no more than planned
            inherited = _own_status(governor) or _governed_status(trigger, governor)
            if inherited in ("planned", "hypothetical", "negated"):
                return "planned" if inherited == "negated" else inherited
        if node.dep_ == "xcomp" and enacts(governor, trigger.act):
            return _own_status(governor) or "occurred"  # "ordered the paper to close": done
        if _asked_of_another(node, governor):
            return "hypothetical"
        if node.dep_ == "xcomp" or (node.dep_ == "pcomp" and lemma in PLANNING_VERBS):
            if lemma in PREVENTING_VERBS or lemma in FAILED_ATTEMPT:
                return "negated"
            if lemma in ONGOING_VERBS:
                return "ongoing"
            if lemma in PLANNING_VERBS and lemma not in ("be",):
                return "hypothetical" if _negated(governor) else "planned"
        if lemma in PREVENTING_VERBS and node.dep_ in ("pcomp", "xcomp"):
            return "negated"
        if node.dep_ == "conj":
            inherited = _own_status(governor)
            if inherited:
                return inherited
        node = governor
    return None


def _asked_for(trigger: Trigger) -> bool:
    """"presses for a truce", "a call for talks": an act asked for, not done."""
    head = trigger.head
    return head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "for" \
        and fixed_lemma(head.head.head) in ASKING_WORDS  # "an appeal for deploying troops" too


def _noun_status(trigger: Trigger, verb) -> str | None:
    """An act noun stopped or kept going by the verb that governs it ("prevented the attack")."""
    if trigger.kind != "noun":
        return None
    lemma = verb.lemma_.lower()
    if lemma in PREVENTING_VERBS:
        return "negated"
    if lemma in ONGOING_VERBS and not any(c.dep_ == "prt" and c.lower_ in NOT_ONGOING_PARTICLES
                                          for c in verb.children):
        return "ongoing"  # "the shelling went on", not "a car bomb went off"
    return None


def _asked_of_another(clause, governor) -> bool:
    """"urged Russia to halt", "wants both sides to stop": an act requested of someone other
    than the one asking is no plan of anybody's yet (the request itself is the appeal)."""
    if fixed_lemma(governor) not in words("clause_words.yaml", "requesting_verbs"):
        return False
    asked = asked_clause(governor)
    return asked is not None and asked.i == clause.i


def _wished_of_another(clause, governor) -> bool:
    """"hoped the officers would be tried": a clause with its own subject under a verb of hoping."""
    return clause.dep_ == "ccomp" and fixed_lemma(governor) in words("clause_words.yaml", "wishing_verbs") \
        and any(child.dep_ in ("nsubj", "nsubjpass") for child in clause.children)


def _own_status(verb) -> str | None:
    """Status read from one verb's own auxiliaries, marks and negation."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children):
        return "hypothetical"
    if _negated(verb) or any(_negated(a) for a in auxes):
        return "negated"
    if aux_words & HYPOTHETICAL_AUX:
        return "hypothetical"
    if aux_words & FUTURE_AUX:
        return "planned"
    if verb.lemma_.lower() in PREVENTING_VERBS:
        return None
    # "is to visit", "are due to": be + infinitive.
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and verb.dep_ == "xcomp" \
            and verb.head.lemma_.lower() == "be":
        return "planned"
    # Headline ellipsis of "is to": "UN envoy to visit Ankara", "Talks to resume on Monday" -
    # an infinitive hanging on the sentence's subject noun, with no finite verb anywhere.
    if verb.tag_ == "VB" and aux_words == {"to"} and (
            verb.dep_ == "ROOT" or (verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "ROOT"
                                    and verb.head.pos_ in ("NOUN", "PROPN"))):
        return "planned"
    if verb.tag_ == "VBG" and any(a.lemma_.lower() == "be" and a.tag_ in ("VBP", "VBZ") for a in auxes):
        return "ongoing"
    if verb.tag_ == "VBG" and any(a.lower_ == "going" for a in auxes):
        return "planned"
    return None


def _clause_chain(trigger: Trigger, governors: int):
    """The trigger's clause verb, then up to `governors` verbs it is the complement of ("failed
    [to reach] agreement"): how far a failure or a condition above the act still reaches it."""
    node = clause_verb(trigger)
    if node is None:
        return
    yield node
    for _ in range(governors):
        if node.dep_ not in ("xcomp", "ccomp") or node.head.i == node.i:
            return
        node = node.head
        yield node


def failed(trigger: Trigger) -> bool:
    """"failed to reach agreement": a cooperative act its doers tried and did not achieve."""
    governors = islice(_clause_chain(trigger, 3), 1, None)
    return any(node.lemma_.lower() in FAILED_ATTEMPT for node in governors)


def ultimatum(trigger: Trigger) -> bool:
    """"will withdraw its force unless the talks resume": an act announced on a condition the
    other side must meet is a threat, whatever the act (CAMEO and PLOVER code it so)."""
    return any(_has_unless_clause(node) for node in _clause_chain(trigger, 2))


def _has_unless_clause(verb) -> bool:
    """Whether an "unless ..." clause hangs on the verb: a condition the other side must meet."""
    return any(child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in child.children)
               for child in verb.children)


def tense_of(trigger: Trigger) -> str | None:
    """past / present / future, for reading weekdays ("on Friday") against the publication date."""
    verb = clause_verb(trigger)
    if verb is None:
        return None
    for tok in [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]:
        if tok.lower_ in FUTURE_AUX or tok.lower_ == "going":
            return "future"
    node = verb
    for _ in range(4):
        tags = {node.tag_} | {c.tag_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if any(c.lower_ in FUTURE_AUX for c in node.children if c.dep_ == "aux"):
            return "future"
        if node is not verb and node.lemma_.lower() in PLANNING_VERBS and tags & {"VBZ", "VBP"}:
            return "future"
        if tags & {"VBD", "VBN"}:
            return "past"
        if tags & {"VBZ", "VBP"}:
            return "present"
        if node.dep_ not in ("xcomp", "advcl", "conj", "pcomp", "ccomp") or node.head.i == node.i:
            break
        node = node.head
        if node.dep_ == "prep":
            node = node.head
    return None
