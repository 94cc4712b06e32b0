"""Document level: sentence mentions become events with time, place, casualties and claims.

Mentions of one act in several sentences of a report are fused ("a raid on a hospital ...
the raid killed nine ... investigators said it was a barrel bomb" is one air strike), and
claims are attached to the event they speak about, also across sentences.
"""
from __future__ import annotations

from datetime import date

from trucewatch.extract import links
from trucewatch.extract.attach import attach_claims
from trucewatch.extract.claims import ClaimMention, claim_lexicon, find_claims
from trucewatch.extract.drafts import Draft, Mention, StoryPlaces, actor_refs, merge_refs, sentence_span
from trucewatch.extract.fusion import fuse_into
from trucewatch.extract.modality import status_of, tense_of
from trucewatch.extract.what import Trigger, default_lexicon, find_triggers, is_casualty_only
from trucewatch.extract.who import participants
from trucewatch.ontology import default_ontology
from trucewatch.records import Acled, Document, Event, Extraction, Plover, Span, When

STATE_SECTORS = frozenset({"GOV", "MIL", "GOVMIL", "POL", "SPY", "COP"})
RHETORIC_FAMILIES = frozenset({"rhetoric"})


def prepare() -> None:
    """Load lexicons and matchers ahead of the first document (worker warm-up)."""
    default_lexicon()
    claim_lexicon()


def _nearest(items, position: int):
    return min(items, key=lambda item: abs(item.start - position)) if items else None


def _times_for(trigger: Trigger, times: list, published: date | None, anchor: When | None):
    """The time expression of the act's clause, read with the act's tense."""
    verb = trigger.head if trigger.head.pos_ in ("VERB", "AUX") else None
    if verb is None and trigger.head.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head.head
    local = times
    if verb is not None:
        first, last = verb.left_edge, verb.right_edge
        local = [m for m in times if first.idx <= m.start < last.idx + len(last.text)] or times
    mention = _nearest(local, trigger.start_char)
    if mention is None:
        return None, None
    when = links.resolve_time(mention.text, published, tense_of(trigger), anchor) or mention.when
    return when, mention.text


def _casualties_for(mentions: list[Mention], found) -> None:
    """Each killed / injured phrase goes to the nearest violent act of its sentence."""
    if not found:
        return
    violent = [m for m in mentions if m.act.family == "violence"]
    if not violent:
        return
    for kind in ("killed", "injured"):
        for item in getattr(found, kind):
            owner = min(violent, key=lambda m: abs(m.trigger.start_char - item.start))
            slot = "fatalities" if kind == "killed" else "injured"
            current = getattr(owner, slot)
            if current is None or (item.casualties.best or 0) > (current.best or 0):
                setattr(owner, slot, item.casualties)


def _suppressed(claims: list[ClaimMention]) -> set[int]:
    return {head for claim in claims for head in claim.suppressed_heads}


def _depth(trigger: Trigger) -> tuple[int, int]:
    """How deep the act sits in its sentence's tree, then where it starts."""
    return min(sum(1 for _ in tok.ancestors) for tok in trigger.tokens), trigger.start_char


def _sentence_mentions(sent, published, anchor, places, doc):
    """Mentions, claims, the day anchor for later sentences and the time mentions of a sentence."""
    # The main clause's act first: "Yemen rejected a request to ..." is first of all a rejection.
    triggers = sorted(find_triggers(sent), key=_depth)
    claims = find_claims(sent, triggers)
    times = links.find_times(sent.text, published, sent.start_char, anchor)
    dated = [m.when for m in times if m.when.precision in ("day", "days")]
    hidden = _suppressed(claims)
    mentions = []
    for trigger in triggers:
        if trigger.head.i in hidden:
            continue
        when, time_text = _times_for(trigger, times, published, anchor)
        initiators, targets = participants(trigger)
        location = links.locate(doc, sent, trigger.head, places.get())
        mentions.append(Mention(trigger, trigger.act, status_of(trigger), sent, when, time_text,
                                initiators, targets, location=location))
    _casualties_for(mentions, links.find_casualties(sent.text, sent.start_char))
    return mentions, claims, (dated[-1] if dated else anchor), times


def _state_variant(draft: Draft) -> None:
    """A bombing by a state's forces is an air strike: states bomb from the air."""
    act = draft.act
    if act.state_variant and any(a.sector in STATE_SECTORS or (a.country and a.sector is None)
                                 for a in draft.actors):
        draft.act = default_ontology()[act.state_variant]


def _evidence(draft: Draft) -> list[Span]:
    """Every sentence the event was built from: its mentions and the claims about it."""
    spans = {span.start: span for span in (sentence_span(m.sentence) for m in draft.mentions)}
    for claim in draft.claims:
        spans.setdefault(claim.start, Span(text=claim.text, start=claim.start, end=claim.end))
    return [spans[start] for start in sorted(spans)]


def _event(document: Document, n: int, draft: Draft) -> Event:
    act = draft.act
    refused = draft.status == "negated" and tense_of(draft.mentions[0].trigger) == "future"
    plover, cameo = default_ontology().codes(act, draft.status, refused)
    return Event(
        id=f"{document.id}:{n}",
        type=act.name,
        status=draft.status,
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
    places = StoryPlaces(doc)
    drafts: list[Draft] = []
    owner_of: dict[int, Draft] = {}
    anchor: When | None = None
    story_when: When | None = None
    for sent in doc.sents:
        mentions, claims, anchor, times = _sentence_mentions(sent, published, anchor, places, doc)
        for mention in mentions:
            draft = fuse_into(mention, drafts)
            if draft is None:
                draft = Draft([mention], mention.act, mention.status, mention.when or story_when,
                              location=mention.location, fatalities=mention.fatalities,
                              injured=mention.injured)
                drafts.append(draft)
            on = (draft.when or links.default_when(published)).end
            implied = places.country_for(draft)
            draft.actors = merge_refs(draft.actors, actor_refs(mention.initiators, "initiator", on, implied))
            draft.targets = merge_refs(draft.targets, actor_refs(mention.targets, "target", on, implied))
            _state_variant(draft)
            owner_of[mention.trigger.head.i] = draft
            for tok in mention.trigger.tokens:
                owner_of.setdefault(tok.i, draft)
        attached = attach_claims(claims, sent, owner_of, drafts, published, places)
        # "accused", "denied": once their claim sits on the act they speak about, they are
        # that act's claims, not acts of their own.
        drafts = [d for d in drafts if not (len(d.mentions) == 1 and d.act.family in RHETORIC_FAMILIES
                                            and any(t.i in attached for t in d.mentions[0].trigger.tokens))]
        if times:
            story_when = times[-1].when
    drafts = [d for d in drafts if not _only_casualty_words(d) and not _unattributed_reaction(d)]
    fallback = None
    for draft in drafts:
        if draft.location is None and places.get():
            fallback = fallback or links.story_location(places.get())
            draft.location = fallback
    events = [_event(document, n, draft) for n, draft in enumerate(drafts, start=1)]
    return Extraction(document=document, events=events)


def _unattributed_reaction(draft: Draft) -> bool:
    """"The raid drew wide condemnation": words said by nobody about nothing are not an act."""
    return (draft.act.family in RHETORIC_FAMILIES and not draft.actors and not draft.targets
            and not draft.claims and all(m.trigger.kind == "noun" for m in draft.mentions))


def _only_casualty_words(draft: Draft) -> bool:
    """A lone "killed" with no act and no toll says nothing countable; with a toll it is kept."""
    return all(is_casualty_only(m.trigger) for m in draft.mentions) and not (draft.fatalities or draft.injured)
