"""`make bench`: TruceWatch's speed and memory figures, written to benchmarks/results/bench.json.

Each benchmark runs in its own Python process, so its peak memory is its own:
  extraction  extraction throughput against the bare spaCy pipeline on the same news texts
              (VOA stories and the geoparsing corpora's articles in ../shared/data), same batch
              size and processes; peak RSS of the parent and of each worker process
  ingest      benchmarks/ingest_bench.py: documents/s stored into SQLite and PostgreSQL
  fusion      benchmarks/fusion_bench.py: incident fusion and truce check on 100,000 events
  hardening   benchmarks/hardening_bench.py --fast: the inputs that used to grow quadratically or
              without bound (issue 15, class 17), time and peak memory of the process tree
  commitments benchmarks/commitments_bench.py: checking pledges, as a share of `check` on the
              same 100,000 events (issue 17: under 10 %)
  web         benchmarks/web_bench.py: the server over loopback HTTP with 20,000 incidents: map
              latency for every zoom and view, and 50 clients reading list and map for 60 s
  review      benchmarks/review_bench.py: 50 readers and 5 reviewers writing for 60 s on PostgreSQL:
              errors, stale edits, p95 latency, every accepted write in the audit log exactly once
  extract_speed, places, fusion_impl  colleagues' benchmarks (extract_speed.py, places_bench.py,
              fusion_bench_impl.py), run when present
  scale       benchmarks/scale_bench.py: Dask extraction 1 vs 2 workers vs local processes on
              2,000 news documents, fusion of 1,000,000 events on a LocalCluster, 20-node estimate
              (runs last, on its own budget: it alone takes 10-15 minutes on 2 cores)
Usage: python benchmarks/run.py [--quick] [--only NAME ...] [--out FILE] [--shared DIR]
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
BUDGET_SECONDS = {"extraction": 200, "ingest": 120, "fusion": 180, "commitments": 180, "extract_speed": 200,
                  "places": 90, "fusion_impl": 120, "web": 330,
                  "review": 150, "hardening": 120}
TOTAL_BUDGET = 570  # seconds: the benchmarks above must finish within 10 minutes
SCALE_BUDGET = 2400  # seconds, on top: issue 14's figures need 2,000 documents three times over


# ---------------------------------------------------------------- memory sampling
class PeakMemory:
    """Samples the RSS of this process and its children; keeps each process's peak (MB)."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                processes = [self.me] + self.me.children(recursive=True)
            except psutil.Error:
                processes = [self.me]
            for process in processes:
                try:
                    rss = process.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0.0), rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict:
        main = self.peaks.get(self.me.pid, 0.0)
        workers = [peak for pid, peak in self.peaks.items() if pid != self.me.pid]
        return {"main_mb": round(main, 1), "max_worker_mb": round(max(workers), 1) if workers else None,
                "workers": len(workers)}


# ---------------------------------------------------------------- extraction throughput
def news_items(shared: Path, limit: int) -> tuple[list[tuple[str, date | None]], list[str]]:
    """(text, publication date) of the VOA stories, then of the geoparsing articles (undated), up
    to `limit`; and notes on what is missing. The dates matter: without one, extraction skips
    reading time expressions, which would flatter its speed."""
    import xml.etree.ElementTree as ET

    items, notes = [], []
    voa = shared / "news" / "voa" / "voa_stories.jsonl"
    if voa.exists():
        for line in voa.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                text = row.get("text") or ""
                if text.strip():
                    items.append((text, _published(row.get("published"))))
    else:
        notes.append(f"{voa} not found")
    corpora = sorted((shared / "gold" / "geoparsing").glob("*.xml"))
    if not corpora:
        notes.append(f"no geoparsing corpora in {shared / 'gold' / 'geoparsing'}")
    for corpus in corpora:
        if len(items) >= limit:
            break
        try:
            for article in ET.parse(corpus).getroot().iter("article"):
                text = article.findtext("text") or ""
                if text.strip():
                    items.append((text.strip(), None))
        except ET.ParseError as exc:
            notes.append(f"{corpus.name} unreadable: {exc}")
    return items[:limit], notes


