"""Who says so: claims from reporting and attribution verbs, with claimant, stance and topic.

A claim finds its event in its own clause ("accused X of bombing"); a claim with no act in
its sentence ("Damascus rejected the accusation") refers back to the story's latest event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from trucewatch.extract.blame import accused_party, negated, pinned, reporting_verb
from trucewatch.extract.datafiles import load, words
from trucewatch.extract.what import LIGHT_VERBS, Trigger
from trucewatch.extract.who import (CARRIER_VERBS, RELATIVE_TAGS, Participant, _is_act_noun, _make, by_phrase,
                                    negated_phrase)

# Stances that contest or pin an act on someone: only alleged acts can be their topic.
CONTESTING = frozenset({"denies", "disputes", "accuses", "retracts"})
ALLEGEABLE_FAMILIES = words("claims.yaml", "allegeable_families")
# Acts one agrees to or declares: "rejected the truce" refuses it, it denies nothing.
CONSENTED_EVENTS = frozenset({"AGREE", "RETREAT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "SUPPORT"})


def allegeable(act) -> bool:
    """Whether an act is something one can be accused of or deny doing."""
    return act.family in ALLEGEABLE_FAMILIES and not (act.plover and act.plover.event in CONSENTED_EVENTS)
ALTERNATIVE_VERBS = words("claims.yaml", "alternative_verbs")


@dataclass(frozen=True)
class ClaimLexicon:
    verbs: dict[str, tuple[str, str]]
    responsibility: frozenset[str]
    references: dict[str, str]
    needs_reference: frozenset[str]
    responsibility_verbs: frozenset[str]
    accused_preps: frozenset[str]


@lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    data = load("claims.yaml")
    return ClaimLexicon(
        verbs={verb: (body["stance"], body["about"]) for verb, body in data["verbs"].items()},
        responsibility=frozenset(data["responsibility"]),
        references=dict(data["references"]),
        needs_reference=frozenset(data["needs_reference"]),
        responsibility_verbs=frozenset(data.get("responsibility_verbs", ())),
        accused_preps=frozenset(data.get("accused_preps", ())),
    )


@dataclass
class ClaimMention:
    """A claim found in one sentence, before it is attached to an event."""

    verb_i: int
    stance: str
    about: str
    claimant: Participant | None
    value_text: str | None = None  # the accused phrase, the alternative account, the type
    value_kind: str | None = None  # actor | text | act
    trigger_heads: list[int] = field(default_factory=list)  # acts in the claim's scope
    refers_back: bool = False
    suppressed_heads: list[int] = field(default_factory=list)  # acts that are only the account
    also_accused: list[str] = field(default_factory=list)  # "Syrian and Russian warplanes": one claim each


def _subject(verb) -> list[Participant]:
    node = verb
    came_by_conj = False
    for step in range(3):
        shared = step > 0 and came_by_conj  # "He was arrested and admitted ...": one subject
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj") or (shared and child.dep_ == "nsubjpass"):
                return _make(child, "claimant")
            if child.dep_ == "agent":
                return [p for g in child.children if g.dep_ == "pobj" for p in _make(g, "claimant")]
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            came_by_conj = node.dep_ == "conj"
            node = node.head
        else:
            break
    return []


def _complement_heads(verb, accusing: bool = False):
    """The verb's objects and clauses, and the objects of its prepositions; through a light
    verb, that verb's objects too ("denied carrying out any air strikes")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "xcomp", "ccomp", "attr", "oprd"):
            yield child.i
            if child.lemma_.lower() in LIGHT_VERBS | CARRIER_VERBS:
                yield from (g.i for g in child.children if g.dep_ in ("dobj", "obj"))
            if accusing and child.dep_ in ("dobj", "obj"):
                # "accused the rebels of firing": the parser often hangs the "of" on the object
                yield from (g.i for prep in _accused_of(child) for g in prep.children
                            if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "prep":
            for g in child.children:
                if g.dep_ in ("pobj", "pcomp"):
                    yield g.i
                    if g.lemma_.lower() in LIGHT_VERBS | CARRIER_VERBS:
                        yield from (o.i for o in g.children if o.dep_ in ("dobj", "obj"))


def _negated_claim(verb, claimants: list[Participant]) -> bool:
    """"No group has claimed the kidnapping", "did not confirm": nobody asserts anything."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and negated_phrase(c) for c in verb.children)


def _has_complement(verb) -> bool:
    """Whether the verb reports content of its own ("accused X of restoring ...")."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            return True
        if child.dep_ == "prep" and any(g.dep_ in ("pcomp", "pobj") for g in child.children):
            return True
    return False


def _scope(verb, exclude: set[int], keep_passive: bool = False) -> set[int]:
    """Token indices the claim speaks about: the verb's subtree minus the claimant (and minus
    a passive subject, unless it names the act: "the attack was blamed on the rebels")."""
    left_out = ("nsubj", "csubj", "punct", "cc", "conj") + (() if keep_passive else ("nsubjpass",))
    out = set()
    for child in verb.children:
        if child.i in exclude or child.dep_ in left_out:
            continue
        out.update(tok.i for tok in child.subtree)
    return out


def _itself(claimant: Participant | None, accused: Participant) -> bool:
    """"The group said it was behind the attack", "claimed that its branch was responsible":
    a party that pins the act on itself or on its own unit claims it."""
    if claimant is None:
        return False
    return claimant.head_i == accused.head_i or (accused.owner is not None and accused.owner == claimant.text)


def _names_an_act(token, trigger_tokens) -> bool:
    """"The attack was blamed on ...": a passive subject that is the act, not the accused."""
    return token.i in trigger_tokens or _is_act_noun(token) or token.lower_ in ("it", "this", "that")


def _clause_doers(verb, trigger_tokens) -> list:
    """The doer of the act a that-clause alleges: its subject, or its by-phrase if passive."""
    for clause in verb.children:
        carried = clause.lemma_.lower() in LIGHT_VERBS | CARRIER_VERBS and any(
            t.i in trigger_tokens for t in clause.subtree)  # "that the group carried out the attack"
        if clause.dep_ != "ccomp" or not (clause.i in trigger_tokens or carried):
            continue
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in clause.children):
            return by_phrase(clause)
        return [c for c in clause.children if c.dep_ == "nsubj" and c.i not in trigger_tokens]
    return []


