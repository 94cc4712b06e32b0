"""The working records of document-level extraction: act mentions and the events they build.

A Mention is one act in one sentence; a Draft gathers the mentions of one event (fusion) and
its participants, resolved through the actor dictionary on the event's date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trucewatch.extract import links
from trucewatch.extract.datafiles import actor_nouns, load, words
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
    # parties others accused of this act, as resolved: a later "the rebels denied it" is theirs
    accused: list[ActorRef] = field(default_factory=list)


class StoryPlaces:
    """The story's places, geocoded only if some act needs a place (gazetteer lookups cost)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.places = None

    def get(self) -> list:
        if self.places is None:
            self.places = links.story_places(self.doc)
        return self.places

    def names(self) -> frozenset[str]:
        """The story's place names as written, lower-cased: "Hama" the tagger took for an ORG."""
        if not hasattr(self, "_names"):
            self._names = frozenset(getattr(p, "text", "").lower() for p in self.get())
        return self._names

    def not_places(self, refs: list[ActorRef]) -> list[ActorRef]:
        """Participants that are only a place of the story are not actors unless the dictionary
        makes them one ("Damascus rejected" is Syria's government; "Hama" is a city)."""
        return [r for r in refs if _resolved(r) or r.text.lower() not in self.names()]

    def country_for(self, draft: "Draft | None") -> str | None:
        """The country an act happened in (its place, else the story's), for actors like "the regime";
        with no draft, the story's (the conflict's) country."""
        if draft is not None and draft.location is not None and draft.location.country:
            return draft.location.country
        if not hasattr(self, "_country"):
            self._country = links.story_country(self.get(), self.doc)
        return self._country


def _head_lemma(text: str) -> str:
    words = text.lower().replace("-", " ").split()
    word = words[-1] if words else ""
    for suffix, stem in (("ies", "y"), ("men", "man"), ("people", "people"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + stem
    return word


def _resolved(ref: ActorRef) -> bool:
    return bool(ref.name or ref.country or ref.sector)


def _counted(participant: Participant) -> bool:
    return any(word[:1].isdigit() or word in _COUNT_WORDS for word in participant.text.lower().split())


_COUNT_WORDS = words("participants.yaml", "count_words")


# Sector codes (upper case, as the actor dictionary writes them) of counted civilians; read once,
# since is_actor runs for every participant.
COUNTED_VICTIMS = frozenset(load("participants.yaml")["counted_victims"])


def is_actor(participant: Participant, ref: ActorRef, family: str | None = None) -> bool:
    """An actor resolves through the dictionary or is headed by a person, group or force noun;
    counted civilians ("nine people") suffer violence, they do not do it."""
    if family == "violence" and ref.sector in COUNTED_VICTIMS and _counted(participant):
        return False
    if participant.label == "GPE" and (participant.in_address or (participant.as_place and ref.sector == "GOV")):
        return False  # a capital written as a place ("the London pub bombing"), an address's country
    return _resolved(ref) or participant.label in NAMED_ACTORS or _head_lemma(participant.text) in actor_nouns()


# Named people, organisations and nationalities are actors even when the dictionary lacks them.
# A proper noun the tagger gave no label ("NAME") is most often a person's name; places (GPE,
# LOC, FAC) must resolve through the dictionary ("Damascus" does, "Aleppo" does not).
NAMED_ACTORS = frozenset({"PERSON", "ORG", "NORP", "NAME"})


def _with_owner(ref: ActorRef, participant: Participant, on: date | None, implied: str | None) -> ActorRef:
    """"its helicopters" belong to the possessor's country when the possessor resolves."""
    if ref.country or not participant.owner:
        return ref
    owner = links.resolve_actor(participant.owner, on=on, implied_country=implied)
    if owner.country is None:
        return ref
    return ref.model_copy(update={"country": owner.country, "name": ref.name or owner.name})


def actor_refs(found: list[Participant], role: str, on: date | None,
               implied: str | None = None, family: str | None = None) -> list[ActorRef]:
    refs = []
    for participant in found:
        ref = links.resolve_actor(participant.text, on=on, implied_country=implied)
        ref = _with_owner(ref, participant, on, implied)
        if role == "initiator":
            if not is_actor(participant, ref, family) or (participant.needs_country and not ref.country):
                continue
            ref = ref.model_copy(update={"role": "initiator", "protected": None})
        elif participant.needs_country and not ref.country:
            continue  # "fired at Aleppo": a place, not a side
        else:
            protected = links.is_protected(participant.text) or ref.sector == "CVL"
            ref = ref.model_copy(update={"role": "target", "protected": protected})
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
