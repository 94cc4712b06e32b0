"""Who was killed or hurt, read from the parse: the victims of "killed", "died", "the death of".

The regular expressions of `howmany` count people only on nouns they know ("12 civilians"). The
grammar knows more: whatever is the object of "killed", the subject of "were killed" or "died",
or follows "the death of" are the victims, whatever the noun ("seven marines", "a local
physician", "Musa Adamu, a village head"). Victims are counted member by member: a number
("five", "at least 12", "dozens"), one for a singular noun with an article or possessor, a
name, or "him"; coordinated members add up ("four soldiers and six attackers" are ten), an
apposition is the same person ("One driver, Ali Garba"), a partitive counts its number ("five
of them"). Plural nouns without a number are not counted.

Each mention keeps the word that reports it (its anchor), so that extraction can give the toll
to the act that word belongs to in the tree, and says whether it is cumulative ("the war has
killed 300,000 people since 2011"): such a figure is background and never an event's toll.
The regex reading stays for the phrases the parse does not cover ("the death toll rose to 45",
"no one was hurt"); where both read a phrase, the parse's reading is kept.
"""
from __future__ import annotations

import re
from functools import lru_cache

from trucewatch.extract.datafiles import load, words
from trucewatch.extract.howmany import CasualtyMention, CasualtyMentions, read_count
from trucewatch.extract.salience import period_frame, war_subject
from trucewatch.extract.what import acts_as_verb, default_lexicon, elided_passive, fixed_lemma
from trucewatch.ontology import default_ontology
from trucewatch.nlp import text_of
from trucewatch.records import Casualties

__all__ = ["find_tolls", "sentence_casualties"]

PASSIVE = frozenset({"nsubjpass", "csubjpass"})
HYPOTHETICAL = words("clause_words.yaml", "hypothetical_aux") | words("clause_words.yaml", "future_aux")
PLANNING = words("clause_words.yaml", "planning_verbs") - {"be"}
CONDITIONS = words("clause_words.yaml", "conditional_marks")
ATTEMPTS = words("clause_words.yaml", "attempt_words") | words("clause_words.yaml", "failed_attempt_verbs")
SINGULAR_DETS = frozenset({"a", "an", "one", "another", "the", "this", "that", "each"})
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")  # "2004": a year, never a count of people
AGE_ENTS = frozenset({"DATE", "TIME"})  # "a 14-year-old daughter": an age, not fourteen people
ONE_PRONOUNS = frozenset({"him", "her", "himself", "herself", "another", "one", "his"})
PEOPLE_SINGULAR = words("numbers.yaml", "people_singular")
CASUALTY_NOUNS = words("tolls.yaml", "death_nouns") | words("tolls.yaml", "injury_nouns") | words("tolls.yaml", "casualty_nouns")
VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "nsubj", "pobj"})
NOT_VICTIM_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "GPE", "LOC", "FAC"})


def _w(key: str) -> frozenset[str]:
    return words("tolls.yaml", key)


@lru_cache(maxsize=1)
def _particles() -> dict[str, str]:
    return {str(k).lower(): str(v).lower() for k, v in load("tolls.yaml")["killing_particles"].items()}


def _children(token, *deps: str) -> list:
    return [child for child in token.children if child.dep_ in deps]


def _has_result(verb) -> bool:
    """"shot dead", "hacked to death", "burned alive" (also "shoot dead five", "dead" read as the
    number's adjective)."""
    if any(g.dep_ == "amod" and g.lower_ in _w("result_words") and g.i < c.i
           for c in _children(verb, "dobj") for g in c.children):
        return True
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "dobj") and child.lower_ in _w("result_words"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
                g.lower_ in _w("result_words") for g in child.children if g.dep_ == "pobj"):
            return True
    return False


def _kills(verb, lemma: str) -> bool:
    if lemma in _w("killing_verbs"):
        return True
    if (lemma in _w("killing_with_result") or lemma in _w("injuring_verbs")) and any(
            c.dep_ == "advmod" and c.lower_ in _w("fatal_adverbs") for c in verb.children):
        return True  # "were fatally shot", "was mortally wounded"
    if lemma in _particles() and any(c.dep_ == "prt" and c.lower_ == _particles()[lemma] for c in verb.children):
        return True
    if lemma in _w("alive_verbs") and any(c.lower_ == "alive" for c in verb.children):
        return True
    return lemma in _w("killing_with_result") and _has_result(verb)


def _passive(verb) -> bool:
    return any(c.dep_ in PASSIVE or c.dep_ == "auxpass" for c in verb.children)


