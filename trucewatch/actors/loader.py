"""Reads the actor data files (the packaged ones, then the user's) into validated entries.

Users extend the dictionary without touching the package: $TRUCEWATCH_ACTORS names YAML files
or folders of them (separated like PATH). A user entry with the id of a packaged one replaces it,
so a user can correct a term end date or a sector. Every error names the file, the entry and why.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from trucewatch.actors.schema import Entry
from trucewatch.errors import ConfigError

DATA_DIR = Path(__file__).parent / "data"
ENV_VAR = "TRUCEWATCH_ACTORS"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when available
# Countries first: other files refer to their codes.
PACKAGED = ["countries.yaml", "militaries.yaml", "groups.yaml", "organisations.yaml",
            "people.yaml", "terms.yaml"]


@dataclass(frozen=True)
class Loaded:
    entry: Entry
    source: str  # file the entry came from
    priority: int  # later files win ties between equal aliases


def user_paths() -> list[Path]:
    """Files named by $TRUCEWATCH_ACTORS (a folder contributes its *.yaml / *.yml files)."""
    value = os.environ.get(ENV_VAR, "")
    paths: list[Path] = []
    for part in filter(None, value.split(os.pathsep)):
        path = Path(part).expanduser()
        if path.is_dir():
            paths.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.exists():
            paths.append(path)
        else:
            raise ConfigError(f"{path}: named in ${ENV_VAR} but there is no such file or folder.")
    return paths


def packaged_paths() -> list[Path]:
    return [DATA_DIR / name for name in PACKAGED]


def _describe(item: object, index: int) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return f"entry {index + 1}" + (f" (id {ident!r})" if ident else "")


def _reason(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def read_file(path: Path) -> list[Entry]:
    """The validated entries of one data file."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: is not valid YAML{where} ({getattr(exc, 'problem', exc)}).") from exc
    if document is None:
        return []
    if not isinstance(document, dict) or not isinstance(document.get("actors"), list):
        raise ConfigError(f"{path}: must be a mapping with a list under 'actors:' (see SCHEMA.md).")
    entries, seen = [], set()
    for index, item in enumerate(document["actors"]):
        if not isinstance(item, dict):
            raise ConfigError(f"{path}: {_describe(item, index)} must be a mapping of fields.")
        try:
            entry = Entry.model_validate(item)
        except ValidationError as exc:
            raise ConfigError(f"{path}: {_describe(item, index)}: {_reason(exc)}.") from exc
        if entry.id in seen:
            raise ConfigError(f"{path}: {_describe(item, index)}: the id is used twice in this file.")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def load_entries(extra_paths: list[Path] | None = None, *, use_env: bool = True) -> list[Loaded]:
    """Packaged entries, then user files; a later entry with the same id replaces the earlier."""
    paths = packaged_paths() + (user_paths() if use_env else []) + [Path(p) for p in extra_paths or []]
    by_id: dict[str, Loaded] = {}
    for priority, path in enumerate(paths):
        for entry in read_file(path):
            by_id[entry.id] = Loaded(entry, str(path), priority)
    countries = {loaded.entry.id for loaded in by_id.values() if loaded.entry.kind == "country"}
    for loaded in by_id.values():
        missing = [role.org for role in loaded.entry.roles if role.org and role.org not in by_id]
        if missing:
            raise ConfigError(f"{loaded.source}: entry id {loaded.entry.id!r}: role names unknown "
                              f"organisation id {missing[0]!r}.")
        unknown = loaded.entry.countries_named() - countries
        if unknown:
            raise ConfigError(
                f"{loaded.source}: entry id {loaded.entry.id!r}: unknown country code "
                f"{', '.join(sorted(unknown))} (not in the country list)."
            )
    return list(by_id.values())