def _relative_act(verb, trigger_tokens) -> set[int]:
    """"A bomb exploded in the market, which the governor blamed on the rebels": a relative
    pronoun as the object stands for the latest act before it in the sentence."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass") and child.tag_ in RELATIVE_TAGS:
            before = [i for i in trigger_tokens if i < child.i]
            return {max(before)} if before else set()
    return set()


def _owned_acts(verb, objects) -> list:
    """What a verb of owning up takes: "claimed the bombing", "admitted carrying out the
    attack", "confessed to the killing" (through a light verb to its object)."""
    nodes = list(objects) + [c for c in verb.children if c.dep_ in ("xcomp", "nsubjpass")]
    if verb.dep_ == "acl":  # "a suicide attack claimed by al-Shabaab"
        nodes.append(verb.head)
    nodes += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"
              for g in p.children if g.dep_ in ("pobj", "pcomp")]
    carried = [o for n in nodes if n.lemma_.lower() in LIGHT_VERBS | CARRIER_VERBS
               for o in n.children if o.dep_ in ("dobj", "obj")]
    return nodes + carried


def _objects(verb):
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "attr"):
            yield child


def _accused_of(obj):
    """The "of" or "for" phrases on an object that say what it is accused of."""
    return [c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
            and any(g.dep_ == "pcomp" or (g.dep_ == "pobj" and g.pos_ == "VERB") for g in c.children)]


def _of_object(verb):
    """Objects of prepositions: "accused X of bombing", "blamed the attack on Y"."""
    preps = [c for c in verb.children if c.dep_ == "prep"]
    preps += [p for o in verb.children if o.dep_ in ("dobj", "obj") for p in _accused_of(o)]
    for child in preps:
        for g in child.children:
            if g.dep_ in ("pobj", "pcomp"):
                yield child.lower_, g


def find_claims(sent, triggers: list[Trigger]) -> list[ClaimMention]:
    """Claims made in one sentence, with the acts of that sentence each one speaks about."""
    lexicon = claim_lexicon()
    heads = {trig.head.i: trig for trig in triggers}
    trigger_tokens = {tok.i: trig for trig in triggers for tok in trig.tokens}
    found: list[ClaimMention] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in lexicon.verbs and tok.dep_ not in ("amod", "compound"):
            # "four suspected kidnappers", "an alleged attack": a quality, no one's claim
            mention = _verb_claim(tok, lemma, lexicon, trigger_tokens)
            if mention:
                found.append(mention)
        elif tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            to = tok.nbor(1)
            sources = [p for g in to.children if g.dep_ == "pobj" for p in _make(g, "claimant")]
            mention = ClaimMention(tok.i, "asserts", "occurrence", sources[0] if sources else None,
                                   trigger_heads=[t.head.i for t in triggers])
            found.append(mention)
    for copula, party, acts in pinned(sent):
        mention = _pinned_claim(copula, party, acts, lexicon, trigger_tokens, found)
        if mention:
            found.append(mention)
    _alternative_accounts(found, sent, heads, trigger_tokens)
    return found


