"""Act types for monitoring and their crosswalks to PLOVER, CAMEO and ACLED (data in acts.yaml).

The loader validates the file so a user who extends it learns at once what is wrong, and
builds the lookup tables extraction needs (lemma -> acts), once per process.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from trucewatch.datafiles import read_yaml
from trucewatch.errors import ConfigError

PLOVER_EVENTS = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})

ACLED_SUB_EVENT_TYPES = {
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles",
    "Excessive force against protesters": "Protests",
    "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}


class PloverCode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: str
    mode: str | None = None

    @field_validator("event")
    @classmethod
    def _known_event(cls, value: str) -> str:
        if value not in PLOVER_EVENTS:
            raise ValueError(f"{value!r} is not one of PLOVER's 16 event types")
        return value


class AcledCode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_type: str
    sub_event_type: str


class IntentCode(BaseModel):
    """The codes of an announced (planned) act: CAMEO's "express intent" or "threaten"."""

    model_config = ConfigDict(extra="forbid")
    plover: PloverCode | None = None
    cameo: str


class ActType(BaseModel):
    """One act type: its family, crosswalk codes and the words that report it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    family: str
    plover: PloverCode | None = None
    cameo: str
    acled: AcledCode | None = None
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    casualty_verbs: tuple[str, ...] = ()
    outcome_verbs: tuple[str, ...] = ()
    generic: bool = False
    absorbs_theme: bool = False
    standing_noun: bool = False  # its nouns name an arrangement ("the truce") often only referred to
    yields_to_content: bool = False  # "pledged to expel": the promised act is the event, planned
    if_violent: str | None = None
    refinable: bool = False
    state_variant: str | None = None
    state_variant_unless: str | None = None  # a word group: means that keep the act whoever does it
    # The act it is when those it harms or aims at are words of a group: {group: act} (an attack
    # on soldiers is an armed clash, live fire on protesters excessive force).
    victim_variants: tuple[tuple[str, str], ...] = ()
    # The act it is when its doer (subject, by-phrase) is a word of a group: {group: act}
    # ("a mob attacked" is mob violence, "protesters burned tyres" a riot).
    doer_variants: tuple[tuple[str, str], ...] = ()
    nonstate_variant: str | None = None  # the act it is when only non-state sides do it
    absorbs_topic: bool = False  # "sorrow for the shootings": the topic is no event of its own
    takes_content_intent: bool = False  # "wants to attack": an intention coded by its content's intent
    enacts: tuple[str, ...] = ()  # families whose act, as this verb's content, it does ("ordered patrols")
    priority: int = 0
    requires: str | None = None
    # A word group that, near the trigger, means the words report no such act: mourners who
    # gather to bury their dead hold a funeral, not a meeting.
    unless: str | None = None
    # Verbs that report this act only when a word of the named group is near ("fighters
    # arrived" is a troop movement, "arrived" alone a visit): group -> verb lemmas.
    verbs_when: tuple[tuple[str, tuple[str, ...]], ...] = ()
    intent: IntentCode | None = None
    intent_set: bool = False  # True when the file gives `intent` (even null) for this act

    @field_validator("verbs_when", mode="before")
    @classmethod
    def _verbs_when_pairs(cls, value):
        if isinstance(value, dict):
            return tuple((group, tuple(words or ())) for group, words in value.items())
        return value

    @field_validator("doer_variants", "victim_variants", mode="before")
    @classmethod
    def _doer_pairs(cls, value):
        if isinstance(value, dict):
            return tuple((group, act) for group, act in value.items())
        return value

    def guarded(self, group: str) -> "ActType":
        """This act as triggered by one of its `verbs_when` verbs: it needs `group` nearby and
        then outranks acts that the same verb reports unconditionally."""
        return self.model_copy(update={"requires": group, "priority": self.priority + 1})

    @field_validator("cameo")
    @classmethod
    def _cameo_digits(cls, value: str) -> str:
        if not (value.isdigit() and 2 <= len(value) <= 4):
            raise ValueError(f"CAMEO code {value!r} must be 2 to 4 digits")
        return value

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


class Ontology(BaseModel):
    """All act types plus the word groups that `requires` names."""

    model_config = ConfigDict(frozen=True)
    acts: dict[str, ActType]
    groups: dict[str, frozenset[str]]
    intent_by_family: dict[str, IntentCode] = {}
    refusal_by_family: dict[str, IntentCode] = {}
    claim_acts: dict[str, str] = {}  # claim stance -> the act of making such a claim
    ultimatum: str | None = None  # the act an announcement made on a condition ("unless") is
    # Words that, modifying a violent act's noun or its instrument, make it another act, in order:
    # "suicide car bomb" is a suicide bombing, "rocket-propelled grenade" a shelling; each with the
    # words that cancel it ("remote-controlled" is no "controlled" detonation).
    modifiers: tuple[tuple[str, str, frozenset[str]], ...] = ()

    def claim_act(self, stance: str) -> ActType | None:
        """The reporting act a claim is ("blamed Israel for the bombing" is an accusation)."""
        name = self.claim_acts.get(stance)
        return self.acts.get(name) if name else None

    def codes(self, act: ActType, status: str, refused: bool = False) -> tuple[PloverCode | None, str]:
        """(PLOVER, CAMEO) of an act as reported: a planned act is coded as an intent, a
        cooperative act someone says they will not do as a rejection."""
        if refused and status == "negated" and act.family in self.refusal_by_family:
            code = self.refusal_by_family[act.family]
            return code.plover, code.cameo
        if status == "planned":
            intent = act.intent if act.intent_set else self.intent_by_family.get(act.family)
            if intent is not None:
                return intent.plover, intent.cameo
        return act.plover, act.cameo

    def __getitem__(self, name: str) -> ActType:
        return self.acts[name]

    def family(self, name: str) -> str | None:
        act = self.acts.get(name)
        return act.family if act else None


def _default_path() -> Path:
    return Path(str(resources.files("trucewatch.ontology") / "acts.yaml"))


def parse_ontology(data: dict, source: str = "acts.yaml") -> Ontology:
    """Validate the parsed YAML; errors name the file, the act and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("acts"), dict):
        raise ConfigError(f"{source}: expected a mapping with an 'acts' section.")
    groups = {name: frozenset(words) for name, words in (data.get("groups") or {}).items()}
    acts = {}
    for name, body in data["acts"].items():
        body = dict(body or {})
        body["intent_set"] = "intent" in body
        try:
            act = ActType(name=name, **body)
        except (ValidationError, TypeError) as exc:
            raise ConfigError(f"{source}: act {name!r} is invalid: {exc}") from exc
        if act.acled and ACLED_SUB_EVENT_TYPES.get(act.acled.sub_event_type) != act.acled.event_type:
            raise ConfigError(
                f"{source}: act {name!r} has ACLED sub_event_type {act.acled.sub_event_type!r} "
                f"under {act.acled.event_type!r}, which is not one of ACLED's 25 pairs."
            )
        for field in ("state_variant", "nonstate_variant"):
            if getattr(act, field) and getattr(act, field) not in data["acts"]:
                raise ConfigError(f"{source}: act {name!r} names unknown act {getattr(act, field)!r} in {field}.")
        for field in ("doer_variants", "victim_variants"):
            for group, variant in getattr(act, field):
                if variant not in data["acts"] or group not in groups:
                    raise ConfigError(f"{source}: act {name!r} needs known word groups and acts in {field} "
                                      f"({group!r}: {variant!r}).")
        if act.if_violent and act.if_violent not in data["acts"]:
            raise ConfigError(f"{source}: act {name!r} names unknown act {act.if_violent!r} in if_violent.")
        if act.state_variant_unless and act.state_variant_unless not in groups:
            raise ConfigError(f"{source}: act {name!r} names unknown word group {act.state_variant_unless!r} "
                              "in state_variant_unless.")
        if act.unless and act.unless not in groups:
            raise ConfigError(f"{source}: act {name!r} names unknown word group {act.unless!r} in unless.")
        if act.requires and act.requires not in groups:
            raise ConfigError(f"{source}: act {name!r} requires unknown word group {act.requires!r}.")
        unknown = [group for group, _ in act.verbs_when if group not in groups]
        if unknown:
            raise ConfigError(f"{source}: act {name!r} names unknown word group {unknown[0]!r} in verbs_when.")
        acts[name] = act
    try:
        intents = {family: IntentCode(**code) for family, code in (data.get("intent_by_family") or {}).items()}
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"{source}: intent_by_family is invalid: {exc}") from exc
    try:
        refusals = {family: IntentCode(**code) for family, code in (data.get("refusal_by_family") or {}).items()}
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"{source}: refusal_by_family is invalid: {exc}") from exc
    claim_acts = dict(data.get("claim_acts") or {})
    unknown = [name for name in claim_acts.values() if name not in acts]
    if unknown:
        raise ConfigError(f"{source}: claim_acts names unknown act {unknown[0]!r}.")
    ultimatum = data.get("ultimatum_act")
    if ultimatum is not None and ultimatum not in acts:
        raise ConfigError(f"{source}: ultimatum_act names unknown act {ultimatum!r}.")
    modifiers = tuple((str(entry[0]).lower(), entry[1], frozenset(str(w).lower() for w in (entry[2:] or [[]])[0]))
                      for entry in (data.get("act_modifiers") or []))
    unknown = [act for _, act, _ in modifiers if act not in acts]
    if unknown:
        raise ConfigError(f"{source}: act_modifiers names unknown act {unknown[0]!r}.")
    return Ontology(acts=acts, groups=groups, intent_by_family=intents, refusal_by_family=refusals,
                    claim_acts=claim_acts, ultimatum=ultimatum, modifiers=modifiers)


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Read and validate an act-type file (the packaged one by default)."""
    path = Path(path) if path else _default_path()
    return parse_ontology(read_yaml(path, "the act types"), str(path))


@lru_cache(maxsize=1)
def default_ontology() -> Ontology:
    """The packaged act types, loaded once per process."""
    return load_ontology()
