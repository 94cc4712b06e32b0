"""The benchmark scripts' own logic (not their speed): truth scoring, synthetic data, the summary."""
import importlib.util
from pathlib import Path


BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bcubed_scores_merges_and_splits():
    fusion = load("fusion_bench")
    perfect = fusion.bcubed([["synthetic-1-0", "synthetic-1-1"], ["synthetic-2-0"]])
    assert perfect == {"bcubed_precision": 1.0, "bcubed_recall": 1.0}
    merged = fusion.bcubed([["synthetic-1-0", "synthetic-2-0"]])
    assert merged["bcubed_precision"] == 0.5 and merged["bcubed_recall"] == 1.0
    split = fusion.bcubed([["synthetic-1-0"], ["synthetic-1-1"]])
    assert split["bcubed_recall"] == 0.5


def test_synthetic_events_are_exactly_as_many_as_asked():
    fusion = load("fusion_bench")
    extractions, signatures = fusion.synthetic_extractions(50)
    assert sum(len(e.events) for e in extractions) == 50 and 10 <= len(signatures) <= 50
    refs = {e.document.ref.rsplit("-", 1)[0] for e in extractions}
    assert refs == set(signatures)


def test_synthetic_reports_are_unique_per_run():
    ingest = load("ingest_bench")
    first, second = ingest.synthetic_reports(3, "a"), ingest.synthetic_reports(3, "b")
    assert {r["text"] for r in first}.isdisjoint(r["text"] for r in second)


def test_summary_rows_show_figures_and_gaps():
    run = load("run")
    rows = run.table_rows({
        "extraction": {"spacy": {"label": "bare", "words_per_s": 1000.0, "texts_per_s": 2.0,
                                 "memory": {"main_mb": 100.0, "max_worker_mb": 300.0}},
                       "trucewatch": {"label": "ours", "words_per_s": 850.0, "texts_per_s": 1.7,
                                      "memory": {"main_mb": 100.0, "max_worker_mb": 350.0}},
                       "ratio": 0.85},
        "ingest": {"sqlite": {"docs_per_s": 500.0, "documents": 10, "peak_mb": 60.0},
                   "postgresql": {"skipped": "TRUCEWATCH_TEST_PG is not set"}},
        "fusion": {"error": "did not finish"},
    })
    text = "\n".join(" | ".join(row) for row in rows)
    assert "85% (target ≥ 80%)" in text and "500.0 docs/s" in text
    assert "skipped: TRUCEWATCH_TEST_PG is not set" in text and "not measured: did not finish" in text


def test_news_texts_note_a_missing_shared_folder(tmp_path):
    texts, notes = load("run").news_texts(tmp_path, 10)
    assert texts == [] and any("not found" in note for note in notes)


def write_stories(shared: Path, rows: list[dict]) -> None:
    """Invented stories where the benchmarks look for the VOA file."""
    import json

    voa = shared / "news" / "voa"
    voa.mkdir(parents=True)
    (voa / "voa_stories.jsonl").write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")


def test_news_items_carry_the_stories_publication_dates(tmp_path):
    from datetime import date

    write_stories(tmp_path, [{"text": "Invented story one about a truce.", "published": "2025-03-14 20:30:26Z"},
                             {"text": "Invented story two, undated.", "published": ""}])
    geo = tmp_path / "gold" / "geoparsing"
    geo.mkdir(parents=True)
    (geo / "made_up.xml").write_text("<articles><article><text>Invented article.</text></article></articles>",
                                     encoding="utf-8")
    items, notes = load("run").news_items(tmp_path, 10)
    assert items == [("Invented story one about a truce.", date(2025, 3, 14)),
                     ("Invented story two, undated.", None), ("Invented article.", None)]
    assert notes == []


def test_summary_shows_the_cpu_ratio_and_the_components_of_both_runs():
    rows = load("run").table_rows({"extraction": {"ratio": 0.9, "cpu_ratio": 0.88,
                                                  "components": ["tok2vec", "parser", "ner"]}})
    text = "\n".join(" | ".join(row) for row in rows)
    assert "88% (steadier on a busy machine)" in text and "tok2vec, parser, ner; none excluded" in text


def test_scale_bench_builds_distinct_dated_documents(tmp_path):
    write_stories(tmp_path, [{"text": "Invented story about a convoy.", "published": "2025-03-14"},
                             {"text": "Invented story without a date.", "published": ""}])
    scale = load("scale_bench")
    documents, notes = scale.bench_documents(tmp_path, 5)
    assert len(documents) == len({d.id for d in documents}) == 5  # each new to the store
    assert all(d.published for d in documents)  # undated texts get the invented day
    assert documents[2].text.startswith("Bulletin 1. Invented story about a convoy")


def test_scale_bench_partitions_add_up_and_the_estimate_follows_its_formula():
    scale = load("scale_bench")
    parts = scale.partitions_for(1_000_003, 40, 365)
    assert sum(part.args[1] for part in parts) == 1_000_003
    assert len({part.args[0] for part in parts}) == len(parts)  # each its own seed and incident numbers
    estimate = scale.paper_estimate({"extraction": {"dask-1": {"docs_per_s": 5.0, "words_per_s": 2000.0},
                                                    "speedup_2_vs_1": 1.8}})
    assert estimate["documents_per_hour"] == round(5.0 * 160 * 0.9 * 3600)


def test_summary_rows_show_the_scale_figures():
    run = load("run")
    rows = run.table_rows({"scale": {
        "extraction": {"documents": 2000, "speedup_2_vs_1": 1.82, "dask_overhead_vs_local": 0.04,
                       "dask_cpu_overhead_vs_local": 0.02,
                       **{key: {"seconds": 100.0, "docs_per_s": 20.0, "cpu_s": 190.0}
                          for key in ("dask-1", "dask-2", "local-2")}},
        "fusion": {"events": 1_000_000, "seconds": 300.0, "incidents": 400_000, "peak_mb_per_worker": [2000, 2100]},
        "estimate": {"nodes": 20, "cores_per_node": 8, "documents_per_hour": 1234567},
        "loadavg_start": "1.0 1.0 1.0 1/100 1", "loadavg_end": "2.0 1.0 1.0 1/100 2"}})
    text = "\n".join(" | ".join(row) for row in rows)
    assert "1.82x (target ≥ 1.7)" in text and "+4.0% wall" in text
    assert "1,234,567 reports/hour" in text and "2,100 MB" in text