def _pinned_claim(copula, party, acts, lexicon: ClaimLexicon, trigger_tokens,
                  found: list[ClaimMention]) -> ClaimMention | None:
    """"X is believed to be behind the attack": an accusation of X by whoever says so; "the
    group said it was behind the attack" a claim of responsibility; "denied it was behind the
    attack" leaves the denial, now about who did it."""
    if negated(copula):
        return None
    verb = reporting_verb(copula, lexicon.verbs)
    said = [m for m in found if verb is not None and m.verb_i == verb.i]
    claimants = _subject(verb) if verb is not None else []
    claimant = claimants[0] if claimants else None
    heads = sorted({trigger_tokens[t.i].head.i for act in acts for t in act.subtree
                    if t.i in trigger_tokens and allegeable(trigger_tokens[t.i].act)})
    stance = lexicon.verbs[verb.lemma_.lower()][0] if verb is not None else None
    if stance in ("denies", "disputes", "retracts"):
        for mention in said:
            mention.about = "perpetrator"
        if said:
            return None
        return ClaimMention(verb.i, stance, "perpetrator", claimant, trigger_heads=heads, refers_back=not heads)
    accused = accused_party(party)
    if accused is None:
        return None
    for mention in said:  # "officials said X was behind it": the saying is this accusation
        if mention.about != "type":  # "suspected that the perpetrator was a suicide bomber" types it too
            found.remove(mention)
    stance = "claims_responsibility" if _itself(claimant, accused) else "accuses"
    return ClaimMention(copula.i if verb is None else verb.i, stance, "perpetrator", claimant,
                        accused.text if stance == "accuses" else None,
                        "actor" if stance == "accuses" else None, heads, refers_back=not heads)


