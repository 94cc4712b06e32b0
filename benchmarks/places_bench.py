"""Places speed figures: gazetteer load time, lookups per second, and place resolution's share of
extraction time. Prints one JSON line (the last line) for benchmarks/run.py.

Usage: python benchmarks/places_bench.py [--shared ../shared/data] [--stories N]
Targets (issue 4): loading the gazetteer <= 1 s; place resolution <= 10% of parse time (issue 11).
The share is taken as an extraction worker runs: set up first (model, tables, polygons, a frozen
heap), then 89 stories parsed, then their places resolved from cold answer caches.
"""
from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD_SNIPPET = (
    "import time; t=time.perf_counter(); from trucewatch.places import get_gazetteer, resolve; "
    "get_gazetteer(); resolve('Aleppo'); print(time.perf_counter()-t)"
)
NAMES = ["Aleppo", "Deir Ezzor", "Dayr az Zawr", "Khan Sheikhoun", "Douma", "Tripoli", "Eastern Ghouta",
         "Syrian", "Masakin Hanano", "Idleb", "Raqqa", "Hodeidah", "Kabul", "Mosul", "Gaza", "Sanaa",
         "Benghazi", "Mogadishu", "Timbuktu", "El Fasher", "Qwzxv"]


def load_seconds(runs: int = 3) -> float:
    """Fresh-process time to open the gazetteer and answer one lookup (best of a few runs)."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def lookups_per_second() -> dict:
    from trucewatch.places import get_gazetteer, resolve

    gazetteer = get_gazetteer()
    started = time.perf_counter()
    for name in NAMES:
        gazetteer._candidates(name)  # uncached path
    cold = (time.perf_counter() - started) / len(NAMES)
    started = time.perf_counter()
    for _ in range(50):
        for name in NAMES:
            resolve(name)
    warm = (time.perf_counter() - started) / (50 * len(NAMES))
    return {"cold_ms": round(cold * 1000, 2), "warm_ms": round(warm * 1000, 3)}


def resolution_share(shared: Path, stories: int) -> dict:
    """Parse news stories with spaCy, then time story_places + locate per sentence on the parses."""
    from trucewatch.extract import where
    from trucewatch.nlp import get_nlp, remember_text

    texts = []
    voa = shared / "news" / "voa" / "voa_stories.jsonl"
    if voa.exists():
        texts = [json.loads(line)["text"] for line in voa.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = texts[:stories] or ["Jets struck Idlib on Sunday, officials in Damascus said."] * stories
    nlp = get_nlp()
    # Set up as an extraction worker is before its first report (pipeline.warm_up, then a frozen
    # heap: see pipeline._frozen_heap): model, lexicons, actor dictionary, polygons and provinces
    # table loaded, extraction's modules imported; the cached answers of the warm-up report dropped.
    from trucewatch.extract.pipeline import warm_up
    from trucewatch.places import story

    warm_up()
    story.cache_clear()
    gc.freeze()
    started, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=16))
    for doc, text in zip(docs, texts):
        remember_text(doc, text)  # as extraction does: it knows each report's text
    parse_s, parse_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        mentions = where.story_places(doc)
        for sent in doc.sents:
            verb = next((t for t in sent if t.pos_ == "VERB"), None)
            if verb is not None:
                where.locate(doc, sent, verb, mentions)
    places_s, places_cpu = time.perf_counter() - started, time.process_time() - cpu
    # CPU seconds as well as wall-clock ones: on a shared machine the CPU ratio is the steadier one.
    return {"stories": len(texts), "parse_s": round(parse_s, 2), "places_s": round(places_s, 2),
            "places_share_of_parse": round(places_s / parse_s, 3),
            "places_cpu_share_of_parse_cpu": round(places_cpu / parse_cpu, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--stories", type=int, default=89)
    args = parser.parse_args()
    result = {"load_s": round(load_seconds(), 3), **lookups_per_second(),
              **resolution_share(args.shared, args.stories)}
    result["targets"] = {"load_s<=1": result["load_s"] <= 1.0,
                         "places<=10%_of_parse": result["places_share_of_parse"] <= 0.10}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
