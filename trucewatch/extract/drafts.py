"""The working records of document-level extraction: act mentions and the events they build.

A Mention is one act in one sentence; a Draft gathers the mentions of one event (fusion) and
its participants, resolved through the actor dictionary on the event's date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trucewatch.extract import links
from trucewatch.extract.what import Trigger
from trucewatch.extract.who import Participant
from trucewatch.ontology import ActType
from trucewatch.records import ActorRef, Casualties, Claim, Location, Span, When


def sentence_span(sent) -> Span:
    """A sentence as evidence: its words without the surrounding blanks and line breaks."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    clean = text.strip()
    return Span(text=clean, start=start, end=start + len(clean))


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


class StoryPlaces:
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


def actor_refs(found: list[Participant], role: str, on: date | None,
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


def merge_refs(old: list[ActorRef], new: list[ActorRef]) -> list[ActorRef]:
    out = list(old)
    known = {(r.name or r.text.lower(), r.country) for r in old}
    for ref in new:
        key = (ref.name or ref.text.lower(), ref.country)
        if key not in known:
            known.add(key)
            out.append(ref)
    return out
