"""Extraction speed against bare spaCy (issue 3's target: at least 80% of its throughput).

Both runs parse the same news texts with the same batch size and number of processes:
  spacy       `nlp.pipe(texts, batch_size=B, n_process=P)`, every Doc consumed
  trucewatch  `trucewatch.extract.extract_documents(documents, workers=P, batch_size=B)`,
              parsing included, every Extraction consumed
Texts: the VOA stories (with their publication dates, so time expressions are read), then the
articles inside the geoparsing corpora (undated) in ../shared/data.
Peak memory is the largest resident set of this process plus its worker processes (psutil).
Prints a summary on stderr and one JSON object on stdout.

    .venv/bin/python benchmarks/extract_speed.py [--texts 300] [--processes 2] [--batch-size 16] [--repeat 3]
    .venv/bin/python benchmarks/extract_speed.py --stage-costs [--texts 120]

`--stage-costs` measures, in one process and without a profiler, parsing time, extraction time
and the part of extraction spent in the place stage (story places + locating each act), so the
place stage's cost can be followed on its own.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = Path(os.environ.get("TRUCEWATCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


def news_items(shared: Path, limit: int) -> list[tuple[str, date | None]]:
    """(text, publication date) of the VOA stories first, then of the geoparsing articles, up to
    `limit` (the same texts and dates as `make bench`, read by its own loader)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from run import news_items as bench_items

    return bench_items(shared, limit)[0]


class PeakMemory:
    """Samples the summed RSS of this process and its children every 0.05 s; keeps the peak."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self.me, *self.me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def time_spacy(texts: list[str], processes: int, batch_size: int) -> tuple[float, float]:
    from trucewatch.nlp import get_nlp

    nlp = get_nlp()
    with PeakMemory() as memory:
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
            pass
        seconds = time.perf_counter() - started
    return seconds, memory.peak / 1e6


def time_trucewatch(items: list[tuple[str, date | None]], processes: int,
                    batch_size: int) -> tuple[float, float, int]:
    from trucewatch.extract import extract_documents
    from trucewatch.records import Document

    documents = [Document.from_text(text, ref=str(i), published=day) for i, (text, day) in enumerate(items)]
    events = 0
    with PeakMemory() as memory:
        started = time.perf_counter()
        for extraction in extract_documents(documents, workers=processes, batch_size=batch_size):
            events += len(extraction.events)
        seconds = time.perf_counter() - started
    return seconds, memory.peak / 1e6, events


def stage_costs(items: list[tuple[str, date | None]], batch_size: int) -> dict:
    """Parse once, then extract with the place stage timed (single process, no profiler; CPU
    seconds of this process, which other work on the machine disturbs less than wall time)."""
    from trucewatch.extract import links
    from trucewatch.extract.document import extract_document
    from trucewatch.extract.pipeline import warm_up
    from trucewatch.nlp import get_nlp
    from trucewatch.records import Document

    warm_up()
    documents = [Document.from_text(text, published=day) for text, day in items]
    started = time.process_time()
    docs = list(get_nlp().pipe([document.text for document in documents], batch_size=batch_size))
    parse = time.process_time() - started
    spent = [0.0]
    originals = links.story_places, links.locate

    def timed(function):
        def run(*args, **kwargs):
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.process_time() - began
        return run

    links.story_places, links.locate = (timed(function) for function in originals)
    try:
        started = time.process_time()
        for document, doc in zip(documents, docs):
            extract_document(document, doc)
        extract = time.process_time() - started
    finally:
        links.story_places, links.locate = originals
    places = spent[0]
    return {"texts": len(documents), "parse_s": round(parse, 2), "extract_s": round(extract, 2),
            "place_stage_s": round(places, 2), "place_share_of_extraction": round(places / extract, 3),
            "place_share_of_parse": round(places / parse, 3),
            "ratio_one_process": round(parse / (parse + extract), 3),
            "ratio_one_process_without_places": round(parse / (parse + extract - places), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs of each; best time kept")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--stage-costs", action="store_true", help="one process: parse, extract, place stage")
    args = parser.parse_args(argv)
    items = news_items(args.shared, args.texts)
    texts = [text for text, _ in items]
    if not texts:
        print(json.dumps({"skipped": f"no news texts under {args.shared}"}))
        return 0
    if args.stage_costs:
        import warnings

        warnings.simplefilter("ignore")
        costs = stage_costs(items, args.batch_size)
        print(f"{costs['texts']} texts, one process: parse {costs['parse_s']}s, extraction {costs['extract_s']}s, "
              f"place stage {costs['place_stage_s']}s ({costs['place_share_of_extraction']:.0%} of extraction, "
              f"{costs['place_share_of_parse']:.0%} of parsing)", file=sys.stderr)
        print(json.dumps(costs))
        return 0
    words = sum(len(text.split()) for text in texts)
    from trucewatch.nlp import get_nlp
    from trucewatch.extract.document import prepare

    get_nlp()
    prepare()  # both runs start with the model and lexicons loaded in the parent
    import warnings

    warnings.simplefilter("ignore")
    spacy_runs, our_runs = [], []
    for _ in range(args.repeat):  # alternate the two, keep each one's best: the machine is shared
        spacy_runs.append(time_spacy(texts, args.processes, args.batch_size))
        our_runs.append(time_trucewatch(items, args.processes, args.batch_size))
    spacy_s, spacy_mb = min(run[0] for run in spacy_runs), max(run[1] for run in spacy_runs)
    ours_s, ours_mb = min(run[0] for run in our_runs), max(run[1] for run in our_runs)
    events = our_runs[0][2]
    result = {
        "texts": len(texts), "words": words, "processes": args.processes, "batch_size": args.batch_size,
        "repeat": args.repeat,
        "spacy": {"seconds": round(spacy_s, 2), "words_per_s": round(words / spacy_s, 1),
                  "peak_rss_mb": round(spacy_mb, 1)},
        "trucewatch": {"seconds": round(ours_s, 2), "words_per_s": round(words / ours_s, 1),
                       "peak_rss_mb": round(ours_mb, 1), "events": events},
        "ratio": round(spacy_s / ours_s, 3),
        "target": 0.8,
    }
    print(f"{len(texts)} texts, {words:,} words, {args.processes} processes, batch {args.batch_size}: "
          f"spaCy {result['spacy']['words_per_s']:,.0f} words/s ({spacy_mb:,.0f} MB peak), "
          f"TruceWatch {result['trucewatch']['words_per_s']:,.0f} words/s ({ours_mb:,.0f} MB peak), "
          f"ratio {result['ratio']:.2f} (target 0.80)", file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
