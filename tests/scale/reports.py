"""Invented reports for the scale tests (our own sentences, no third-party text), built from a few
templates so the tests can ask for as many as they need, as plain files, JSONL rows and CSV rows."""
from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

PLACES = ["Idlib", "Hama", "Aleppo", "Saraqib", "Ariha", "Douma", "Homs", "Maarrat Misrin"]
DOERS = ["Government aircraft", "Russian jets", "Rebel fighters", "Army artillery", "Gunmen"]
ACTS = [
    "struck a bakery in {place} on {weekday}, killing {n} people, local rescuers said.",
    "shelled the outskirts of {place} on {weekday}, wounding {n} civilians, a monitor reported.",
    "attacked a checkpoint near {place} on {weekday}; {n} soldiers were killed, the army said.",
    "bombed a clinic in {place} on {weekday}, and {n} patients were hurt, doctors told reporters.",
]
ECHOES = [
    "The council of {place} said the attack broke the pause in fighting agreed last month.",
    "Residents of {place} said they had heard aircraft circling for an hour before the strike.",
    "A spokesman for the government denied that its forces had carried out the attack.",
    "Aid workers in {place} said supplies of bread and fuel were running low after the attack.",
    "The opposition accused the government of targeting civilians in {place}.",
    "Local officials in {place} said {n} houses were damaged and several families had fled.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def report(n: int, *, sentences: int = 2) -> tuple[str, date]:
    """Report number n: a lead sentence and `sentences - 1` follow-ups, with its date."""
    place = PLACES[n % len(PLACES)]
    day = date(2016, 3, 1) + timedelta(days=n % 40)
    fields = {"place": place, "weekday": WEEKDAYS[(n // 3) % 7], "n": 2 + n % 11}
    lead = f"Bulletin {n}. {DOERS[n % len(DOERS)]} " + ACTS[n % len(ACTS)].format(**fields)
    more = [ECHOES[(n + k) % len(ECHOES)].format(**fields) for k in range(sentences - 1)]
    return " ".join([lead, *more]), day


def write_reports(folder: Path, count: int, *, sentences: int = 2) -> int:
    """About a third each as dated text files, JSONL rows and CSV rows; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, sheet = [], []
    for n in range(count):
        text, day = report(n, sentences=sentences)
        if n % 3 == 0:
            (folder / f"report-{n:04d}.txt").write_text(f"date {day.isoformat()}\n{text}\n", encoding="utf-8")
        elif n % 3 == 1:
            rows.append({"id": f"wire-{n}", "text": text, "published": day.isoformat(), "source": "Wire A"})
        else:
            sheet.append({"id": f"sheet-{n}", "text": text, "published": day.isoformat(), "source": "Wire B"})
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows)
    with open(folder / "sheet.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text", "published", "source"])
        writer.writeheader()
        writer.writerows(sheet)
    return count
