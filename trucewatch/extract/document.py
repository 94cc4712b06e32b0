"""Document level: sentence mentions become events with time, place, casualties and claims.

Mentions of one act in several sentences of a report are fused ("a raid on a hospital ...
the raid killed nine ... investigators said it was a barrel bomb" is one air strike), and
claims are attached to the event they speak about, also across sentences.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trucewatch.extract import links
from trucewatch.extract.claims import ClaimMention, claim_lexicon, find_claims
from trucewatch.extract.fusion import fuse_into
from trucewatch.extract.modality import status_of, tense_of
from trucewatch.extract.what import Trigger, default_lexicon, find_triggers, is_casualty_only
from trucewatch.extract.who import Participant, participants
from trucewatch.ontology import ActType, default_ontology
from trucewatch.records import (
    Acled, ActorRef, Casualties, Claim, Claimant, Document, Event, Extraction, Location, Plover,
    Span, When,
)

STATE_SECTORS = frozenset({"GOV", "MIL", "GOVMIL", "POL", "SPY", "COP"})
RHETORIC_FAMILIES = frozenset({"rhetoric"})


def prepare() -> None:
    """Load lexicons and matchers ahead of the first document (worker warm-up)."""
    default_lexicon()
    claim_lexicon()


@dataclass
class Mention:
    """One act as reported in one sentence, before fusion."""

    trigger: Trigger
    act: ActType
    status: str
    sentence: object  # spaCy Span
    when: When | None
    time_text: str | None
    initiators: list[Participant]
    targets: list[Participant]
    fatalities: Casualties | None = None
    injured: Casualties | None = None
    location: Location | None = None


@dataclass
class Draft:
    """An event being assembled from one or more mentions."""

    mentions: list[Mention]
    act: ActType
    status: str
    when: When | None
    actors: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    location: Location | None = None
    fatalities: Casualties | None = None
    injured: Casualties | None = None
    claims: list[Claim] = field(default_factory=list)

    @property
    def last_sentence_start(self) -> int:
        return self.mentions[-1].sentence.start_char


class _LazyPlaces:
    """The story's places, geocoded only if some act needs a place (gazetteer lookups cost)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.places = None

    def get(self) -> list:
        if self.places is None:
            self.places = links.story_places(self.doc)
        return self.places

    def country_for(self, draft: "Draft") -> str | None:
        """The country an act happened in (its place, else the story's), for actors like "the regime"."""
        if draft.location is not None and draft.location.country:
            return draft.location.country
        if not hasattr(self, "_country"):
            self._country = links.story_country(self.get())
        return self._country


def _nearest(items, position: int):
    return min(items, key=lambda item: abs(item.start - position)) if items else None


def _times_for(trigger: Trigger, times: list, published: date | None, anchor: When | None):
    """The time expression of the act's clause, read with the act's tense."""
    verb = next((t for t in trigger.tokens if t.pos_ in ("VERB", "AUX")), None)
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


def _actor_refs(found: list[Participant], role: str, on: date | None,
                implied: str | None = None) -> list[ActorRef]:
    refs = []
    for participant in found:
        ref = links.resolve_actor(participant.text, on=on, implied_country=implied)
        if role == "initiator":
            ref = ref.model_copy(update={"role": "initiator", "protected": None})
        else:
            ref = ref.model_copy(update={"role": "target", "protected": links.is_protected(participant.text)})
        refs.append(ref)
    return refs


def _state_variant(draft: Draft) -> None:
    """A bombing by a state's forces is an air strike: states bomb from the air."""
    act = draft.act
    if act.state_variant and any(a.sector in STATE_SECTORS or (a.country and a.sector is None)
                                 for a in draft.actors):
        draft.act = default_ontology()[act.state_variant]


def _claimant(participant: Participant | None, on: date | None, implied: str | None = None) -> Claimant:
    if participant is None:
        return Claimant(text="unnamed source")
    ref = links.resolve_actor(participant.text, on=on, implied_country=implied)
    return Claimant(text=participant.text, name=ref.name, country=ref.country, sector=ref.sector)


