"""Document level: sentence mentions become events with time, place, casualties and claims.

Mentions of one act in several sentences of a report are fused ("a raid on a hospital ...
the raid killed nine ... investigators said it was a barrel bomb" is one air strike), and
claims are attached to the event they speak about, also across sentences.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

from trucewatch.extract import links
from trucewatch.extract.attach import attach_claims
from trucewatch.extract.datafiles import words
from trucewatch.extract.claims import CONTESTING, ClaimMention, claim_lexicon, find_claims
from trucewatch.extract.denials import fold_self_denials
from trucewatch.extract.drafts import Draft, Mention, StoryPlaces, actor_refs, merge_refs, sentence_span
from trucewatch.extract.fusion import anaphoric, conflicts, fuse_headline, fuse_into
from trucewatch.extract.modality import clause_verb, failed, status_of, tense_of, ultimatum
from trucewatch.extract.what import Trigger, armed_variant, default_lexicon, find_triggers, is_casualty_only
from trucewatch.extract.who import actor_like, after_dateline, participants
from trucewatch.nlp import remember_text, text_of
from trucewatch.ontology import default_ontology
from trucewatch.extract.protests import escalate_protests
from trucewatch.extract.salience import is_background, is_commitment, main_index, salience
from trucewatch.extract.toll_owners import StoryToll, casualties_for, harms, tolls_to_story, tree_distance
from trucewatch.extract.tolls import sentence_casualties
from trucewatch.records import Acled, Document, Event, Extraction, Plover, Salience, Span, When

STATE_SECTORS = words("act_words.yaml", "state_sectors")
NONSTATE_SECTORS = words("act_words.yaml", "nonstate_sectors")
RHETORIC_FAMILIES = words("act_words.yaml", "rhetoric_families")
# Claims whose content is an act someone is said (not) to have done: the act they name is the
# story's act when the story reported one, not a second event.
ATTRIBUTING = CONTESTING | {"claims_responsibility"}
SUBORDINATE = frozenset({"relcl", "acl", "advcl", "appos", "ccomp", "parataxis"})


def prepare() -> None:
    """Load lexicons and matchers ahead of the first document (worker warm-up)."""
    default_lexicon()
    claim_lexicon()


def _nearest(items, position: int):
    return min(items, key=lambda item: abs(item.start - position)) if items else None


def _in_other_clause(mention, trigger: Trigger) -> bool:
    """Whether a time or place expression sits in a clause that does not hold the act ("the
    worst breach of the Hama truce since it began on Saturday" neither dates nor places the
    strike it describes)."""
    doc = trigger.head.doc
    start, end = getattr(mention, "start", None), getattr(mention, "end", None)
    span = doc.char_span(start, end, alignment_mode="expand") if start is not None else None
    if span is None:
        return False
    own = {tok.i for tok in trigger.tokens}
    targets = {child.i for tok in trigger.tokens for child in tok.children}
    node = span.root
    while node.head.i != node.i and node.i not in own:
        # "shelled positions held by fighters near Azaz": a clause describing the act's own
        # target still places the act
        describes_target = node.dep_ in ("acl", "relcl") and node.head.i in targets
        if node.dep_ in SUBORDINATE and not describes_target and not any(tok.i in own for tok in node.subtree):
            return True
        if any(node.is_ancestor(tok) for tok in trigger.tokens):
            return False
        node = node.head
    return False


def _times_for(trigger: Trigger, times: list, published: date | None, anchor: When | None):
    """The time expression of the act's clause, read with the act's tense."""
    verb = trigger.head if trigger.head.pos_ in ("VERB", "AUX") else clause_verb(trigger)
    usable = [m for m in times if not _in_other_clause(m, trigger)]
    local = usable
    if verb is not None:
        first, last = verb.left_edge, verb.right_edge
        local = [m for m in usable if first.idx <= m.start < last.idx + len(last.text)] or usable
    mention = _nearest(local, trigger.start_char)
    if mention is None:
        return None, None
    when = links.resolve_time(mention.text, published, tense_of(trigger), anchor) or mention.when
    return when, mention.text


def _fold_casualty_verbs(mentions: list[Mention]) -> dict[int, Mention]:
    """"dropped barrel bombs ..., killing seven": the killing is the toll of the bombing, not
    an act of its own. Each casualty verb of a sentence that also reports a violent act is folded
    into the act nearest to it in the tree; returns folded token index -> owning mention."""
    acts = [m for m in mentions if harms(m.act) and not is_casualty_only(m.trigger)
            and m.status != "background"]
    folded: dict[int, Mention] = {}
    if not acts:
        return folded
    for mention in [m for m in mentions if is_casualty_only(m.trigger)]:
        owner = min(acts, key=lambda m: (tree_distance(m.trigger.head, mention.trigger.head),
                                         abs(m.trigger.start_char - mention.trigger.start_char)))
        known = {p.head_i for p in owner.targets} | {p.head_i for p in owner.initiators}
        owner.targets.extend(p for p in mention.targets if p.head_i not in known)
        owner.act = armed_variant(owner.act, mention.trigger) or owner.act  # "..., killing three soldiers"
        mentions.remove(mention)
        for tok in mention.trigger.tokens:
            folded[tok.i] = owner
    return folded


def _suppressed(claims: list[ClaimMention]) -> set[int]:
    return {head for claim in claims for head in claim.suppressed_heads}


def _depth(trigger: Trigger) -> tuple[int, int]:
    """How deep the act sits in its sentence's tree, then where it starts."""
    return min(sum(1 for _ in tok.ancestors) for tok in trigger.tokens), trigger.start_char


