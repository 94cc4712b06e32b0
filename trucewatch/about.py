"""What this install is made of: TruceWatch's version, the spaCy model's and the gazetteer data's.

Cheap on purpose (no spaCy import, no model load): `trucewatch --version` calls it. The model's
version is read from its package's meta.json, found without importing it.
"""
from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class ModelInfo:
    """The configured spaCy model as installed: `version` is None when it is not installed."""

    name: str
    version: str | None = None
    spacy_version: str | None = None  # the spaCy versions the model was made for, e.g. ">=3.7.5,<3.9.0"
    path: Path | None = None


def distribution_version(name: str) -> str | None:
    """An installed distribution's version, or None."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def model_info(name: str | None = None) -> ModelInfo:
    """Where and which the model package is, from its meta.json; nothing is imported."""
    from trucewatch.nlp import model_name

    name = name or model_name()
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return ModelInfo(name)
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ModelInfo(name, version="unknown", path=folder)
    return ModelInfo(name, version=str(meta.get("version", "unknown")),
                     spacy_version=meta.get("spacy_version"), path=folder)


def version_lines() -> list[str]:
    """The lines `trucewatch --version` prints."""
    from trucewatch import __version__
    from trucewatch.nlp import install_hint
    from trucewatch.places.data_version import data_version

    model = model_info()
    spacy = distribution_version("spacy") or "not installed"
    if model.version:
        model_text = f"{model.name} {model.version}"
    else:
        model_text = f"{model.name} not installed ({install_hint(model.name)})"
    return [
        f"trucewatch {__version__}",
        f"spaCy {spacy}, model {model_text}",
        f"gazetteer data {data_version()}",
    ]