def _claim_record(claim: ClaimMention, sent, on: date | None, implied: str | None = None) -> Claim:
    claimant = _claimant(claim.claimant, on, implied)
    value = claim.value_text
    if claim.value_kind == "actor" and value:
        ref = links.resolve_actor(value, on=on, implied_country=implied)
        value = ref.country or ref.name or value
    if claim.stance == "claims_responsibility":
        value = claimant.country or claimant.name or claimant.text
    return Claim(claimant=claimant, stance=claim.stance, about=claim.about, value=value,
                 text=sent.text, start=sent.start_char, end=sent.end_char)


def _attach_claims(claims: list[ClaimMention], sent, owner_of: dict[int, Draft], drafts: list[Draft],
                   published: date | None, places: "_LazyPlaces") -> set[int]:
    """Put each claim on its event(s); return the token indices of the claim verbs that found one."""
    attached: set[int] = set()
    for claim in claims:
        targets: list[Draft] = []
        for head in claim.trigger_heads:
            draft = owner_of.get(head)
            if draft is not None and draft not in targets:
                targets.append(draft)
        if not targets and claim.refers_back:
            earlier = [d for d in drafts if d.mentions[0].sentence.start_char < sent.start_char]
            violent = [d for d in earlier if d.act.family == "violence"]
            pick = (violent or earlier)[-1:] if (violent or earlier) else []
            targets = pick
        own = owner_of.get(claim.verb_i)
        targets = [d for d in targets if d is not own]
        if targets:
            attached.add(claim.verb_i)
        for draft in targets:
            on = draft.when.end if draft.when else published
            record = _claim_record(claim, sent, on, places.country_for(draft))
            if record not in draft.claims:
                draft.claims.append(record)
            if claim.about == "type" and claim.value_kind == "act":
                _retype(draft, claim.value_text)
            if claim.stance == "claims_responsibility" and claim.claimant and not draft.actors:
                draft.actors = _actor_refs([claim.claimant], "initiator", on, places.country_for(draft))
    return attached


def _retype(draft: Draft, act_name: str | None) -> None:
    """A claim about the act's type refines a vaguer type of the same family."""
    act = default_ontology().acts.get(act_name or "")
    if act and act.family == draft.act.family and (draft.act.generic or draft.act.refinable):
        draft.act = act


def _evidence(draft: Draft) -> list[Span]:
    """Every sentence the event was built from: its mentions and the claims about it."""
    spans = {m.sentence.start_char: Span(text=m.sentence.text, start=m.sentence.start_char,
                                         end=m.sentence.end_char) for m in draft.mentions}
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
    places = _LazyPlaces(doc)
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
            draft.actors = _merge_refs(draft.actors, _actor_refs(mention.initiators, "initiator", on, implied))
            draft.targets = _merge_refs(draft.targets, _actor_refs(mention.targets, "target", on, implied))
            _state_variant(draft)
            owner_of[mention.trigger.head.i] = draft
            for tok in mention.trigger.tokens:
                owner_of.setdefault(tok.i, draft)
        attached = _attach_claims(claims, sent, owner_of, drafts, published, places)
        # "accused", "denied": once their claim sits on the act they speak about, they are
        # that act's claims, not acts of their own.
        drafts = [d for d in drafts if not (len(d.mentions) == 1 and d.act.family in RHETORIC_FAMILIES
                                            and any(t.i in attached for t in d.mentions[0].trigger.tokens))]
        if times:
            story_when = times[-1].when
    drafts = [d for d in drafts if not _only_casualty_words(d)]
    fallback = None
    for draft in drafts:
        if draft.location is None and places.get():
            fallback = fallback or links.story_location(places.get())
            draft.location = fallback
    events = [_event(document, n, draft) for n, draft in enumerate(drafts, start=1)]
    return Extraction(document=document, events=events)


def _only_casualty_words(draft: Draft) -> bool:
    """"Two people died" with no act reported anywhere is kept; a bare verb without a toll is not."""
    return all(is_casualty_only(m.trigger) for m in draft.mentions) and not (draft.fatalities or draft.injured)


def _merge_refs(old: list[ActorRef], new: list[ActorRef]) -> list[ActorRef]:
    out = list(old)
    known = {(r.name or r.text.lower(), r.country) for r in old}
    for ref in new:
        key = (ref.name or ref.text.lower(), ref.country)
        if key not in known:
            known.add(key)
            out.append(ref)
    return out