DYING = words("tolls.yaml", "dying_verbs")
HARMING = (words("tolls.yaml", "killing_verbs") | words("tolls.yaml", "killing_with_result")
           | words("tolls.yaml", "injuring_verbs") | DYING)


def _victims_were_doing(trigger: Trigger) -> bool:
    """"Nine guards were killed while patrolling the border": what the harmed were doing (a
    "while" clause with no subject of its own, under the verb that harmed them) is no act, unless
    it is itself violence ("killed while fighting off an attack")."""
    head = trigger.head
    if trigger.act.family == "violence" or head.dep_ != "advcl" \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) \
            or not any(c.dep_ == "mark" and c.lower_ == "while" for c in head.children):
        return False
    harm = head.head
    lemma = harm.lemma_.lower()
    return lemma in HARMING and (lemma in DYING or any(c.dep_ == "nsubjpass" for c in harm.children))


def _closing_toll(mention: Mention) -> bool:
    """"Two people were killed.": a toll with no doer, place or time of its own."""
    return is_casualty_only(mention.trigger) and not mention.initiators and mention.location is None \
        and mention.when is None


def _sentence_mentions(sent, published, anchor, places, doc, violent_story: bool = False):
    """Mentions, claims, the day anchor for later sentences and the time mentions of a sentence.
    In a story that has reported violence, a sentence that only gives a toll ("Two people were
    killed.") adds no act: its toll is the story's (given to the main event at the end)."""
    # The main clause's act first: "Yemen rejected a request to ..." is first of all a rejection.
    triggers = sorted(find_triggers(sent), key=_depth)
    claims = find_claims(sent, triggers)
    times = links.find_times(sent.text, published, sent.start_char, anchor)
    dated = [m.when for m in times if m.when.precision in ("day", "days")]
    hidden = _suppressed(claims)
    placed = after_dateline(sent)  # "HAMA, Syria (Levant Wire) -" names where the story was filed
    here = [p for p in places.get()
            if not hasattr(p, "start") or placed.start_char <= p.start < placed.end_char]
    mentions = []
    for trigger in triggers:
        if trigger.head.i in hidden or _victims_were_doing(trigger):
            continue
        when, time_text = _times_for(trigger, times, published, anchor)
        initiators, targets = participants(trigger)
        own_places = [p for p in here if not _in_other_clause(p, trigger)]
        location = links.locate(doc, placed, trigger.head, own_places)
        if location is None and here == own_places:  # "the province", "the city": named before
            location = links.referred_place(doc, placed, places.get())
        status = "background" if is_background(trigger) else status_of(trigger)
        mentions.append(Mention(trigger, trigger.act, status, sent, when, time_text,
                                initiators, targets, location=location))
    folded = _fold_casualty_verbs(mentions)
    if violent_story and mentions and all(_closing_toll(m) for m in mentions):
        mentions = []
    found = sentence_casualties(sent, links.find_casualties(sent.text, sent.start_char))
    story_tolls = casualties_for(mentions, found, sent)
    return mentions, claims, (dated[-1] if dated else anchor), times, folded, story_tolls


def _attributed_heads(claims: list[ClaimMention]) -> set[int]:
    """Acts named inside a denial, accusation or claim of responsibility."""
    return {head for claim in claims if claim.stance in ATTRIBUTING for head in claim.trigger_heads}


