"""CASE-2021 task 2 TSV: `id <tab> snippet <tab> label code`, with or without a header row.

Codes map to ACLED sub_event_type names through data/case_labels.yaml (codes outside ACLED map to
"none": right when we return no ACLED-coded event). Scored on the best-matching event (one whose
ACLED sub-event type equals the gold, else the first ACLED-coded event): accuracy, macro-F1 and
support-weighted F1 over the labels.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from trucewatch.errors import InputError
from trucewatch.evaluate.datafiles import load
from trucewatch.evaluate.gold import GoldItem, open_text, read_table
from trucewatch.evaluate.metrics import Classes, Score
from trucewatch.records import Extraction

COLUMNS = ("id", "snippet", "label")


def has_header(path: Path) -> bool:
    first = next((line for line in open_text(path).splitlines() if line.strip()), "")
    return [cell.strip().lower() for cell in first.split("\t")][:3] == list(COLUMNS)


def label_name(code: str) -> str:
    labels = load("case_labels.yaml")
    key = code.strip().upper()
    if key not in labels:
        return f"unmapped:{key}"
    return labels[key] or "none"


def read(path: Path, **_options) -> Iterator[GoldItem | InputError]:
    header = has_header(path)
    for line, row in read_table(path, COLUMNS, delimiter="\t", header=header):
        source = f"{path}:{line}"
        if row.get("label") is None or row.get("snippet") is None:
            yield InputError(source, "needs three tab-separated columns: id, snippet, label")
            continue
        if not row["snippet"] or not row["label"]:
            yield InputError(source, "has an empty snippet or label")
            continue
        yield GoldItem(id=row["id"] or f"row-{line}", text=row["snippet"], published=None,
                       gold={"code": row["label"], "label": label_name(row["label"])},
                       source=source)


class Scorer:
    def __init__(self) -> None:
        self.labels = Classes()
        self.unmapped: set[str] = set()

    def add(self, item: GoldItem, extraction: Extraction) -> list[dict]:
        gold = item.gold["label"]
        if gold.startswith("unmapped:"):
            self.unmapped.add(item.gold["code"])
        coded = [event.acled.sub_event_type for event in extraction.events if event.acled]
        ours = gold if gold in coded else (coded[0] if coded else "none")
        if self.labels.add(gold, ours):
            return []
        return [{"field": "label", "gold": gold, "predicted": ours, "code": item.gold["code"]}]

    def scores(self) -> list[Score]:
        rows = self.labels.scores("ACLED sub-event type")
        if self.unmapped:
            rows.append(Score("unmapped label codes", None, len(self.unmapped),
                              ", ".join(sorted(self.unmapped))))
        return rows