def _published(value) -> date | None:
    """A row's publication date, None when missing or unreadable."""
    try:
        from trucewatch.ingest.dates import BadDate, parse_published
    except ImportError:
        return None
    try:
        return parse_published(value) if value else None
    except BadDate:
        return None


def news_texts(shared: Path, limit: int) -> tuple[list[str], list[str]]:
    """The texts of `news_items`, and its notes."""
    items, notes = news_items(shared, limit)
    return [text for text, _ in items], notes


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes: the work done, which other
    jobs on a shared machine disturb far less than the wall time."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, run) -> dict:
    with PeakMemory() as memory:
        started, cpu = time.perf_counter(), cpu_seconds()
        count = run()
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {"label": label, "seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "items": count,
            "memory": memory.summary()}


def measure_extraction(args) -> dict:
    items, notes = news_items(Path(args.shared), args.texts)
    if not items:
        return {"skipped": "no news texts: " + "; ".join(notes)}
    texts = [text for text, _ in items]
    words = sum(len(text.split()) for text in texts)
    result = {"texts": len(texts), "words": words, "processes": args.processes,
              "batch_size": args.batch_size, "dated_texts": sum(1 for _, day in items if day),
              "notes": notes}

    import spacy

    from trucewatch.nlp import get_nlp, model_name

    nlp = spacy.load(model_name())
    result["model"] = model_name()
    result["components"] = list(nlp.pipe_names)  # all of them, in both runs: none is excluded

    def bare() -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes))

    try:
        from trucewatch.extract import extract_documents
        from trucewatch.records import Document
    except ImportError as exc:
        extract_documents = None
        result["extraction_missing"] = str(exc)

    def ours() -> int:
        documents = [Document.from_text(text, ref=f"bench-{n}", published=day)
                     for n, (text, day) in enumerate(items)]
        return sum(1 for _ in extract_documents(documents, workers=args.processes,
                                                batch_size=args.batch_size))

    result["spacy"] = timed("bare spaCy nlp.pipe", bare)
    del nlp
    if extract_documents is not None:
        # Both runs start with their model loaded in the parent (spacy.load above for the bare
        # run); our own set-up (lexicons, gazetteer, polygons) stays inside the timed run.
        get_nlp()
        result["model_preloaded"] = True
        result["trucewatch"] = timed("trucewatch extract_documents", ours)
    for key in ("spacy", "trucewatch"):
        if key in result:
            run = result[key]
            run["texts_per_s"] = round(run["items"] / run["seconds"], 2)
            run["words_per_s"] = round(words / run["seconds"], 1)
    if "trucewatch" in result:
        result["ratio"] = round(result["trucewatch"]["words_per_s"] / result["spacy"]["words_per_s"], 3)
        # The same ratio from CPU seconds (all processes): steadier when the machine is shared.
        result["cpu_ratio"] = round(result["spacy"]["cpu_s"] / result["trucewatch"]["cpu_s"], 3)
    return result