def _recounted(mention: Mention, claims: list[ClaimMention]) -> bool:
    """"the Taliban said its fighters had killed 15 police officers": a violent act a source
    recounts in the past perfect is its account of an act the story has reported, not a new act
    (nor its figure the act's toll)."""
    if not harms(mention.act):
        return False
    verb = mention.trigger.head
    if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return False
    speakers = {claim.verb_i for claim in claims}
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if node.i in speakers:
            return True
    return False


def _story_act(mention: Mention, drafts: list[Draft]) -> Draft | None:
    """The earlier event of the story an attributed act speaks about: same family, no conflict;
    the same act type first, then the latest."""
    # "confessed to the shooting" after his arrest elsewhere: "the shooting" points back, and the
    # place of the sentence that names it is not its place
    pointing_back = anaphoric(mention)
    earlier = [d for d in drafts if d.act.family == mention.act.family
               and d.mentions[0].sentence.start_char <= mention.sentence.start_char
               and not conflicts(mention, d, ignore_status=True, ignore_place=pointing_back)]
    same = [d for d in earlier if d.act.name == mention.act.name]
    return (same or earlier or [None])[-1]


def _state_variant(draft: Draft) -> None:
    """Who does an act can decide what it is: a bombing by a state's forces is an air strike
    (states bomb from the air), a town its army takes is regained territory; a town that only
    non-state sides retake is overtaken by a non-state actor."""
    act = draft.act
    sectors = [(a.sector or "").lower() for a in draft.actors]
    kept = default_ontology().groups.get(act.state_variant_unless or "", frozenset())
    if act.state_variant and not kept.intersection(_means_words(draft)) and any(
            s in STATE_SECTORS or (a.country and not s) for s, a in zip(sectors, draft.actors)):
        draft.act = default_ontology()[act.state_variant]
    elif act.nonstate_variant and sectors and all(s in NONSTATE_SECTORS for s in sectors):
        draft.act = default_ontology()[act.nonstate_variant]


def _means_words(draft: Draft) -> set[str]:
    """Lemmas of an act's words and of what it names as its means: the trigger's words, their
    modifiers, and the nouns (with their modifiers) a verb trigger takes ("a car bomb exploded",
    "laid a landmine")."""
    found = set()
    for mention in draft.mentions:
        for token in mention.trigger.tokens:
            nouns = [token] + [c for c in token.children if c.dep_ in ARGUMENTS or c.dep_ in ("compound", "amod")]
            found |= {t.lemma_.lower() for t in nouns}
            found |= {c.lemma_.lower() for t in nouns for c in t.children if c.dep_ in ("compound", "amod")}
    return found


# A verb's subject and objects: what a verb trigger names as its means or target.
ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "obj")


def _evidence(draft: Draft) -> list[Span]:
    """Every sentence the event was built from: its mentions and the claims about it."""
    spans = {span.start: span for span in (sentence_span(m.sentence) for m in draft.mentions)}
    for claim in draft.claims:
        spans.setdefault(claim.start, Span(text=claim.text, start=claim.start, end=claim.end))
    return [spans[start] for start in sorted(spans)]


def _codes(draft: Draft):
    """The PLOVER and CAMEO codes of a draft's act in its status: a refusal when a cooperative act
    is refused ("would not provide support", "failed to reach agreement"), a threat when a plan is
    announced on a condition ("will withdraw unless ..."), else the act's (intent) codes."""
    trigger = draft.mentions[0].trigger
    refused = draft.status == "negated" and (tense_of(trigger) == "future" or failed(trigger))
    ontology = default_ontology()
    if draft.status == "planned" and ontology.ultimatum and ultimatum(trigger):
        threat = ontology[ontology.ultimatum]
        return threat.plover, threat.cameo
    return ontology.codes(draft.act, draft.status, refused)


def _event(document: Document, n: int, draft: Draft, main: bool, score: Salience) -> Event:
    """The record of one drafted event, numbered `n` in its document."""
    act = draft.act
    plover, cameo = _codes(draft)
    return Event(
        id=f"{document.id}:{n}",
        type=act.name,
        status=draft.status,
        main=main,
        salience=score,
        plover=Plover(event=plover.event, mode=plover.mode) if plover else None,
        cameo=cameo,
        acled=Acled(event_type=act.acled.event_type, sub_event_type=act.acled.sub_event_type)
        if act.acled else None,
        actors=draft.actors,
        targets=draft.targets,
        location=draft.location,
        when=draft.when or links.default_when(document.published),
        fatalities=draft.fatalities,
        injured=draft.injured,
        claims=draft.claims,
        evidence=_evidence(draft),
    )


