"""Small, dependency-free tallies for scoring: accuracy, precision/recall/F1, class F1, km error.

Scorers feed these one gold item at a time, so a run can stop early (`--limit`) and still report.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Score:
    """One row of the scores table: a named figure and how many gold items it rests on."""

    name: str
    value: float | None
    n: int
    note: str = ""

    def as_json(self) -> dict:
        value = None if self.value is None else round(self.value, 4)
        row = {"value": value, "n": self.n}
        if self.note:
            row["note"] = self.note
        return row


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when nothing was counted (never a misleading 0)."""
    return part / whole if whole else None


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.total += 1
        self.correct += bool(ok)
        return ok

    def score(self, name: str, note: str = "") -> Score:
        return Score(name, ratio(self.correct, self.total), self.total, note)


@dataclass
class PRF:
    """Micro precision, recall and F1 from matched / predicted-only / gold-only counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add_sets(self, gold: Counter, predicted: Counter) -> tuple[Counter, Counter]:
        """Count a multiset comparison; returns (missed gold, spurious predictions)."""
        matched = gold & predicted
        self.tp += sum(matched.values())
        missed = gold - predicted
        spurious = predicted - gold
        self.fn += sum(missed.values())
        self.fp += sum(spurious.values())
        return missed, spurious

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.recall)

    def scores(self, name: str) -> list[Score]:
        gold = self.tp + self.fn
        return [
            Score(f"{name} precision", self.precision, self.tp + self.fp),
            Score(f"{name} recall", self.recall, gold),
            Score(f"{name} F1", self.f1, gold),
        ]


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; 0 when nothing gold was found (even if nothing was predicted either)."""
    if recall == 0:
        return 0.0
    if precision is None or recall is None:
        return None
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@dataclass
class Classes:
    """Single-label classification: accuracy, macro-F1 and support-weighted F1 over the classes.

    Classes are the union of gold and predicted labels, as scikit-learn does, so a label we
    predict but the gold never uses still costs precision.
    """

    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, gold: str, predicted: str | None) -> bool:
        self.pairs.append((gold, predicted or "none"))
        return gold == (predicted or "none")

    def per_class(self) -> dict[str, tuple[float, int]]:
        """label -> (F1, gold support)."""
        labels = {g for g, _ in self.pairs} | {p for _, p in self.pairs}
        result = {}
        for label in sorted(labels):
            tp = sum(1 for g, p in self.pairs if g == label and p == label)
            fp = sum(1 for g, p in self.pairs if g != label and p == label)
            fn = sum(1 for g, p in self.pairs if g == label and p != label)
            value = f1(ratio(tp, tp + fp) or 0.0, ratio(tp, tp + fn) or 0.0) or 0.0
            result[label] = (value, tp + fn)
        return result

    def scores(self, name: str) -> list[Score]:
        n = len(self.pairs)
        if not n:
            return [Score(f"{name} accuracy", None, 0), Score(f"{name} macro-F1", None, 0),
                    Score(f"{name} weighted F1", None, 0)]
        per_class = self.per_class()
        accuracy = sum(1 for g, p in self.pairs if g == p) / n
        macro = sum(value for value, _ in per_class.values()) / len(per_class)
        weighted = sum(value * support for value, support in per_class.values()) / n
        return [
            Score(f"{name} accuracy", accuracy, n),
            Score(f"{name} macro-F1", macro, n, f"{len(per_class)} classes"),
            Score(f"{name} weighted F1", weighted, n),
        ]


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median(values: list[float]) -> float | None:
    """The median, or None when there are no values."""
    return statistics.median(values) if values else None


@dataclass
class Distances:
    """Location error: km for located predictions; a missing place counts against the shares."""

    km: list[float] = field(default_factory=list)
    total: int = 0

    def add(self, km: float | None) -> None:
        self.total += 1
        if km is not None:
            self.km.append(km)

    def scores(self, name: str) -> list[Score]:
        within = lambda limit: ratio(sum(1 for k in self.km if k <= limit), self.total)  # noqa: E731
        return [
            Score(f"{name} located", ratio(len(self.km), self.total), self.total),
            Score(f"{name} median km", median(self.km), len(self.km)),
            Score(f"{name} within 25 km", within(25), self.total),
            Score(f"{name} within 161 km", within(161), self.total),
        ]