def _objects_of(verb) -> list:
    """Who a killing or wounding verb acts on: the passive subject, else the object; an
    object-less verb coordinated with a passive one shares its reading ("were killed and three
    others wounded": the others were wounded)."""
    found = _children(verb, *PASSIVE)
    if found:
        return found
    found = _children(verb, "dobj")
    if found:
        return found[:1]  # a second object is an aside the tagger split off ("..., among them two children")
    found = [c for c in verb.children if c.dep_ == "npadvmod" and c.tag_ == "CD" and not YEAR.match(c.text)
             and all(t.lower_ in _w("result_words") for t in verb.doc[verb.i + 1:c.i])]
    if found:
        return found[:1]  # "shoot dead seven": a bare number the tagger did not take for the object
    if elided_passive(verb):
        return _children(verb, "nsubj")  # a headline's "Four guards killed"
    if verb.dep_ == "conj" and _passive(verb.head):
        # "were killed and three others wounded"; "was shot and killed by militants"
        return _children(verb, "nsubj") or _children(verb.head, *PASSIVE)
    if verb.dep_ in ("xcomp", "oprd", "ccomp", "acomp") and _passive(verb.head):
        return _children(verb.head, *PASSIVE)  # "were confirmed killed", "were found beheaded"
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return [verb.head]  # "nine people killed in the raid"
    return []


def _subjects(verb) -> list:
    """The subject of a verb, or of the verb it is coordinated with: "was abducted and later found
    dead", "was wounded and died in hospital" say both of one person."""
    own = _children(verb, *PASSIVE) or _children(verb, "nsubj")
    if own or verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return own
    return _children(verb.head, *PASSIVE) or _children(verb.head, "nsubj")


def _of_victims(noun) -> list:
    """"the death of seven people", "the lives of four civilians"."""
    return [g for prep in _children(noun, "prep") if prep.lower_ == "of" for g in prep.children if g.dep_ == "pobj"]


def _noun_reading(noun, lemma: str):
    """A death or injury noun: its victims (of-phrase, possessor) or its own number."""
    if noun.dep_ == "compound" or (noun.dep_ == "pobj" and noun.head.lower_ == "to"
                                    and fixed_lemma(noun.head.head) in _w("killing_with_result")):
        return None  # "death toll", "death threats"; "hacked to death" is read on the verb
    if lemma in _w("death_nouns"):
        kind = "killed"
    elif lemma in _w("injury_nouns"):
        kind = "injured"
        if noun.head.lemma_.lower() in _w("suffering_verbs") and noun.dep_ == "dobj":
            return None  # "another sustained injuries": read on the verb
    elif lemma in _w("casualty_nouns"):
        kind = "casualties"
    else:
        return None
    victims = _of_victims(noun) + _children(noun, "poss")
    if victims:
        return kind, victims + _additions(noun)
    if _children(noun, "nummod") or (noun.tag_ in ("NN",) and _children(noun, "det")
                                     and _children(noun, "det")[0].lower_ in ("a", "an", "one")):
        return kind, [noun]  # "45 deaths", "one fatality", "a death"
    return None


def _adjective_reading(word, lemma: str):
    """"left five dead", "12 dead and 30 wounded", "was found dead"."""
    kind = "killed" if word.lower_ in _w("dead_words") else (
        "injured" if word.lower_ in _w("injured_words") else None)
    if kind is None or word.pos_ not in ("ADJ", "NOUN", "VERB") or (word.pos_ == "VERB" and word.dep_ not in ("oprd", "acomp")):
        return None
    counted = _children(word, "nummod", "nsubj")
    if counted:
        return kind, [word] if _children(word, "nummod") else counted
    head = word.head
    if word.dep_ in ("oprd", "acomp", "xcomp", "ccomp"):
        if _kills(head, fixed_lemma(head)):
            return None  # "shot dead": read on the verb
        victims = _children(head, "dobj") or _subjects(head)
        return (kind, victims) if victims else None
    if word.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN", "NUM") and (_children(head, "nummod") or head.like_num):
        if head.dep_ == "dobj" and _kills(head.head, fixed_lemma(head.head)):
            return None  # "shot dead 13 people": read on the verb
        return kind, [head]
    return None