def extract_document(document: Document, doc) -> Extraction:
    """The events of one parsed report, in order of first mention."""
    published = document.published
    remember_text(doc, document.text)
    places = StoryPlaces(doc)
    drafts: list[Draft] = []
    owner_of: dict[int, Draft] = {}
    anchor: When | None = None
    story_when: When | None = None
    headline: list[Draft] = []
    story_tolls: list[StoryToll] = []
    for sent in doc.sents:
        violent_story = any(harms(d.act) and d.status != "background" for d in drafts)
        mentions, claims, anchor, times, folded, tolls = _sentence_mentions(
            sent, published, anchor, places, doc, violent_story)
        story_tolls += tolls
        attributed = _attributed_heads(claims)
        for mention in mentions:
            if mention.trigger.head.i in attributed or _recounted(mention, claims):
                # "The army denied carrying out any air strikes": the strike already reported,
                # now with a denial on it; not a second strike.
                story_act = _story_act(mention, drafts)
                if story_act is not None:
                    for tok in mention.trigger.tokens:
                        owner_of[tok.i] = story_act
                    continue
            draft = fuse_headline(mention, headline) or fuse_into(mention, drafts)
            if draft is None:
                draft = Draft([mention], mention.act, mention.status, mention.when or story_when,
                              location=mention.location, fatalities=mention.fatalities,
                              injured=mention.injured)
                drafts.append(draft)
            on = (draft.when or links.default_when(published)).end
            implied = places.country_for(draft)
            family = mention.act.family
            initiators = places.not_places(actor_refs(mention.initiators, "initiator", on, implied, family))
            draft.actors = merge_refs(draft.actors, initiators)
            draft.targets = merge_refs(draft.targets, actor_refs(mention.targets, "target", on, implied))
            _state_variant(draft)
            owner_of[mention.trigger.head.i] = draft
            for tok in mention.trigger.tokens:
                owner_of.setdefault(tok.i, draft)
        for token_i, owner in folded.items():
            draft = owner_of.get(owner.trigger.head.i)
            if draft is not None:
                owner_of.setdefault(token_i, draft)
        if _is_headline(sent, document):
            headline = [d for d in drafts if d.mentions[0].sentence.start_char == sent.start_char]
        attached = attach_claims(claims, sent, owner_of, drafts, published, places)
        # "accused", "denied": once their claim sits on the act they speak about, they are
        # that act's claims, not acts of their own.
        drafts = [d for d in drafts if not (len(d.mentions) == 1 and d.act.family in RHETORIC_FAMILIES
                                            and any(t.i in attached for t in d.mentions[0].trigger.tokens))]
        if times and not (mentions and all(m.status == "background" for m in mentions)):
            story_when = times[-1].when  # a background frame ("since 2011") dates nothing after it
    drafts = [d for d in drafts if not _only_casualty_words(d) and not _unattributed_reaction(d)]
    drafts = escalate_protests(fold_self_denials(drafts))
    placed = [draft.location is not None for draft in drafts]
    main = _main_draft(drafts, placed, document, doc)
    tolls_to_story(story_tolls, drafts, main)
    _place_in_conflict(drafts, places, doc)
    scores = _saliences(drafts, placed, document, doc)
    main_at = main_index(scores, [d.status for d in drafts])
    if main_at is not None:  # the main event is always counted
        scores[main_at] = scores[main_at].model_copy(update={"salient": True})
    events = [_event(document, n, draft, n - 1 == main_at, score)
              for n, (draft, score) in enumerate(zip(drafts, scores), start=1)]
    return Extraction(document=document, events=events)