# ---------------------------------------------------------------- orchestration
def run_child(name: str, command: list[str], timeout: int) -> dict:
    """Run one benchmark process; its last JSON line on stdout is its result."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout} s (budget for the whole run: 10 min)"}
    elapsed = round(time.perf_counter() - started, 1)
    lines = [line for line in done.stdout.splitlines() if line.strip().startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": f"exit status {done.returncode}: " + " | ".join(tail), "wall_s": elapsed}
    try:
        result = json.loads(lines[-1])
    except json.JSONDecodeError:
        try:  # a script that prints a Python dict
            result = ast.literal_eval(lines[-1])
        except (ValueError, SyntaxError):
            return {"output": done.stdout.strip().splitlines()[-5:], "wall_s": elapsed}
    result["wall_s"] = elapsed
    return result


def plan(args) -> dict[str, list[str]]:
    python = sys.executable
    quick = ["--quick"] if args.quick else []
    shared = ["--shared", str(args.shared)]
    steps = {
        "extraction": [python, str(HERE / "run.py"), "--measure", "extraction", *quick, *shared],
        "ingest": [python, str(HERE / "ingest_bench.py"), *quick],
        "fusion": [python, str(HERE / "fusion_bench.py"), *quick],
        "commitments": [python, str(HERE / "commitments_bench.py"), *quick],
        "web": [python, str(HERE / "web_bench.py"), *quick],
        "review": [python, str(HERE / "review_bench.py"), *quick],
        "hardening": [python, str(HERE / "hardening_bench.py"), "--fast", "--timeout", "60", *quick],
    }
    for name, script in (("extract_speed", "extract_speed.py"), ("places", "places_bench.py"),
                         ("fusion_impl", "fusion_bench_impl.py")):
        if (HERE / script).exists():
            steps[name] = [python, str(HERE / script)]
    steps["scale"] = [python, str(HERE / "scale_bench.py"), *quick, *shared]
    if args.only:
        steps = {name: command for name, command in steps.items() if name in args.only}
    return steps


def fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}{unit}" if isinstance(value, float) else f"{value:,}{unit}"


def table_rows(results: dict) -> list[tuple[str, str, str]]:
    """(benchmark, figure, memory) rows for the printed summary."""
    rows = []
    ex = results.get("extraction", {})
    for key in ("spacy", "trucewatch"):
        if key in ex:
            run = ex[key]
            mem = run["memory"]
            rows.append((run["label"], f"{fmt(run['words_per_s'], ' words/s', 0)}, "
                                       f"{fmt(run['texts_per_s'], ' texts/s', 2)}",
                         f"main {fmt(mem['main_mb'], ' MB')}, worker {fmt(mem['max_worker_mb'], ' MB')}"))
    if "ratio" in ex:
        rows.append(("extraction / bare spaCy", f"{ex['ratio']:.0%} (target ≥ 80%)", ""))
    if "cpu_ratio" in ex:
        rows.append(("same, from CPU seconds", f"{ex['cpu_ratio']:.0%} (steadier on a busy machine)", ""))
    if ex.get("components"):
        rows.append(("spaCy components (both runs)", ", ".join(ex["components"]) + "; none excluded", ""))
    speed = results.get("extract_speed", {})
    if "ratio" in speed:  # the extraction colleague's benchmark: same texts, project's get_nlp()
        rows.append(("extract_speed.py: spaCy via get_nlp()",
                     fmt(speed["spacy"]["words_per_s"], " words/s", 0),
                     fmt(speed["spacy"].get("peak_rss_mb"), " MB (all processes)")))
        rows.append(("extract_speed.py: extraction", fmt(speed["trucewatch"]["words_per_s"], " words/s", 0)
                     + f" = {speed['ratio']:.0%} of spaCy",
                     fmt(speed["trucewatch"].get("peak_rss_mb"), " MB (all processes)")))
    impl = results.get("fusion_impl", {})
    if "fuse_s" in impl:
        rows.append((f"fusion_bench_impl.py ({impl['n_events']:,} events)",
                     f"fuse {impl['fuse_s']} s + check {impl['check_s']} s; pair P "
                     f"{impl.get('pair_precision', 0):.2f} R {impl.get('pair_recall', 0):.2f}", ""))
    places = results.get("places", {})
    if "load_s" in places:
        rows.append(("gazetteer load, place share of parse",
                     f"{places['load_s']} s; {places.get('places_share_of_parse', 0):.1%}", ""))
    ingest = results.get("ingest", {})
    for key, label in (("sqlite", "ingest into SQLite"), ("postgresql", "ingest into PostgreSQL"),
                       ("sqlite_with_extraction", "ingest + extraction, SQLite")):
        entry = ingest.get(key)
        if isinstance(entry, dict) and "docs_per_s" in entry:
            rows.append((label, f"{fmt(entry['docs_per_s'], ' docs/s')} ({entry['documents']} docs)",
                         f"{fmt(entry.get('peak_mb'), ' MB')}"))
        elif isinstance(entry, dict):
            rows.append((label, "skipped: " + str(entry.get("skipped") or entry.get("error")), ""))
    fusion = results.get("fusion", {})
    for key, label in (("fusion", "incident fusion"), ("check", "truce check")):
        entry = fusion.get(key)
        if isinstance(entry, dict) and "seconds" in entry:
            quality = ""
            if "bcubed_precision" in entry:
                quality = (f"; B-cubed P {entry['bcubed_precision']:.2f} R {entry['bcubed_recall']:.2f}"
                           f" ({entry['incidents']:,} incidents from {fusion.get('true_incidents'):,})")
                fair = entry.get("distinguishable")
                if fair:
                    quality += (f"; vs {fair['incidents']:,} distinguishable: P {fair['bcubed_precision']:.2f}"
                                f" R {fair['bcubed_recall']:.2f}")
            rows.append((f"{label} ({fusion.get('events'):,} events)",
                         f"{entry['seconds']:.1f} s, {fmt(entry.get('per_s'), '/s', 0)}{quality}",
                         fmt(fusion.get("peak_mb"), " MB")))
    hardening = results.get("hardening", {})
    for case, entry in hardening.items():
        if isinstance(entry, dict) and "seconds" in entry:
            outcome = "timed out" if entry.get("timed_out") else f"exit {entry.get('exit')}"
            inner = f", extract {entry['extract_s']} s" if "extract_s" in entry else ""
            rows.append((f"hardening: {case}", f"{entry['seconds']} s{inner} ({outcome})",
                         f"{fmt(entry.get('peak_mb'), ' MB')} in {entry.get('processes')} process(es)"))
    pledges = results.get("commitments", {})
    if "ratio" in pledges:
        c = pledges["commitments"]
        rows.append((f"commitments ({c['commitments']} pledges, {pledges['events']:,} events)",
                     f"{c['seconds']:.2f} s = {pledges['ratio']:.1%} of check ({pledges['check']['seconds']:.1f} s); "
                     f"CPU {pledges['cpu_ratio']:.1%}, first run {pledges['first_run_ratio']:.1%} (target < 10%); "
                     f"load {pledges['load_before'].split()[0]}",
                     fmt(pledges.get("peak_mb"), " MB")))
    rows += web_rows(results.get("web", {}))
    rows += review_rows(results.get("review", {}))
    rows += scale_rows(results.get("scale", {}))
    for name, result in results.items():
        if "error" in result or "skipped" in result:
            rows.append((name, "not measured: " + str(result.get("error") or result.get("skipped")), ""))
    return rows


def scale_rows(scale: dict) -> list[tuple[str, str, str]]:
    """Issue 14's figures: Dask speed-up and overhead, 1M-event fusion, the 20-node estimate."""
    rows = []
    ex = scale.get("extraction", {})
    for key in ("dask-1", "dask-2", "local-2"):
        if key in ex:
            run = ex[key]
            rows.append((f"scale: extraction {key} ({ex['documents']:,} docs)",
                         f"{run['seconds']:.1f} s, {run['docs_per_s']:.2f} docs/s, CPU {run['cpu_s']:.0f} s", ""))
    if "speedup_2_vs_1" in ex:
        rows.append(("scale: speed-up 2 workers vs 1", f"{ex['speedup_2_vs_1']:.2f}x (target ≥ 1.7); median of "
                     f"rounds {ex.get('median_round_speedup', 0):.2f}x; from CPU seconds "
                     f"{ex.get('speedup_estimated_from_cpu', 0):.2f}x (estimate for an idle machine)", ""))
        rows.append(("scale: Dask vs local processes (2 each)",
                     f"{ex['dask_overhead_vs_local']:+.1%} wall (median of rounds "
                     f"{ex.get('median_round_overhead', 0):+.1%}), {ex['dask_cpu_overhead_vs_local']:+.1%} CPU "
                     "(target ≤ +10%)", ""))
    fu = scale.get("fusion", {})
    if "seconds" in fu:
        peaks = ", ".join(f"{peak:,} MB" for peak in fu.get("peak_mb_per_worker", []))
        rows.append((f"scale: fusion of {fu['events']:,} events, 2 workers",
                     f"{fu['seconds']:.0f} s, {fu['incidents']:,} incidents", f"workers {peaks}"))
    estimate = scale.get("estimate", {})
    if "documents_per_hour" in estimate:
        rows.append((f"scale: paper estimate, {estimate['nodes']} nodes x {estimate['cores_per_node']} cores",
                     f"{estimate['documents_per_hour']:,} reports/hour", ""))
    if scale.get("loadavg_start"):
        rows.append(("scale: /proc/loadavg start → end", f"{scale['loadavg_start']} → {scale.get('loadavg_end')}", ""))
    return rows


