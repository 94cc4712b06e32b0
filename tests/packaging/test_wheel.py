"""A user's install: build the sdist and the wheel, install the wheel with plain pip, run it.

No Makefile, no lock, no ../shared: a fresh virtual environment, `pip install <wheel>` (pip as the
machine configures it), then `trucewatch doctor`, `trucewatch demo` and a short smoke test from
an empty folder. The demo's counts and the extraction output must equal the source checkout's.
The extras are checked by installing them on top, one stage after another (core, then [web],
then [scale]), importing every module that each stage makes importable.

Slow (pip installs spaCy and friends, from pip's cache when it has them; the place index is built
on first use): conftest.py builds and installs in the background while the rest of the suite runs,
and these tests run last. Marked `wheel`: deselect with `-m "not wheel"` while working.
"""
from __future__ import annotations

import json
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from trucewatch.nlp import DEFAULT_MODEL, DEFAULT_MODEL_REQUIREMENT
from trucewatch.places.data_version import data_version

pytestmark = pytest.mark.wheel

REPO = Path(__file__).resolve().parents[2]
STAGES = ("core", "web", "scale")  # cumulative installs into one venv
PARTS = {"web": "trucewatch.web", "scale": "trucewatch.scale"}  # the subpackage each extra serves
SMOKE_REPORT = ("date 2016-03-08\n"
                "Government jets struck a market in Idlib on Monday, killing at least 12 people, "
                "activists said. The army denied it had carried out any raid.\n")


@pytest.fixture(scope="module", params=STAGES)
def stage(request, venv, dists) -> str:
    """The wheel as conftest.py installed it (core), then with each extra installed on top."""
    name = request.param
    if name != "core":
        venv.pip(f"{dists.wheel}[{name}]")
    return name


@pytest.fixture
def empty(tmp_path) -> Path:
    """An empty working folder: no ../shared/data, no trucewatch.db, no checkout around it."""
    return tmp_path


@pytest.fixture(scope="session")
def source_demo(first_use) -> dict:
    """The demo as the source checkout (the `make` install running these tests) gives it."""
    done = first_use.source_demo
    assert done.returncode == 0, done.stdout + done.stderr
    return demo_counts(done.stdout)


def demo_counts(output: str) -> dict:
    text = " ".join(output.split())
    ingested = re.search(r"(\d+) new, (\d+) skipped, (\d+) failed", text)
    fused = re.search(r"(\d+) events fused into (\d+) incidents; checked against '(.+?)': (.+?)\. Report", text)
    assert ingested and fused, output
    return {"new": int(ingested[1]), "skipped": int(ingested[2]), "failed": int(ingested[3]),
            "events": int(fused[1]), "incidents": int(fused[2]), "truce": fused[3], "verdicts": fused[4]}


# --- what was built ---------------------------------------------------------------------------------

def test_the_wheel_holds_every_package_file_and_no_built_index(dists):
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    package_files = [name for name in dists.files if name.startswith("trucewatch/")]
    assert not [name for name in package_files if name not in names]
    assert not [name for name in names if "index.sqlite" in name or name.endswith((".pyc", ".db"))]


