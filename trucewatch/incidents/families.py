"""Act type -> family lookup, so reports naming related act types can be fused and prohibited together."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


def _ontology_families() -> dict[str, str]:
    """Families declared in the ontology's acts.yaml, when that file exists and names them."""
    path = Path(__file__).resolve().parent.parent / "ontology" / "acts.yaml"
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}
    acts = data.get("acts", data) if isinstance(data, dict) else data
    found: dict[str, str] = {}
    if isinstance(acts, dict):
        items = acts.items()
    elif isinstance(acts, list):
        items = ((a.get("type") or a.get("id") or a.get("name"), a) for a in acts if isinstance(a, dict))
    else:
        return {}
    for act_type, spec in items:
        if isinstance(spec, dict) and act_type and spec.get("family"):
            found[str(act_type)] = str(spec["family"])
    return found


@lru_cache(maxsize=1)
def fusion_table() -> dict[str, str]:
    """Act type -> fusion family, from data/act_families.yaml."""
    text = resources.files("trucewatch.incidents").joinpath("data/act_families.yaml").read_text("utf-8")
    table: dict[str, str] = {}
    for family, types in (yaml.safe_load(text) or {}).get("families", {}).items():
        for act_type in types:
            table[act_type] = family
    return table


@lru_cache(maxsize=1)
def ontology_table() -> dict[str, str]:
    """Act type -> ontology family (violence, military, restriction ...), when the ontology exists."""
    return _ontology_families()


def family_of(act_type: str) -> str:
    """The fusion family of an act type; an unknown type is a family of its own."""
    return fusion_table().get(act_type, act_type)


def ontology_family_of(act_type: str) -> str | None:
    return ontology_table().get(act_type)


def types_in_family(family: str) -> set[str]:
    """All known act types of a fusion family or an ontology family (empty if neither)."""
    return ({t for t, f in fusion_table().items() if f == family}
            | {t for t, f in ontology_table().items() if f == family})


def known_families() -> set[str]:
    return set(fusion_table().values()) | set(ontology_table().values())


def known_types() -> set[str]:
    return set(fusion_table()) | set(ontology_table())


@lru_cache(maxsize=1)
def tolerances() -> dict:
    """Time and place tolerances by precision (data/precision.yaml)."""
    text = resources.files("trucewatch.incidents").joinpath("data/precision.yaml").read_text("utf-8")
    return yaml.safe_load(text)