def web_rows(web: dict) -> list[tuple[str, str, str]]:
    """The server's figures: map latency over every zoom and view, and the 50-client load."""
    rows = []
    for kind in ("sqlite", "postgresql"):
        entry = web.get(kind)
        if not isinstance(entry, dict) or "skipped" in entry:
            continue
        found = entry.get("map")
        if found:
            rows.append((f"map endpoint, {web.get('incidents'):,} incidents, {kind}",
                         f"max {found['max_s']:.3f} s, p95 {found['p95_s']:.3f} s over {found['requests']} zoom/view "
                         f"pairs ({'all' if found['under_1s'] else 'NOT all'} under 1 s), {found['errors']} errors", ""))
        load = entry.get("load")
        if load:
            rows.append((f"{load['clients']} clients x {load['seconds']:.0f} s, {kind}",
                         f"{load['errors']} errors, {load['requests_per_s']} req/s, p50 {load['all']['p50_s']} s, "
                         f"p95 {load['all']['p95_s']} s (list p95 {load['list']['p95_s']} s, map p95 "
                         f"{load['map']['p95_s']} s); load avg {entry.get('loadavg_before_load')}", ""))
    return rows


def review_rows(review: dict) -> list[tuple[str, str, str]]:
    """Readers and reviewers at once: errors, latency, and whether every accepted write is logged once."""
    rows = []
    for kind in ("postgresql", "sqlite"):
        entry = review.get(kind)
        if not isinstance(entry, dict) or "skipped" in entry or "audit" not in entry:
            continue
        audit = entry["audit"]
        rows.append((f"{review.get('readers')} readers + {review.get('reviewers')} reviewers x {entry['seconds']:.0f} s, {kind}",
                     f"{entry['errors']} errors, {entry['stale_edits_409']} stale edits (409); reads p95 "
                     f"{entry['reads']['p95_s']} s, writes p95 {entry['writes']['p95_s']} s; {audit['accepted_writes']} "
                     f"accepted writes, {audit['in_audit_exactly_once']} in the audit log exactly once, "
                     f"{audit['lost_updates']} lost; {entry.get('records_gone_404', 0)} records re-fused away (404, "
                     f"{audit.get('gone_without_tombstone', 0)} without a tombstone); load avg "
                     f"{entry.get('loadavg_before_load')}", ""))
    return rows