def _reading(token):
    """(kind, victim heads) of a word that reports deaths or injuries, else None."""
    lemma = fixed_lemma(token)
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or acts_as_verb(token):
        if _kills(token, lemma):
            return "killed", _objects_of(token)
        if lemma in _w("injuring_verbs"):
            return "injured", _objects_of(token)
        if lemma in _w("dying_verbs"):
            return "killed", _subjects(token)
        objects = _children(token, "dobj")
        if lemma in _w("suffering_verbs") and any(fixed_lemma(o) in _w("injury_nouns") for o in objects):
            return "injured", _children(token, "nsubj")
        if lemma in _w("losing_verbs") and any(fixed_lemma(o) in _w("life_nouns") for o in objects):
            return "killed", _children(token, "nsubj")
        if lemma in _w("taking_verbs"):
            lives = [o for o in objects if fixed_lemma(o) in _w("life_nouns")]
            if lives:
                return "killed", _of_victims(lives[0]) or ([lives[0]] if _children(lives[0], "nummod") else [])
        return _adjective_reading(token, lemma)
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_reading(token, lemma) or _adjective_reading(token, lemma)
    if token.pos_ == "ADJ":
        return _adjective_reading(token, lemma)
    return None


def _own_side_account(verb) -> bool:
    """"the Taliban said its fighters had killed 15 police officers": a side's account, in the
    past perfect, of what its own fighters did is its claim, not a count of the act's dead."""
    if not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    own = any(c.dep_ == "nsubj" and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in c.children)
              for c in verb.children)
    node = verb
    for _ in range(3):
        if not own or node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if fixed_lemma(node) in REPORTING:
            return True
    return False


REPORTING = words("place_words.yaml", "reporting_verbs")


def _not_said_to_happen(verb) -> bool:
    """"could kill", "no one was killed", "threatened to kill", "if anyone is hurt"; a side's
    own account of its kills (`_own_side_account`)."""
    if _own_side_account(verb):
        return True
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in HYPOTHETICAL for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return True
    if verb.dep_ in ("xcomp", "acl") and fixed_lemma(verb.head) in ATTEMPTS:
        return True  # "tried to assassinate the mayor": whom they tried to kill did not die of it
    return verb.dep_ == "xcomp" and fixed_lemma(verb.head) in PLANNING


def _cumulative(anchor, victims) -> bool:
    """A toll of the whole war or of a period, not of one act: "since 2011", "so far this year",
    "the conflict has killed" (the rules of background mentions, salience.py)."""
    holders = [anchor] + ([anchor.head] if anchor.dep_ in ("pobj", "dobj", "oprd") else [])
    return any(war_subject(holder, victims) or period_frame(holder) for holder in holders)


def _counted_in(member):
    """The people a gathering noun counts ("a total of 88 people", "a group of six
    soldiers"), or None."""
    if member.lemma_.lower() not in _w("gathering_nouns"):
        return None
    return next((g for prep in _children(member, "prep") if prep.lower_ == "of"
                 for g in _children(prep, "pobj")), None)


def _member_count(member) -> tuple[int | None, int | None, int | None] | None:
    """How many people one coordinated member of a victim phrase is."""
    doc = member.doc
    if member.ent_type_ in NOT_VICTIM_ENTS:
        return None
    counted = _counted_in(member)
    if counted is not None:  # "a total of 88 people": the people, not "a total" as one
        return _member_count(counted)
    if member.like_num or member.tag_ == "CD" or read_count(member.text) is not None:
        if YEAR.match(member.text):
            return None
        return read_count(doc[member.left_edge.i:member.i + 1].text)  # "at least 12", "five of them"
    numbers = _children(member, "nummod") or [c for c in member.children if c.dep_ in ("nmod", "compound", "amod")
                                                and (c.like_num or c.tag_ == "CD")]
    if numbers:
        number = numbers[0]
        if YEAR.match(number.text):
            return None  # "the 2004 ambush": a year names the act, it counts nobody
        return read_count(doc[number.left_edge.i:number.right_edge.i + 1].text)
    if member.left_edge.tag_ == "CD" and member.left_edge.i < member.i and member.left_edge.ent_type_ not in AGE_ENTS:
        # "Seventeen Hindu villagers": the tagger hung the number on a modifier
        end = member.left_edge.i
        while end < member.i and doc[end].tag_ == "CD":
            end += 1
        return read_count(doc[member.left_edge.i:end].text)
    lemma = member.lemma_.lower()
    if _a_thing(member):
        return None  # "a bomb ... were injured": the parser's subject, not a person
    if member.lower_ in ONE_PRONOUNS and member.pos_ in ("PRON", "DET", "NUM", "NOUN"):
        return (1, 1, 1)
    if member.ent_type_ == "PERSON" or (member.tag_ == "NNP" and not member.ent_type_):
        return (1, 1, 1)  # a named victim
    if member.tag_ == "NN" and lemma not in _w("collective_nouns") and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in SINGULAR_DETS) for c in member.children):
        return (1, 1, 1)  # "a local physician", "his assistant", "the driver"
    if lemma not in _w("collective_nouns") and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in member.children):
        return (1, 1, 1)  # "a policemen": the article counts one, whatever the noun's ending
    if member.tag_ == "NN" and member.dep_ == "conj" and not _children(member, "det") \
            and any(c.dep_ == "det" and c.lower_ in SINGULAR_DETS for c in member.head.children) \
            and member.head.tag_ == "NN" and _member_count(member.head) == (1, 1, 1) \
            and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "is", "has")
                        for c in member.head.head.children):
        # "the father and 14-year-old daughter were killed": the article is shared ("the mayor
        # and party chairman was killed" is one man)
        return (1, 1, 1)
    if member.tag_ == "NN" and lemma in PEOPLE_SINGULAR and not _children(member, "det") \
            and member.dep_ in VICTIM_DEPS and not member.conjuncts:
        # a headline's "Army colonel killed", "gunmen kill village head" (not "the lawyer and
        # politician", one person with two titles)
        return (1, 1, 1)
    return None


