"""Loads ACLED's code tables (acled_codes.yaml) and checks them, so a user editing the file
learns at once which entry is wrong instead of getting empty cells in an export."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import get_args


from trucewatch.datafiles import read_yaml
from trucewatch.errors import ConfigError
from trucewatch.records import PlacePrecision, Status, TimePrecision

TABLES = ("time_precision", "geo_precision", "disorder_type", "inter")


@dataclass(frozen=True)
class AcledCodes:
    coded_statuses: frozenset[str]
    time_precision: dict[str, int]
    geo_precision: dict[str, int]
    disorder_type: dict[str, str]
    inter: dict[str, str]


def default_path() -> Path:
    return Path(str(resources.files("trucewatch.exports_data") / "acled_codes.yaml"))


def parse_acled_codes(data: object, source: str) -> AcledCodes:
    """Validate the parsed YAML; errors name the file and the entry."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping with the sections coded_statuses, {', '.join(TABLES)}.")
    for table in TABLES:
        if not isinstance(data.get(table), dict):
            raise ConfigError(f"{source}: the section {table!r} is missing or is not a mapping.")
    statuses = data.get("coded_statuses")
    if not isinstance(statuses, list) or not set(statuses) <= set(get_args(Status)):
        raise ConfigError(f"{source}: coded_statuses must be a list of {', '.join(get_args(Status))}.")
    missing = set(get_args(TimePrecision)) - set(data["time_precision"])
    if missing:
        raise ConfigError(f"{source}: time_precision has no code for {', '.join(sorted(missing))}.")
    unknown = set(data["geo_precision"]) - set(get_args(PlacePrecision))
    if unknown:
        raise ConfigError(f"{source}: geo_precision names unknown precisions {', '.join(sorted(unknown))}.")
    for table in ("time_precision", "geo_precision"):
        for key, code in data[table].items():
            if code not in (1, 2, 3):
                raise ConfigError(f"{source}: {table} of {key!r} is {code!r}; ACLED's codes are 1, 2 and 3.")
    return AcledCodes(
        coded_statuses=frozenset(statuses),
        time_precision=dict(data["time_precision"]),
        geo_precision=dict(data["geo_precision"]),
        disorder_type={str(k): str(v) for k, v in data["disorder_type"].items()},
        inter={str(k): str(v) for k, v in data["inter"].items()},
    )


def load_acled_codes(path: str | Path | None = None) -> AcledCodes:
    path = Path(path) if path else default_path()
    return parse_acled_codes(read_yaml(path, "the ACLED code tables"), str(path))


@lru_cache(maxsize=1)
def acled_codes() -> AcledCodes:
    """The packaged tables, loaded once per process."""
    return load_acled_codes()