def print_table(results: dict) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        for row in table_rows(results):
            print(" | ".join(row))
        return
    table = Table(title="TruceWatch benchmarks")
    for column in ("benchmark", "figure", "peak memory"):
        table.add_column(column)
    for row in table_rows(results):
        table.add_row(*row)
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    parser.add_argument("--out", default=str(HERE / "results" / "bench.json"))
    parser.add_argument("--shared", default=os.environ.get("TRUCEWATCH_SHARED_DATA", str(DEFAULT_SHARED)))
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: run one measurement here
    parser.add_argument("--texts", type=int, default=None, help="news texts for throughput")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    if args.texts is None:
        args.texts = 40 if args.quick else 300
    if args.measure == "extraction":
        print(json.dumps(measure_extraction(args)))
        return 0
    results = {}
    started = time.perf_counter()
    for name, command in plan(args).items():
        if name == "scale":  # its own budget: it does not eat into the others' ten minutes
            print("bench: scale (Dask; 10-15 min) ...", file=sys.stderr, flush=True)
            results[name] = run_child(name, command, SCALE_BUDGET)
            continue
        left = int(TOTAL_BUDGET - (time.perf_counter() - started))
        if left < 20:
            results[name] = {"skipped": "no time left in the 10-minute budget"}
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        results[name] = run_child(name, command, min(BUDGET_SECONDS.get(name, 120), left))
    report = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
        "quick": args.quick,
        "total_s": round(time.perf_counter() - started, 1),
        "results": results,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"wrote {out} in {report['total_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
