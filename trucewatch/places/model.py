"""The Place record the gazetteer returns, and how prominent a place is."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

# How much a feature type adds to a place's prominence (log10 population is the base). Admin areas
# get little: their population is the sum of their towns, and a bare "Aleppo" usually means the city.
# A bare capital's name usually means the capital (London, Paris, Cairo); a county seat (PPLA2) is no
# more prominent than a town of its size (Arlington, Texas outweighs Arlington, Virginia). Weights
# chosen on half 0 of the geoparsing gold and confirmed on half 1.
_TYPE_WEIGHT = {
    "PCLI": 6.0, "PCLD": 5.0, "PCLS": 5.0, "PCLF": 5.0, "PCL": 5.0, "ADM1": 0.5, "PPLC": 4.5,
    "PPLA": 1.5, "ADM2": 0.0, "RGN": 3.0, "PPLA2": 0.0, "CUR": 2.0, "PPLX": 0.5,
    "OCN": 6.0, "SEA": 5.0, "GULF": 5.0, "CONT": 5.0,
}
# Oceans, seas and macro-regions have no population; they rank as if they had this many orders of
# magnitude (a bare "Atlantic" is the ocean, not Atlantic, Iowa). Hand-set, like the type weights.
_NOMINAL_SIZE = {"OCN": 9.0, "SEA": 8.0, "GULF": 8.0, "CONT": 8.0}


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

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id, when this place has one."""
        return int(self.id) if self.id.isdigit() else None

    @property
    def size(self) -> float:
        """Orders of magnitude of population (a nominal figure for oceans, seas and regions)."""
        return max(math.log10(self.population + 1), _NOMINAL_SIZE.get(self.fcode, 0.0))

    @property
    def prominence(self) -> float:
        """Log population plus a bonus for countries, capitals and admin areas."""
        return self.size + _TYPE_WEIGHT.get(self.fcode, 0.0)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        data["geonameid"] = self.geonameid
        return data
