"""Runs one gold set through extraction and a scorer; writes every miss as a JSON line.

Each format is a module in this package with `read(path, lag=...)` yielding GoldItems (or an
InputError per bad item) and a `Scorer` with `add(item, prediction) -> misses` and `scores()`.
A module may define `predict(item)`; otherwise the prediction is the item's Extraction.
"""
from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from trucewatch.errors import InputError, TruceWatchError
from trucewatch.evaluate.gold import GoldItem
from trucewatch.evaluate.metrics import Score
from trucewatch.records import Document, Extraction

FORMATS = ("petrarch", "plover", "acled", "gtd", "case", "timeml", "geoparsing", "event_location", "contract",
           "wikipedia")
DEFAULT_MISSES = "evaluate-misses.jsonl"

Extractor = Callable[[list[Document]], Iterable[Extraction]]


@dataclass
class Evaluation:
    format: str
    gold: list[str]
    items: int = 0
    scores: list[Score] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: int = 0
    misses: int = 0
    misses_file: str | None = None
    confusions: Counter = field(default_factory=Counter)  # (field, gold, predicted) -> count

    def top_confusions(self, n: int = 10) -> list[dict]:
        """The most frequent wrong answers, for error analysis at a glance."""
        return [{"field": f, "gold": g, "predicted": p, "count": c}
                for (f, g, p), c in self.confusions.most_common(n)]

    def values(self) -> dict[str, float | None]:
        """Score name -> value, for code that reads one figure."""
        return {score.name: score.value for score in self.scores}

    def as_json(self) -> dict:
        return {
            "format": self.format,
            "gold": self.gold,
            "items": self.items,
            "scores": {score.name: score.as_json() for score in self.scores},
            "skipped": self.skipped,
            "extraction_errors": self.errors,
            "misses": self.misses,
            "misses_file": self.misses_file,
            "top_confusions": self.top_confusions(),
        }


def format_module(name: str):
    if name not in FORMATS:
        raise TruceWatchError(f"Unknown gold format {name!r}; choose one of {', '.join(FORMATS)}.")
    return importlib.import_module(f"trucewatch.evaluate.{name}")


def default_extractor(workers: int | None) -> Extractor:
    try:
        from trucewatch.extract import extract_documents
    except ImportError as exc:
        raise TruceWatchError(f"Extraction is not available in this install ({exc}).") from None

    def run(documents: list[Document]) -> Iterator[Extraction]:
        # one pool for the whole gold set; a single document (a retry) stays in this process
        return extract_documents(documents, workers=workers if len(documents) > 1 else 1)

    return run


def read_gold(module, paths: Sequence[Path], lag: int, skipped: list[str]) -> Iterator[GoldItem]:
    for path in paths:
        for item in module.read(Path(path), lag=lag):
            if isinstance(item, InputError):
                skipped.append(str(item))
            else:
                yield item


def _extractions(items: list[GoldItem], extractor: Extractor,
                 on_error: Callable[[GoldItem, Exception], None]) -> Iterator[Extraction]:
    """One Extraction per item, streamed; after a failure the rest go one by one to isolate it."""
    documents = [Document.from_text(item.text, published=item.published, ref=item.id)
                 for item in items]
    done = 0
    try:
        for extraction in extractor(documents):
            done += 1
            yield extraction
        return
    except Exception:  # noqa: BLE001 - a colleague's bug must not end the whole evaluation
        pass
    for item, document in zip(items[done:], documents[done:]):
        try:
            yield next(iter(extractor([document])))
        except Exception as exc:  # noqa: BLE001
            on_error(item, exc)
            yield Extraction(document=document)  # scored as finding nothing


def halve(items: list, half: int | None) -> list:
    """Every other item (half 0: even positions, 1: odd), so that rules are developed on one half
    and confirmed on the other; None keeps all. The same split as the geoparsing scorer's."""
    if half is None:
        return items
    if half not in (0, 1):
        raise TruceWatchError(f"--half must be 0 or 1, not {half!r}.")
    return items[half::2]


def evaluate(fmt: str, paths: Sequence[str | Path], *, limit: int | None = None, lag: int = 2,
             misses_path: str | Path | None = DEFAULT_MISSES, extractor: Extractor | None = None,
             workers: int | None = None, progress: bool = False, half: int | None = None) -> Evaluation:
    """Score extraction (or the time resolver, for TimeML) on gold items in one format; `half`
    keeps every other item (after `limit`)."""
    if fmt == "geoparsing":
        from trucewatch.evaluate.geoparse_bridge import evaluate_geoparsing_set

        return evaluate_geoparsing_set(paths, limit=limit, misses_path=misses_path, half=half)
    if fmt == "event_location":
        from trucewatch.evaluate.geoparse_bridge import evaluate_event_location_set

        return evaluate_event_location_set(paths, limit=limit, misses_path=misses_path, half=half)
    module = format_module(fmt)
    result = Evaluation(format=fmt, gold=[str(path) for path in paths])
    items = list(islice(read_gold(module, [Path(p) for p in paths], lag, result.skipped), limit))
    items = halve(items, half)
    result.items = len(items)
    scorer = module.Scorer()
    predict = getattr(module, "predict", None)
    errors: list[dict] = []

    def on_error(item: GoldItem, exc: Exception) -> None:
        errors.append({"format": fmt, "item": item.id, "source": item.source,
                       "field": "extraction error", "gold": None, "predicted": repr(exc)})

    if predict is not None:
        predictions = (_safe_predict(predict, item, on_error) for item in items)
    else:
        predictions = _extractions(items, extractor or default_extractor(workers), on_error)
    with misses_writer(misses_path) as write_miss, _progress(progress, len(items), fmt) as advance:
        for item, prediction in zip(items, predictions):
            misses = scorer.add(item, prediction)
            for miss in misses:
                result.confusions[(miss["field"], _short(miss.get("gold")),
                                   _short(miss.get("predicted")))] += 1
                write_miss({"format": fmt, "item": item.id, "source": item.source, **miss,
                            "text": item.text})
            result.misses += len(misses)
            advance()
        for record in errors:
            write_miss(record)
    result.errors = len(errors)
    result.misses += len(errors)
    result.scores = scorer.scores()
    result.misses_file = str(misses_path) if misses_path else None
    return result


@contextmanager
def misses_writer(misses_path: str | Path | None):
    """A function writing one miss per JSON line to `misses_path`, or ignoring it when there is none."""
    if not misses_path:
        yield lambda record: None
        return
    with open(misses_path, "w", encoding="utf-8") as handle:
        yield lambda record: handle.write(json.dumps(record, default=str, ensure_ascii=False) + "\n")


def _short(value) -> str:
    """A miss value as a short, countable string."""
    if isinstance(value, (list, tuple)):
        value = ",".join(str(v) for v in value)
    return str(value)[:40]


def _safe_predict(predict, item: GoldItem, on_error):
    try:
        return predict(item)
    except ImportError as exc:
        raise TruceWatchError(f"The time resolver is not available in this install ({exc}).") from None
    except Exception as exc:  # noqa: BLE001
        on_error(item, exc)
        return None


class _progress:
    """A rich progress bar for a person at a terminal; a no-op otherwise."""

    def __init__(self, enabled: bool, total: int, label: str) -> None:
        self.enabled, self.total, self.label = enabled, total, label

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import Progress

        from trucewatch.cli_app import err_console

        self.bar = Progress(console=err_console, transient=True)
        self.bar.start()
        task = self.bar.add_task(f"scoring {self.label}", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.bar.stop()