def test_the_sdist_holds_the_checkout_needed_to_build_and_test(dists):
    with tarfile.open(dists.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = [name for name in dists.files
              if name.split("/")[0] in ("trucewatch", "tests", "docs", "requirements", "benchmarks", "scripts")
              or name in ("Makefile", "README.md", "pyproject.toml", "LICENSE", ".ci/run")]
    assert not [name for name in wanted if name not in names]
    assert not [name for name in names if "index.sqlite" in name or "__pycache__" in name]


def test_the_wheel_declares_the_model_and_the_html_cleaner(dists):
    with zipfile.ZipFile(dists.wheel) as wheel:
        meta = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        requires = [line.split(":", 1)[1].strip() for line in wheel.read(meta).decode().splitlines()
                    if line.startswith("Requires-Dist:")]
    assert DEFAULT_MODEL_REQUIREMENT in requires
    assert any(line.startswith("lxml-html-clean") for line in requires)


# --- the installed wheel, at each stage --------------------------------------------------------------

def doctor_line(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if line[7:25].rstrip() == name)


def test_doctor_says_the_core_is_usable(venv, stage, empty, first_use):
    """Core: the doctor run right after `pip install`, before anything was built."""
    if stage == "core":
        done = first_use.doctor
        assert done.returncode == 0, done.stdout + done.stderr
        gazetteer = doctor_line(done.stdout, "gazetteer index")
        assert gazetteer.startswith("warn") and "not built yet" in gazetteer and "first use" in gazetteer
    elif stage == "web":
        done = venv.trucewatch("doctor", cwd=empty)
    else:
        pytest.skip("the last doctor run on this venv is the one without the model")
    assert done.stdout.splitlines()[-1] == "The core is usable.", done.stdout
    for name in ("spaCy model", "HTML reader", "RSS/Atom reader", "CSV reader", "database"):
        assert doctor_line(done.stdout, name).startswith("ok "), done.stdout
    if stage == "web":
        assert "not installed" not in doctor_line(done.stdout, "web server")  # the extra brought what it needs


def test_demo_from_an_empty_folder_equals_the_source_checkout(venv, stage, empty, first_use, source_demo):
    """Core: the first demo after `pip install` (it builds the place index on first use)."""
    if stage == "core":
        done, folder = first_use.demo, first_use.folder
        assert done.returncode == 0, done.stdout + done.stderr
    elif stage == "web":
        done, folder = venv.trucewatch("demo", cwd=empty), empty
    else:
        pytest.skip("the demo needs nothing from this extra; checked on the core and web installs")
    counts = demo_counts(done.stdout)
    assert counts["failed"] == 0 and counts["new"] == source_demo["new"] + source_demo["skipped"]
    assert counts == source_demo
    assert (folder / "trucewatch-report.html").stat().st_size > 10_000


def test_every_module_this_stage_provides_imports(venv, stage, empty):
    """Core: every module but the extras' parts; an extra: its part (absent parts import nothing)."""
    if stage == "core":
        roots, skip = ["trucewatch"], ["trucewatch.store.migrations", "trucewatch.__main__", *PARTS.values()]
    else:
        roots, skip = [PARTS[stage]], []
    code = (
        "import importlib, importlib.util, pkgutil\n"
        f"roots, skip = {roots!r}, tuple({skip!r})\n"
        "names, bad = [], []\n"
        "for root in roots:\n"
        "    if importlib.util.find_spec(root) is None:\n"
        "        continue\n"
        "    package = importlib.import_module(root)\n"
        "    names.append(root)\n"
        "    names += [info.name for info in pkgutil.walk_packages(package.__path__, root + '.')]\n"
        "for name in names:\n"
        "    if name.startswith(skip):\n"
        "        continue\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        bad.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print(len(names), len(bad)); print('\\n'.join(bad))\n"
    )
    done = venv.python(code, cwd=empty)
    imported, failed = map(int, done.stdout.split("\n", 1)[0].split())
    assert failed == 0, done.stdout
    if stage == "core":
        assert imported > 100  # the walk really saw the package


# --- the core stage only ------------------------------------------------------------------------------

@pytest.fixture
def core(stage):
    if stage != "core":
        pytest.skip("checked once, on the core install")
    return stage


def test_version_names_the_model_and_the_same_gazetteer_data(venv, core, empty):
    lines = venv.trucewatch("--version", cwd=empty).stdout.splitlines()
    assert lines[1].endswith(f"model {DEFAULT_MODEL} 3.8.0")
    assert lines[2] == f"gazetteer data {data_version()}"


def test_smoke_extract_place_and_api_give_what_the_checkout_gives(venv, checkout, core, empty):
    report = empty / "smoke.txt"
    report.write_text(SMOKE_REPORT, encoding="utf-8")
    reports = [report, *sorted((REPO / "trucewatch" / "demo" / "reports").iterdir())]
    theirs = venv.trucewatch("extract", *reports, "--workers", "1", cwd=empty).stdout
    ours = checkout.trucewatch("extract", *reports, "--workers", "1", cwd=empty).stdout
    assert len(theirs.splitlines()) >= len(reports) and theirs == ours  # the same TruceWatch, to the byte
    event = json.loads(theirs.splitlines()[0])["events"][0]
    assert event["type"] == "air_strike" and event["location"]["name"] == "Idlib"
    assert event["fatalities"]["low"] == 12 and event["when"]["start"] == "2016-03-07"
    place = json.loads(venv.trucewatch("place", "Aleppo", "--json", cwd=empty).stdout)[0]
    assert place["country3"] == "SYR" and abs(place["lat"] - 36.2) < 0.1
    code = ("import json, datetime, trucewatch\n"
            f"result = trucewatch.extract({SMOKE_REPORT.splitlines()[1]!r}, published=datetime.date(2016, 3, 8))\n"
            "print(json.dumps(result.contract()['events'][0]['type']))")
    assert json.loads(venv.python(code, cwd=empty).stdout) == "air_strike"


@pytest.fixture
def last(stage):
    if stage != STAGES[-1]:
        pytest.skip("runs once, after every other check on this venv")
    return stage


def test_without_the_model_doctor_names_it_and_fails(venv, last, empty):
    """The very last check on the venv: uninstall the model for real (nothing needs it afterwards)."""
    venv.pip_uninstall(DEFAULT_MODEL_REQUIREMENT.split("==")[0])
    done = venv.trucewatch("doctor", cwd=empty, check=False)
    assert done.returncode == 1
    line = doctor_line(done.stdout, "spaCy model")
    assert line.startswith("fail") and f"{DEFAULT_MODEL} is not installed" in line
    assert f"pip install {DEFAULT_MODEL_REQUIREMENT}" in line
    assert done.stdout.splitlines()[-1].startswith("The core is NOT usable")
    assert "not installed" not in doctor_line(done.stdout, "Dask")  # the scale extra brought what it needs
    demo = venv.trucewatch("demo", cwd=empty, check=False)
    assert demo.returncode == 1 and f"pip install {DEFAULT_MODEL_REQUIREMENT}" in " ".join(demo.stderr.split())
    assert "Traceback" not in demo.stderr