def _saliences(drafts: list[Draft], placed: list[bool], document: Document, doc) -> list[Salience]:
    """Each draft's salience (salience.py), given where the headline, body and lead are."""
    sentences = list(doc.sents)
    headline = sentences[0].start_char if sentences and _is_headline(sentences[0], document) else None
    body = next((s for s in sentences if s.start_char != headline), None)
    body_start = after_dateline(body).start_char if body is not None else 0
    body_sentence = body.start_char if body is not None else 0
    text = text_of(doc)
    lead_end = text.find("\n\n", body_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    pledged = frozenset(d.mentions[0].sentence.start_char for d in drafts if is_commitment(d))
    act_tokens = frozenset(t.i for d in drafts for m in d.mentions for t in m.trigger.tokens)
    return [salience(draft, headline_start=headline, body_start=body_sentence, first_paragraph_end=lead_end,
                     placed=here, pledged=pledged, act_tokens=act_tokens) for draft, here in zip(drafts, placed)]


def _main_draft(drafts: list[Draft], placed: list[bool], document: Document, doc) -> Draft | None:
    """The main event as the drafts stand before the story's own tolls are given out."""
    at = main_index(_saliences(drafts, placed, document, doc), [d.status for d in drafts])
    return drafts[at] if at is not None else None


BROAD = frozenset({"country", "region", "unknown"})
# Families of acts that happen where the conflict is: placed abroad or only in a country, they take
# the story's main place in the conflict's country (a visit abroad stays abroad).
FIELD_FAMILIES = words("act_words.yaml", "field_families")


def _place_in_conflict(drafts: list[Draft], places: StoryPlaces, doc) -> None:
    """Acts whose own sentence names no place take the story's main place. An act of the field
    (violence, military moves) placed only in a country, or abroad, takes the story's main place in
    the conflict's country at the precision that place has: "Moscow denied it" does not put an
    air strike in Moscow."""
    conflict = _conflict_country(drafts) or places.country_for(None)
    fallback = _main_place(places, doc)
    in_conflict = _main_place(places, doc, conflict) if conflict else None
    for draft in drafts:
        location = draft.location
        if location is None:
            field = draft.act.family in FIELD_FAMILIES and in_conflict is not None and in_conflict.precision not in BROAD
            draft.location = in_conflict if field else fallback
            continue
        if draft.act.family not in FIELD_FAMILIES or in_conflict is None or in_conflict.precision in BROAD:
            continue
        abroad = conflict is not None and location.country is not None and location.country != conflict
        if location.precision in BROAD or abroad:
            draft.location = in_conflict.model_copy(update={
                "note": f"the report's main place in the conflict's country; the act's own sentence names "
                        f"{location.text}"})


def _conflict_country(drafts: list[Draft]) -> str | None:
    """Where the report's violence is: the country most of its placed field acts lie in (a
    capital an envoy flies to is not where the war is)."""
    countries = Counter(d.location.country for d in drafts if d.location is not None and d.location.country
                        and d.act.family in FIELD_FAMILIES and d.status != "background"
                        and d.location.precision not in BROAD)
    return countries.most_common(1)[0][0] if countries else None


def _main_place(places: StoryPlaces, doc, country: str | None = None):
    """Where the story is, for acts whose sentence names no place: the story's most-named
    specific place (in `country` when given), else the dateline's place, else the story's country."""
    default = links.story_location(places.get(), country) if places.get() else None
    if default is not None and default.precision not in BROAD:
        return default
    dateline = links.dateline_location(doc)
    if dateline is not None and country is not None and dateline.country != country:
        dateline = None
    return dateline or default


def _is_headline(sent, document: Document) -> bool:
    """The report's title, set as its first paragraph by ingest, or a first line without a full
    stop standing alone above the body ("Envoy heads to Ankara as shelling hits Azaz")."""
    title = (document.title or "").strip().rstrip(".")
    if title:
        return sent.start_char == 0 and sent.text.strip().rstrip(".") == title
    text = sent.text
    after = sent.doc[sent.end] if sent.end < len(sent.doc) else None
    broken = "\n\n" in text or (after is not None and after.is_space and "\n\n" in after.text)
    return sent.start_char == 0 and broken and not text.strip().endswith((".", "!", "?", '"'))


def _unattributed_reaction(draft: Draft) -> bool:
    """"The raid drew wide condemnation": words said by nobody about nothing are not an act."""
    return (draft.act.family in RHETORIC_FAMILIES and not draft.actors and not draft.targets
            and not draft.claims and all(m.trigger.kind == "noun" for m in draft.mentions))


def _only_casualty_words(draft: Draft) -> bool:
    """A lone "killed" with no act, no toll and nobody who did it says nothing countable; with a
    toll it is kept, and so is one with people who did it ("suspected militants shot dead a
    constable" is an attack, whether or not the count was read; "killed by the crash" is not)."""
    return all(is_casualty_only(m.trigger) for m in draft.mentions) and not (
        draft.fatalities or draft.injured or any(actor_like(p, m.sentence.doc) for m in draft.mentions
                                                 for p in m.initiators))
