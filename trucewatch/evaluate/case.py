"""CASE-2021 task 2 TSV: one snippet per row, the label code in the LAST field, with or without a
header row (`id <tab> snippet <tab> ... <tab> label`, the snippet being the longest field between
id and code; a two-field row is `snippet <tab> label`).

Codes map to ACLED sub_event_type names through data/case_labels.yaml. Items whose code has no
ACLED sub-type (ATTRIB, DIPLO, ORG_CRIME, MAN_MADE_DISASTER, NATURAL_DISASTER) are reported apart:
one row per code with how many items carry it and how many of them we coded as an ACLED event
anyway; they are never scored as misses. The others are scored on the best-matching event (one
whose ACLED sub-event type equals the gold, else the first ACLED-coded event, else "none"):
accuracy, macro-F1 and support-weighted F1 over the labels.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from trucewatch.errors import ConfigError, InputError
from trucewatch.evaluate.datafiles import load
from trucewatch.evaluate.gold import GoldItem, open_text
from trucewatch.evaluate.metrics import Classes, Score
from trucewatch.ontology import ACLED_SUB_EVENT_TYPES
from trucewatch.records import Extraction

HEADER = ("id", "snippet", "label")
CODE = re.compile(r"^[A-Za-z][A-Za-z_]*$")
OUTSIDE = "outside ACLED"


@lru_cache(maxsize=1)
def labels() -> tuple[dict[str, str], dict[str, str]]:
    """(code -> ACLED sub-event type, code -> description of a code outside ACLED), checked."""
    data = load("case_labels.yaml")
    acled, outside = dict(data.get("acled") or {}), dict(data.get("outside_acled") or {})
    wrong = [name for name in acled.values() if name not in ACLED_SUB_EVENT_TYPES]
    if wrong:
        raise ConfigError(f"case_labels.yaml maps to {wrong[0]!r}, which is not one of ACLED's 25 "
                          "sub-event types.")
    return {k.upper(): v for k, v in acled.items()}, {k.upper(): v for k, v in outside.items()}


def label_name(code: str) -> str:
    """The ACLED sub-event type of a code; 'outside ACLED' or 'unmapped:CODE' otherwise."""
    acled, outside = labels()
    key = code.strip().upper()
    if key in acled:
        return acled[key]
    return OUTSIDE if key in outside else f"unmapped:{key}"


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    lines = open_text(path).splitlines()
    if not any(line.strip() for line in lines):
        raise InputError(str(path), "is empty")
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, fields in enumerate(reader, start=1):
        fields = [field.strip() for field in fields]
        if any(fields):
            yield number, fields


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    rows = list(_rows(path))
    if rows and [field.lower() for field in rows[0][1][:2]] == list(HEADER[:2]):
        rows = rows[1:]
    for line, fields in rows:
        source = f"{path}:{line}"
        if len(fields) < 2:
            yield InputError(source, "needs a snippet and a label code, separated by tabs "
                                     "(id, snippet, ..., label)")
            continue
        # the code is the last field; the snippet the longest field between the id and the code
        code, snippet = fields[-1], max(fields[1:-1], key=len) if len(fields) > 2 else fields[0]
        item_id = fields[0] if len(fields) > 2 and fields[0] else f"row-{line}"
        if not snippet or not code:
            yield InputError(source, "has an empty snippet or label")
            continue
        if not CODE.match(code):
            yield InputError(source, f"its last field {code[:40]!r} is not a label code such as AIR_STRIKE")
            continue
        yield GoldItem(id=item_id, text=snippet, published=None,
                       gold={"code": code.upper(), "label": label_name(code)}, source=source)


class Scorer:
    def __init__(self) -> None:
        self.labels = Classes()
        self.unmapped: set[str] = set()
        self.outside: Counter = Counter()
        self.outside_coded: Counter = Counter()

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        gold, code = item.gold["label"], item.gold["code"]
        coded = [event.acled.sub_event_type for event in extraction.events if event.acled]
        if gold == OUTSIDE:
            self.outside[code] += 1
            self.outside_coded[code] += bool(coded)
            return []
        if gold.startswith("unmapped:"):
            self.unmapped.add(code)
        ours = gold if gold in coded else (coded[0] if coded else "none")
        if self.labels.add(gold, ours):
            return []
        return [{"field": "label", "gold": gold, "predicted": ours, "code": code}]

    def scores(self) -> list[Score]:
        rows = self.labels.scores("ACLED sub-event type")
        for code in sorted(self.outside):
            rows.append(Score(f"{OUTSIDE}, not scored: {code}", None, self.outside[code],
                              f"we coded an ACLED event for {self.outside_coded[code]}"))
        if self.unmapped:
            rows.append(Score("unmapped label codes", None, len(self.unmapped),
                              ", ".join(sorted(self.unmapped))))
        return rows
