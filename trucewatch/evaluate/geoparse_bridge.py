"""`--format geoparsing` and `--format event_location`: the geoparsing scorers (trucewatch/evaluate/geoparsing.py, a colleague's
module) run with gold toponym spans and end to end, its dict turned into score rows.

Numbers in its result become rows named "<mode> <key>"; a list under "misses" goes to the misses
file; everything else is left out of the table.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from trucewatch.errors import TruceWatchError
from trucewatch.evaluate.metrics import Score
from trucewatch.evaluate.runner import Evaluation, misses_writer

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
    try:
        from trucewatch.evaluate.geoparsing import evaluate_geoparsing
    except ImportError as exc:
        raise TruceWatchError(f"The geoparsing scorer is not available in this install ({exc}).") from None
    result = _evaluation("geoparsing", paths, misses_path)
    with misses_writer(misses_path) as write_miss:
        for mode in MODES:
            scores = dict(evaluate_geoparsing([str(p) for p in paths], mode=mode, limit=limit,
                                                     **_half(half)))
            misses = scores.pop("misses", None) or []
            skipped = scores.pop("skipped", None) or []
            result.skipped += [str(entry) for entry in skipped]
            result.items = max(result.items, int(scores.get("articles", scores.get("items", 0)) or 0))
            result.scores += _rows(mode, scores)
            _record_misses(result, write_miss, misses, {"format": "geoparsing", "mode": mode})
    return result


def evaluate_event_location_set(paths: Sequence[str | Path], *, limit: int | None = None,
                                misses_path: str | Path | None = None, half: int | None = None):
    """Which of a sentence's places is the event's place (labeled_text.jsonl[.zip]), per file."""
    try:
        from trucewatch.evaluate.geoparsing import evaluate_event_location
    except ImportError as exc:
        raise TruceWatchError(f"The event-location scorer is not available in this install ({exc}).") from None
    result = _evaluation("event_location", paths, misses_path)
    with misses_writer(misses_path) as write_miss:
        for path in paths:
            scores = dict(evaluate_event_location(str(path), limit=limit, **_half(half)))
            misses = scores.pop("misses", None) or []
            result.items += int(scores.get("n") or 0) + int(scores.get("no_place_sentences") or 0)
            label = Path(path).name if len(paths) > 1 else ""
            result.scores += _rows(label.strip(), scores) if label else _rows_plain(scores)
            _record_misses(result, write_miss, misses,
                           {"format": "event_location", "gold_file": str(path)})
    return result


def _evaluation(fmt: str, paths: Sequence[str | Path], misses_path: str | Path | None) -> Evaluation:
    """An empty result for `fmt` that already names the gold files and the misses file."""
    return Evaluation(format=fmt, gold=[str(path) for path in paths],
                      misses_file=str(misses_path) if misses_path else None)


def _record_misses(result: Evaluation, write_miss: Callable[[dict], object], misses: list,
                   context: dict) -> None:
    """Counts a scorer's misses and writes each, after `context`, as one line of the misses file."""
    result.misses += len(misses)
    for miss in misses:
        write_miss({**context, **(miss if isinstance(miss, dict) else {"miss": miss})})


def _half(half: int | None) -> dict:
    """The `half` keyword only when one is asked for, so a scorer without it still runs whole sets."""
    return {} if half is None else {"half": half}


def _rows_plain(result: dict) -> list[Score]:
    return [Score(row.name.strip(), row.value, row.n, row.note) for row in _rows("", result)]