def _members(head) -> list:
    """The coordinated members of a victim phrase: conjuncts, a list written as an apposition
    ("an officer, his guard and a civilian"), and "along with" additions. Of "two deaths and 10
    injuries" each noun counts its own. A list set off by commas or dashes on both sides whose
    counts add up to the head's restates it ("five passengers - three women and two children -",
    "Six people, four civilians and two officers, were killed"); left open, it adds ("Two soldiers,
    one policeman and one civilian were killed" are four)."""
    conjuncts = [c for c in head.conjuncts if not _other_casualty_noun(c, head) and not _opens_a_clause(c)]
    members = [head] if _restated(head, conjuncts) else [head, *conjuncts]
    for appos in _children(head, "appos"):
        listed = [appos, *appos.conjuncts]
        # "Ahmed Nasser, a waiter and father of three": what a named victim was, not more victims
        if appos.conjuncts and head.ent_type_ != "PERSON" and not _restated(head, listed):
            members += listed
    return members + _additions(head)


def _opens_a_clause(word) -> bool:
    """"killed four soldiers and another 11 were injured": a member followed by a verb of its own
    is that verb's subject, whatever the parser hung it on."""
    doc = word.doc
    after = word.right_edge.i + 1
    first = word
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return after < len(doc) and doc[after].pos_ == "AUX" and doc[after].head.i not in (first.head.i, first.i) \
        and doc[after].head.i > word.i


def _other_casualty_noun(word, head) -> bool:
    lemma = fixed_lemma(word)
    return lemma != fixed_lemma(head) and lemma in CASUALTY_NOUNS


SETTING_OFF = frozenset({",", "-", "–", "—", "(", ")"})


def _restated(head, parts: list) -> bool:
    """Whether `parts` only say who the head's count were: set off by a comma, a dash or a bracket
    before the first part and after the last one (or, after a word for people in general, before
    the first part only: "Three people, a soldier and two civilians were killed"), with counts
    that add up to the head's; a list in brackets always restates."""
    if not parts or not (_children(head, "nummod") or head.like_num):
        return False
    doc = head.doc
    start, end = parts[0].left_edge.i - 1, parts[-1].right_edge.i + 1
    if start <= head.i or doc[start].text not in SETTING_OFF:
        return False
    if doc[start].text == "(":
        return True  # "Two people (a father and his son)": brackets say who, they add nobody
    closed = end < len(doc) and doc[end].text in SETTING_OFF
    if not closed and fixed_lemma(head) not in _w("general_people_nouns"):
        return False
    total, counts = _member_count(head), [_member_count(p) for p in parts]
    return total is not None and None not in counts and total[1] == sum(c[1] or 0 for c in counts)


