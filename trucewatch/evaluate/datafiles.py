"""Loads the evaluation's crosswalks (YAML in data/), once per process."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from trucewatch.errors import ConfigError


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    path = resources.files("trucewatch.evaluate") / "data" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"The evaluation crosswalk {name} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"The evaluation crosswalk {name} is not a mapping.")
    return data