def _verb_claim(verb, lemma, lexicon: ClaimLexicon, trigger_tokens) -> ClaimMention | None:
    stance, about = lexicon.verbs[lemma]
    claimants = _subject(verb)
    if stance != "denies" and _negated_claim(verb, claimants):
        return None
    claimant = claimants[0] if claimants else None
    value_text = value_kind = None
    also_accused: list[str] = []
    refers_back = False
    objects = list(_objects(verb))
    object_lemmas = {o.lemma_.lower() for o in objects}
    if object_lemmas & lexicon.responsibility and stance in ("asserts", "confirms", "denies"):
        if stance != "denies":
            stance = "claims_responsibility"
        about = "perpetrator"
    elif lemma in lexicon.responsibility_verbs and any(
            o.i in trigger_tokens and trigger_tokens[o.i].act.family == "violence" for o in _owned_acts(verb, objects)):
        # "The Front claimed the bombing": claiming an attack is claiming responsibility for it.
        stance, about = "claims_responsibility", "perpetrator"
    reference_objects = [o for o in objects if o.lemma_.lower() in lexicon.references]
    reference = lexicon.references[reference_objects[0].lemma_.lower()] if reference_objects else None
    # "rejected the accusation": the noun names an earlier claim, not a new act.
    referenced_acts = {trigger_tokens[o.i].head.i for o in reference_objects if o.i in trigger_tokens}
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if stance == "denies" and not reference and clauses \
            and not any(t.i in trigger_tokens for c in clauses for t in c.subtree):
        reference = "occurrence"  # "denied that officers had used live rounds", "denied planting the bomb"
    if lemma in lexicon.needs_reference and reference is None and stance != "claims_responsibility":
        if lemma not in ("add", "find") or not any(c.dep_ == "ccomp" for c in verb.children):
            return None
    if reference:
        about = reference
    if stance == "accuses":
        accused = [o for o in objects if o.i not in trigger_tokens and o.tag_ not in RELATIVE_TAGS]
        for prep, g in _of_object(verb):
            if prep in lexicon.accused_preps and g.i not in trigger_tokens:
                accused = [g]
        if not accused:  # "Boko Haram was blamed for the attack", "the rebels are suspected"
            accused = [c for c in verb.children if c.dep_ == "nsubjpass" and not _names_an_act(c, trigger_tokens)]
        if not accused:  # "alleged that soldiers had shelled the village": the clause's doer
            accused = _clause_doers(verb, trigger_tokens)
        named = _make(accused[0], "target") if accused else []
        if named:  # "each blaming the other" names nobody
            value_text, value_kind = named[0].text, "actor"
            also_accused = [p.text for p in named[1:]]
    # "The attack was blamed on the rebels", "it was blamed on ...": the passive subject is the act
    passive_acts = [c for c in verb.children if c.dep_ == "nsubjpass" and _names_an_act(c, trigger_tokens)]
    exclude = {p.head_i for p in claimants}
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and c not in passive_acts):
            exclude.add(c.i)
    scope = _scope(verb, exclude, keep_passive=bool(passive_acts))  # "the bombing was denied by the army"
    scope |= _relative_act(verb, trigger_tokens)
    if verb.dep_ == "acl" and verb.head.i in trigger_tokens:
        scope.add(verb.head.i)  # "an attack claimed by the group", "the bombing denied by the army"
    if verb.dep_ == "parataxis" and verb.head.i < verb.i and stance not in CONTESTING:
        # "fighters surrendered on Monday, the administration said, ...": the quoted clause
        scope |= {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
    scoped = {trigger_tokens[i].head.i: trigger_tokens[i] for i in scope if i in trigger_tokens}
    if stance in CONTESTING:
        # "denied the bombing" is a claim; "rejected the proposal" is a diplomatic act, and so is
        # "rejected an appeal for deploying troops": only the verb's own complements count.
        direct = set(_complement_heads(verb, stance == "accuses")) | {
            t.i for o in reference_objects for t in o.subtree}
        direct |= {t.i for c in passive_acts for t in c.subtree}
        if stance == "accuses":  # "alleged that the army took part in the killing": the whole clause
            direct |= {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}
            direct |= _relative_act(verb, trigger_tokens)
        # "denied that any of its members had switched sides": whatever a that-clause says
        # happened is what the denial denies
        said = {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree} if stance == "denies" else set()
        scoped = {i: t for i, t in scoped.items()
                  if (allegeable(t.act) or (t.head.i in said and t.act.family not in ("rhetoric",)))
                  and any(tok.i in direct for tok in t.tokens)}
    scoped_triggers = sorted(set(scoped) - referenced_acts)
    if not scoped_triggers:
        if not (reference or (stance in ("accuses", "claims_responsibility")
                              and (passive_acts or not _has_complement(verb)))):
            return None  # about something that is not an act of this story
        refers_back = True
    mention = ClaimMention(verb.i, stance, about, claimant, value_text, value_kind,
                           scoped_triggers, refers_back, suppressed_heads=sorted(referenced_acts),
                           also_accused=also_accused)
    _type_statement(verb, mention, trigger_tokens)
    return mention


def _type_statement(verb, mention: ClaimMention, trigger_tokens) -> None:
    """"investigators said it was a barrel bomb": a claim about the type of an earlier act."""
    for child in verb.children:
        if child.dep_ != "ccomp" or child.lemma_.lower() != "be":
            continue
        subjects = [c for c in child.children if c.dep_ == "nsubj"]
        attrs = [c for c in child.children if c.dep_ == "attr"]
        if not subjects or not attrs:
            continue
        subject = subjects[0]
        anaphoric = subject.pos_ == "PRON" or any(d.lower_ in ("the", "this", "that") for d in subject.children)
        # The act may sit on the attribute ("a barrel bomb") or on its participle ("... dropped by").
        typed = next((trigger_tokens[t.i] for a in attrs for t in a.subtree if t.i in trigger_tokens), None)
        if anaphoric and typed is not None:
            mention.about = "type"
            if mention.stance == "accuses":  # "suspected that it was a car bomb" asserts a type
                mention.stance = "asserts"
            mention.value_text = typed.act.name
            mention.value_kind = "act"
            mention.suppressed_heads.append(typed.head.i)
            mention.trigger_heads = [h for h in mention.trigger_heads if h != typed.head.i]
            subject_trigger = trigger_tokens.get(subject.i)
            mention.refers_back = subject_trigger is None
            if subject_trigger is not None:
                mention.trigger_heads = [subject_trigger.head.i]


def _alternative_accounts(found: list[ClaimMention], sent, heads, trigger_tokens) -> None:
    """"rejected the accusation and said the depot blew up by accident": the said-clause is the
    denier's own account, kept as the denial's value, not a new event."""
    doc = sent.doc
    for denial in [m for m in found if m.stance in ("denies", "disputes")]:
        verb = doc[denial.verb_i]
        for conj in verb.conjuncts:
            if conj.lemma_.lower() not in ALTERNATIVE_VERBS:
                continue
            clauses = [c for c in conj.children if c.dep_ == "ccomp"]
            if not clauses:
                continue
            clause = clauses[0]
            tokens = list(clause.subtree)
            denial.value_text = doc[tokens[0].i:tokens[-1].i + 1].text
            denial.value_kind = "text"
            inside = {trigger_tokens[t.i].head.i for t in tokens if t.i in trigger_tokens}
            denial.suppressed_heads.extend(sorted(inside))
            for other in found:
                if other.verb_i == conj.i:
                    found.remove(other)
                    break