def _additions(word) -> list:
    """People added to a phrase by "along with", "together with", "alongside" (on the verb too:
    "were killed along with ten bodyguards", where "with" hangs beside "along")."""
    found = []
    beside = any(c.lower_ in ("along", "together") and c.dep_ in ("prt", "advmod") for c in word.children)
    for child in word.children:
        if child.lower_ in ("along", "together") and child.dep_ in ("advmod", "prep"):
            found += [g for w in child.children if w.lower_ == "with" for g in w.children if g.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ == "alongside":
            found += _children(child, "pobj")
        elif child.dep_ == "prep" and child.lower_ == "with" and beside:
            found += _children(child, "pobj")
    return found


def _a_thing(member) -> bool:
    """An act or a weapon ("a bomb", "the blast"), which no toll counts."""
    lemma = fixed_lemma(member)
    return lemma in default_lexicon().nouns or lemma in default_ontology().groups.get("munitions", frozenset())


def _a_subset(victim) -> bool:
    """A phrase that says who were among a toll already given: "among the dead", "including"."""
    node = victim
    while node.dep_ in ("nummod", "amod", "compound", "quantmod") and node.head.i != node.i:
        node = node.head  # "among the dead two traffic policemen": from "two" to its noun
    return node.dep_ == "pobj" and node.head.lower_ in _w("subset_preps")


def count_victims(heads: list):
    """The people a list of victim phrases counts, as (low, best, high); None when unknown."""
    counts = [_member_count(m) for head in heads for m in _members(head)]
    known = [c for c in counts if c is not None and c[0] is not None]
    if not known:
        return None
    low = sum(c[0] for c in known)
    best = sum(c[1] if c[1] is not None else c[0] for c in known)
    closed = len(known) == len(counts) and all(c[2] is not None for c in known)
    return low, best, (sum(c[2] for c in known) if closed else None)


def _span(anchor, heads: list) -> tuple[int, int]:
    result = [c for c in anchor.children if c.lower_ in _w("result_words") | {"alive", "down"}]
    tokens = [anchor, *result] + [t for h in heads for m in _members(h) for t in (m.left_edge, m)]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def find_tolls(sent, unsaid: list[tuple[int, int]] | None = None) -> list[CasualtyMention]:
    """The casualty phrases of one parsed sentence (a spaCy Span) the grammar reads; the spans of
    phrases it reads as not having happened ("tried to kill the mayor") go to `unsaid`."""
    found, heads = [], []
    for token in sent:
        reading = _reading(token)
        if reading is None:
            continue
        kind, victims = reading
        if victims and token.pos_ == "VERB":
            victims = victims + [v for v in _additions(token) if v not in victims]  # "killed along with ten guards"
        if not victims:
            continue
        if all(_a_subset(v) for v in victims):  # "seven were killed, among the dead four policemen"
            if unsaid is not None:
                unsaid.append(_span(token, victims))  # who they were, not more: no reading at all
            continue
        if _not_said_to_happen(token if token.pos_ == "VERB" else token.head):
            if unsaid is not None:
                unsaid.append(_span(token, victims))
            continue
        if any(c.dep_ == "conj" and any(cc.lower_ == "or" for cc in token.children if cc.dep_ == "cc")
               for c in token.children):
            continue  # "killed or wounded": counted together by the regex reading
        count = count_victims(victims)
        if count is None or any(h == {v.i for v in victims} and m.kind == kind for m, h in zip(found, heads)):
            continue  # "gunned down and killed": the same people, counted once
        start, end = _span(token, victims)
        text = text_of(sent.doc)[start:end]
        found.append(CasualtyMention(kind, Casualties(low=count[0], best=count[1], high=count[2], text=text),
                                     start, end, anchor=token.i, background=_cumulative(token, victims)))
        heads.append({v.i for v in victims})
    # "A guard was wounded in the blast and died in hospital": the dead are not also the injured.
    dead = set().union(*(h for m, h in zip(found, heads) if m.kind == "killed"))
    return [m for m, h in zip(found, heads) if m.kind != "injured" or not h <= dead]


def sentence_casualties(sent, regex_found: CasualtyMentions | None) -> CasualtyMentions:
    """The parse's readings, plus the regex's where the parse read nothing overlapping."""
    unsaid: list[tuple[int, int]] = []
    parsed = find_tolls(sent, unsaid)
    result = CasualtyMentions()
    for mention in parsed:
        getattr(result, mention.kind).append(mention)
    if regex_found is not None:
        doc = sent.doc
        for mention in regex_found:
            if any(mention.start < p.end and p.start < mention.end for p in parsed):
                continue
            if any(mention.start < end and start < mention.end for start, end in unsaid):
                continue  # the grammar read this phrase as not having happened
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and len(span) and any(_own_side_account(t) for t in span if t.pos_ == "VERB"):
                continue  # a side's own account of its kills
            anchor = span.root.i if span is not None and len(span) else None
            getattr(result, mention.kind).append(CasualtyMention(
                mention.kind, mention.casualties, mention.start, mention.end, anchor=anchor,
                background=span is not None and _cumulative(span.root, [])))
    for kind in ("killed", "injured", "casualties"):
        getattr(result, kind).sort(key=lambda m: m.start)
    return result
