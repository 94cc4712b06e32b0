"""`--format geoparsing` and `--format event_location`: the geoparsing scorers (trucewatch/evaluate/geoparsing.py, a colleague's
module) run with gold toponym spans and end to end, its dict turned into score rows.

Numbers in its result become rows named "<mode> <key>"; a list under "misses" goes to the misses
file; everything else is left out of the table.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from trucewatch.errors import TruceWatchError
from trucewatch.evaluate.metrics import Score

MODES = ("gold", "e2e")
COUNT_KEYS = ("n", "toponyms", "count", "total", "items")
NOT_SHOWN = ("articles",)


def _rows(mode: str, result: dict) -> list[Score]:
    support = next((int(result[key]) for key in COUNT_KEYS
                    if isinstance(result.get(key), (int, float))), 0)
    rows = []
    for key, value in result.items():
        if key in COUNT_KEYS or key in NOT_SHOWN or isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) or value is None:
            rows.append(Score(f"{mode} {key}", None if value is None else float(value), support))
        elif isinstance(value, dict):
            rows += _rows(f"{mode} {key}", {**value, **{k: result[k] for k in COUNT_KEYS
                                                         if k in result and k not in value}})
    return rows


def evaluate_geoparsing_set(paths: Sequence[str | Path], *, limit: int | None = None,
                            misses_path: str | Path | None = None, half: int | None = None):
    from trucewatch.evaluate.runner import Evaluation

    try:
        from trucewatch.evaluate.geoparsing import evaluate_geoparsing
    except ImportError as exc:
        raise TruceWatchError(f"The geoparsing scorer is not available in this install ({exc}).") from None
    result = Evaluation(format="geoparsing", gold=[str(path) for path in paths])
    with _misses_writer(misses_path) as write_miss:
        for mode in MODES:
            scores = dict(evaluate_geoparsing([str(p) for p in paths], mode=mode, limit=limit,
                                                     **_half(half)))
            misses = scores.pop("misses", None) or []
            skipped = scores.pop("skipped", None) or []
            result.skipped += [str(entry) for entry in skipped]
            result.items = max(result.items, int(scores.get("articles", scores.get("items", 0)) or 0))
            result.scores += _rows(mode, scores)
            result.misses += len(misses)
            for miss in misses:
                write_miss({"format": "geoparsing", "mode": mode,
                            **(miss if isinstance(miss, dict) else {"miss": miss})})
    result.misses_file = str(misses_path) if misses_path else None
    return result


def evaluate_event_location_set(paths: Sequence[str | Path], *, limit: int | None = None,
                                misses_path: str | Path | None = None, half: int | None = None):
    """Which of a sentence's places is the event's place (labeled_text.jsonl[.zip]), per file."""
    from trucewatch.evaluate.runner import Evaluation

    try:
        from trucewatch.evaluate.geoparsing import evaluate_event_location
    except ImportError as exc:
        raise TruceWatchError(f"The event-location scorer is not available in this install ({exc}).") from None
    result = Evaluation(format="event_location", gold=[str(path) for path in paths])
    with _misses_writer(misses_path) as write_miss:
        for path in paths:
            scores = dict(evaluate_event_location(str(path), limit=limit, **_half(half)))
            misses = scores.pop("misses", None) or []
            result.items += int(scores.get("n") or 0) + int(scores.get("no_place_sentences") or 0)
            label = Path(path).name if len(paths) > 1 else ""
            result.scores += _rows(label.strip(), scores) if label else _rows_plain(scores)
            result.misses += len(misses)
            for miss in misses:
                write_miss({"format": "event_location", "gold_file": str(path), **miss})
    result.misses_file = str(misses_path) if misses_path else None
    return result


def _half(half: int | None) -> dict:
    """The `half` keyword only when one is asked for, so a scorer without it still runs whole sets."""
    return {} if half is None else {"half": half}


@contextmanager
def _misses_writer(misses_path: str | Path | None):
    """A function writing one miss per JSON line to `misses_path`, or ignoring it when there is none."""
    if not misses_path:
        yield lambda record: None
        return
    with open(misses_path, "w", encoding="utf-8") as handle:
        yield lambda record: handle.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")


def _rows_plain(result: dict) -> list[Score]:
    return [Score(row.name.strip(), row.value, row.n, row.note) for row in _rows("", result)]
