"""The demo a new user runs first (`make demo`) is the chain end to end; it must keep working."""
import re
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
    login = re.search(r"log in as (\S+) with the password (\S+)", done.stdout)
    assert login and "trucewatch serve" in done.stdout  # how to open the dashboard on the demo data
    from trucewatch.accounts import authenticate
    from trucewatch.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'trucewatch.db'}") as store:
        assert authenticate(store, login.group(1), login.group(2)).role == "admin"


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


def test_the_demo_pledges_and_their_verdicts_are_in_the_report(demo_run):
    from trucewatch.commitments import list_commitments

    folder, result = demo_run
    assert result.commitments == {"broken": 1, "kept": 1}
    views = {v.commitment.party.label: v for v in list_commitments(f"sqlite:///{folder / 'trucewatch.db'}")}
    rebels, russia = views["Free Syrian Army"], views["Russia (RUS)"]
    # read from the invented Hama Daily report; broken by the shelling the group claimed at Maardes
    assert rebels.commitment.origin == "extracted" and rebels.commitment.acts == ["shelling"]
    assert rebels.verdict == "broken" and rebels.assessment.breaches[0]["place"] == "Maardes"
    # written by hand (a closed meeting): no Russian flight or strike near Hama after it
    assert russia.commitment.origin == "hand-written" and russia.verdict == "kept"
    assert russia.assessment.before.breaches > russia.assessment.after.breaches == 0
    html = result.report.read_text(encoding="utf-8")
    section = html[html.index("<h2>Commitments</h2>"):html.index("<h2>Caveats</h2>")]
    assert "broken</span> de-escalation by Free Syrian Army" in section
    assert "kept</span> de-escalation by Russia (RUS)" in section
    assert section.count('class="commitment-chart"') == 2


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


def test_demo_names_each_failed_input_and_its_reason(tmp_path, monkeypatch):
    """Like `ingest`, the demo names what failed and why, instead of only counting it."""
    import trucewatch.demo as demo
    from typer.testing import CliRunner

    from trucewatch.cli import app

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "one.txt").write_text(next(REPORTS.glob("*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    (reports / "broken.bin").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    monkeypatch.setattr(demo, "REPORTS", reports)
    result = CliRunner().invoke(app, ["demo", "--db", f"sqlite:///{tmp_path / 'tw.db'}",
                                      "--out", str(tmp_path / "report.html")], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "1 new, 0 skipped, 1 failed" in result.output
    failure = next(line for line in result.output.splitlines() if "broken.bin" in line)
    assert failure.startswith(str(reports / "broken.bin") + ": ") and len(failure) > len(str(reports)) + 20
