"""The demo a new user runs first (`make demo`) is the chain end to end; it must keep working."""
import subprocess
import sys

import pytest

from trucewatch.demo import REPORTS, run_demo


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    return folder, run_demo(f"sqlite:///{folder / 'trucewatch.db'}", folder / "report.html")


def test_demo_ingests_every_bundled_report_once(demo_run):
    _, result = demo_run
    rows = sum(1 for line in (REPORTS / "2016-03-18_civil-monitors.jsonl").read_text().splitlines() if line)
    files = [p for p in REPORTS.iterdir() if p.suffix in {".txt", ".html", ".csv"}]
    assert result.ingest.failed == 0
    assert result.ingest.new == len(files) + rows


def test_demo_finds_violations_and_writes_an_offline_report(demo_run):
    folder, result = demo_run
    assert result.incidents > 0 and result.events >= result.incidents
    assert any(v in result.verdicts for v in ("violation", "probable violation", "possible violation"))
    assert "out of scope" in result.verdicts  # the strike before the truce and Aleppo
    html = result.report.read_text(encoding="utf-8")
    assert "<svg" in html and "Hama city truce" in html
    assert "http://" not in html.replace("http://www.w3.org", "")  # nothing fetched from the network


def test_demo_rerun_stores_nothing_new(demo_run):
    folder, _ = demo_run
    again = run_demo(f"sqlite:///{folder / 'trucewatch.db'}", folder / "report2.html")
    assert again.ingest.new == 0 and again.ingest.skipped > 0


def test_demo_command_prints_where_the_report_is(tmp_path):
    done = subprocess.run([sys.executable, "-m", "trucewatch", "demo"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "trucewatch.db").exists() and (tmp_path / "trucewatch-report.html").exists()
    assert "trucewatch-report.html" in done.stdout


def test_the_strike_told_by_three_outlets_is_one_incident_with_two_independent_sources(demo_run):
    from trucewatch.incidents.persist import load_incidents
    from trucewatch.store import open_store

    folder, _ = demo_run
    with open_store(f"sqlite:///{folder / 'trucewatch.db'}") as store:
        strikes = [i for i in load_incidents(store)
                   if i["type"] == "air_strike" and (i["location"] or {}).get("name") == "Qumhanah"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["documents"] == 3 and strike["independent_sources"] == 2
    grades = {p["party"]: p["grade"] for p in strike["parties"]}
    assert grades.get("SYR") == "Contested"  # accused by activists and the FSA, denied by the army
    assert strike["fatalities"]["low"] >= 7


def test_the_denied_strike_told_by_two_independent_outlets_is_a_probable_violation(demo_run):
    """The act apart from the actor: the army's denial contests who did it, not that it happened."""
    from trucewatch.incidents.persist import load_findings, load_incidents
    from trucewatch.store import open_store

    folder, _ = demo_run
    with open_store(f"sqlite:///{folder / 'trucewatch.db'}") as store:
        strike = next(i for i in load_incidents(store)
                      if i["type"] == "air_strike" and (i["location"] or {}).get("name") == "Qumhanah")
        finding = next(f for f in load_findings(store) if f["incident"] == strike["id"])
    assert finding["verdict"] == "probable violation"
    assert finding["rule"] == "two independent sources" and finding["attribution"] == "contested"
