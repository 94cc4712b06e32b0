"""Reading the project's YAML data files with errors that name the file and the reason.

Lexicons, crosswalks and code tables are data a user may edit; a broken file must say which
file and what is wrong, not raise a parser traceback.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from trucewatch.errors import ConfigError


def read_yaml(path: str | Path, what: str):
    """The parsed YAML at `path`; `what` names the content for the error ("the act types")."""
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc}") from exc


def read_lexicon(package: str, relative: str) -> dict:
    """A packaged word-list file, checked: an unquoted "no" or "on" in a list becomes a boolean."""
    path = f"{package.replace('.', '/')}/{relative}"
    text = resources.files(package).joinpath(relative).read_text("utf-8")
    try:
        lexicon = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    for key, value in lexicon.items():
        if isinstance(value, list) and any(isinstance(item, bool) for item in value):
            raise ConfigError(f"{path}: the list '{key}' holds a true/false value; quote words "
                              f"such as \"on\" or \"no\".")
    return lexicon
