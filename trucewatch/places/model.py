"""The Place record the gazetteer returns, and how prominent a place is."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from trucewatch.datafiles import read_yaml

_WEIGHTS_FILE = Path(__file__).parent / "data" / "feature_weights.yaml"


@lru_cache(maxsize=1)
def _feature_weights() -> dict[str, dict[str, float]]:
    """Prominence weight and nominal size by feature code (data/feature_weights.yaml)."""
    data = read_yaml(_WEIGHTS_FILE, "the feature weights")
    return {key: {code: float(value) for code, value in data[key].items()}
            for key in ("prominence_weight", "nominal_size")}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance between two points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Place:
    """One gazetteer entry: where it is, what kind of place, and in which admin areas."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2 (None for continents and world regions)
    country3: str | None  # ISO 3166-1 alpha-3
    fclass: str = "P"
    fcode: str = "PPL"
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    precision: str = "city"
    asciiname: str | None = None
    source: str | None = None
    note: str | None = None
    within: str | None = None
    matched: str | None = None  # the name as the query wrote it
    match: float = 0.0  # how well the name matched, 0..1
    score: float = 0.0  # the disambiguation score that ranked it
    extra: dict = field(default_factory=dict)

    def changed(self, **changes) -> Place:
        """A shallow copy with some fields changed, as dataclasses.replace gives, without calling
        __init__ with every field: ranking copies every candidate of every name in a story."""
        copy = object.__new__(Place)
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(changes)
        return copy

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id, when this place has one."""
        return int(self.id) if self.id.isdigit() else None

    @property
    def size(self) -> float:
        """Orders of magnitude of population (a nominal figure for oceans, seas and regions)."""
        return max(math.log10(self.population + 1), _feature_weights()["nominal_size"].get(self.fcode, 0.0))

    @property
    def prominence(self) -> float:
        """Log population plus a bonus for countries, capitals and admin areas."""
        return self.size + _feature_weights()["prominence_weight"].get(self.fcode, 0.0)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        data["geonameid"] = self.geonameid
        return data
