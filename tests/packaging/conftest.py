"""A user's install for test_wheel.py, built, installed and used in the background.

Building the sdist and the wheel, installing the wheel into a fresh venv with plain pip, and
running TruceWatch there take a few minutes, mostly on one core or waiting on pip. So the whole
session below runs in a background thread that starts as soon as collection ends and overlaps
the rest of the suite; the wheel tests are moved to the end of the run, wait for it, and judge
what each step printed. Nothing here asserts: a step that must succeed for the next ones to mean
anything (build, installs) stops the session, and the tests report why.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from trucewatch.nlp import DEFAULT_MODEL_REQUIREMENT

REPO = Path(__file__).resolve().parents[2]
STEP_TIMEOUT = 900
# Plain pip as the machine configures it; --no-compile: Python writes the bytecode on first
# import instead, which makes the install a third faster here.
PIP_INSTALL = ("-m", "pip", "install", "--quiet", "--no-compile")
# Invented for this test: one strike with a place, a day, a toll and a denial.
SMOKE_REPORT = ("date 2016-03-08\n"
                "Government jets struck a market in Idlib on Monday, killing at least 12 people, "
                "activists said. The army denied it had carried out any raid.\n")
RULES = Path(__file__).with_name("import_rules.yaml")
# Imports every module under `roots` but `skip`; prints "<modules seen> <failures>", then the failures.
IMPORT_ALL = """
import importlib, importlib.util, pkgutil, sys
roots, skip = sys.argv[1].split(","), tuple(filter(None, sys.argv[2].split(",")))
names, bad = [], []
for root in roots:
    if importlib.util.find_spec(root) is None:
        continue
    names.append(root)
    names += [info.name for info in pkgutil.walk_packages(importlib.import_module(root).__path__, root + ".")]
for name in names:
    if not name.startswith(skip or ("\\0",)):
        try:
            importlib.import_module(name)
        except Exception as exc:
            bad.append(f"{name}: {type(exc).__name__}: {exc}")
print(len(names), len(bad))
print("\\n".join(bad))
"""
# Starts `trucewatch serve` on a free loopback port over the database in the working folder,
# prints "<status> <path>" for a page, the offline Leaflet script and the API docs, then stops it.
SERVE_CHECK = """
import socket, subprocess, sys, time, urllib.error, urllib.request
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
server = subprocess.Popen([sys.argv[1], "serve", "--host", "127.0.0.1", "--port", str(port)])
try:
    for path in ("/login", "/static/leaflet/leaflet.js", "/api/docs"):
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                    print(answer.status, path)
                break
            except urllib.error.HTTPError as exc:
                print(exc.code, path)
                break
            except OSError:
                time.sleep(0.5)
        else:
            print("unreachable", path)
finally:
    server.terminate()
    server.wait(timeout=30)
"""
API_CALL = ("import json, datetime, trucewatch\n"
            f"result = trucewatch.extract({SMOKE_REPORT.splitlines()[1]!r}, published=datetime.date(2016, 3, 8))\n"
            "print(json.dumps(result.contract()['events'][0]['type']))")


def parts_of_extras() -> dict[str, list[str]]:
    """The subpackages each extra serves, from the import rules ("trucewatch/web/*" may use web)."""
    parts: dict[str, list[str]] = {}
    for area in yaml.safe_load(RULES.read_text(encoding="utf-8"))["areas"]:
        folder = area["paths"].removesuffix("/*")
        if folder.startswith("trucewatch/") and "*" not in folder:
            for extra in area["extras"]:
                parts.setdefault(extra, []).append(folder.replace("/", "."))
    return parts


PARTS = parts_of_extras()


def clean_env() -> dict[str, str]:
    """The machine's environment without our settings or this test venv's, so nothing leaks in."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("TRUCEWATCH_") and key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["COLUMNS"] = "250"
    return env


class StepFailed(Exception):
    pass


def source_files() -> list[str]:
    """The checkout as a fresh clone has it (plus files not committed yet), never build leftovers."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode()
    return sorted(name for name in listed.split("\0") if name and (REPO / name).is_file())


@dataclass
class Session:
    """What a user's session with the wheel produced: the dists and every step's output."""

    root: Path
    files: list[str] = field(default_factory=list)  # the checkout files the dists were built from
    sdist: Path | None = None
    wheel: Path | None = None
    steps: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    def folder(self, name: str) -> Path:
        """An empty working folder of the session's own (no ../shared, no checkout around it)."""
        path = self.root / "work" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def venv_bin(self) -> Path:
        return self.root / "venv" / "bin"

    @property
    def checkout_bin(self) -> Path:
        """The checkout's own install (the `make` venv running the suite)."""
        return Path(sys.executable).parent


class Runner:
    """Runs the session's steps one after the other in a background thread."""

    def __init__(self, session: Session):
        self.session = session
        self.process: subprocess.Popen | None = None
        self.thread = threading.Thread(target=self._run_all, name="wheel-session", daemon=True)

    def step(self, name: str, args: list, *, cwd: Path | None = None, must_succeed: bool = False) -> None:
        began = time.monotonic()
        args = [str(arg) for arg in args]
        with subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL, env=clean_env(), start_new_session=True) as process:
            self.process = process
            try:
                out, err = process.communicate(timeout=STEP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                out, err = process.communicate()
                err += f"\n(killed after {STEP_TIMEOUT} s)"
        self.session.timings[name] = time.monotonic() - began
        self.session.steps[name] = done = subprocess.CompletedProcess(args, process.returncode, out, err)
        if must_succeed and done.returncode != 0:
            raise StepFailed(f"{name}: {' '.join(args)} exited {done.returncode}:\n{out[-3000:]}\n{err[-3000:]}")

    def _run_all(self) -> None:
        try:
            self._build()
            self._use()
        except BaseException as exc:  # noqa: BLE001 - handed to the tests
            self.session.error = str(exc)

    def _build(self) -> None:
        s = self.session
        s.files = source_files()
        source = s.root / "source"
        for name in s.files:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
        dist = s.root / "dist"
        self.step("build", [sys.executable, "-m", "build", "--outdir", dist, source], must_succeed=True)
        [s.sdist], [s.wheel] = list(dist.glob("*.tar.gz")), list(dist.glob("*.whl"))

    def _use(self) -> None:
        s, tw, python = self.session, self.session.venv_bin / "trucewatch", self.session.venv_bin / "python"
        self.step("venv", [sys.executable, "-m", "venv", s.root / "venv"], must_succeed=True)
        self.step("install core", [python, *PIP_INSTALL, s.wheel], must_succeed=True)
        first = s.folder("first-use")
        self.step("core doctor", [tw, "doctor"], cwd=first)  # before anything was built
        self.step("core demo", [tw, "demo"], cwd=first)  # builds the place index on first use
        self.step("checkout demo", [s.checkout_bin / "trucewatch", "demo"], cwd=s.folder("checkout-demo"))
        self.step("core version", [tw, "--version"], cwd=first)
        extras_parts = [part for parts in PARTS.values() for part in parts]
        self.step("core imports", [python, "-c", IMPORT_ALL, "trucewatch",
                                   ",".join(["trucewatch.store.migrations", "trucewatch.__main__", *extras_parts])],
                  cwd=first)
        smoke = s.folder("smoke")
        (smoke / "smoke.txt").write_text(SMOKE_REPORT, encoding="utf-8")
        reports = [smoke / "smoke.txt", *sorted((REPO / "trucewatch" / "demo" / "reports").iterdir())]
        self.step("core extract", [tw, "extract", *reports, "--workers", "1"], cwd=smoke)
        self.step("checkout extract", [s.checkout_bin / "trucewatch", "extract", *reports, "--workers", "1"], cwd=smoke)
        self.step("core place", [tw, "place", "Aleppo", "--json"], cwd=smoke)
        self.step("core api", [python, "-c", API_CALL], cwd=smoke)
        # the extras, each installed on top of what came before: [web], then [scale]
        self.step("install web", [python, *PIP_INSTALL, f"{s.wheel}[web]"], must_succeed=True)
        self.step("web imports", [python, "-c", IMPORT_ALL, ",".join(PARTS["web"]), ""], cwd=first)
        self.step("web doctor", [tw, "doctor"], cwd=first)
        self.step("web demo", [tw, "demo"], cwd=s.folder("web-demo"))
        self.step("web serve", [python, "-c", SERVE_CHECK, tw], cwd=s.folder("web-demo"))
        self.step("install scale", [python, *PIP_INSTALL, f"{s.wheel}[scale]"], must_succeed=True)
        self.step("scale imports", [python, "-c", IMPORT_ALL, ",".join(PARTS.get("scale", [])), ""], cwd=first)
        # last, as nothing may need the model afterwards: a user who lost it
        self.step("uninstall model", [python, "-m", "pip", "uninstall", "--yes", "--quiet",
                                      DEFAULT_MODEL_REQUIREMENT.split("==")[0]], must_succeed=True)
        self.step("no model doctor", [tw, "doctor"], cwd=first)
        self.step("no model demo", [tw, "demo"], cwd=s.folder("no-model-demo"))

    def stop(self) -> None:
        if self.thread.is_alive() and self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.thread.join(timeout=10)
        shutil.rmtree(self.session.root, ignore_errors=True)


_runner: Runner | None = None


def runner() -> Runner:
    global _runner
    if _runner is None:
        _runner = Runner(Session(Path(tempfile.mkdtemp(prefix="trucewatch-wheel-"))))
        _runner.thread.start()
    return _runner


@pytest.hookimpl(trylast=True)  # after pytest has ordered the items its own way
def pytest_collection_modifyitems(session, config, items):
    wheel = [item for item in items if item.get_closest_marker("wheel")]
    if wheel:
        items[:] = [item for item in items if not item.get_closest_marker("wheel")] + wheel
        runner()


def pytest_sessionfinish(session, exitstatus):
    if _runner is not None:
        _runner.stop()


def pytest_terminal_summary(terminalreporter):
    if _runner is not None and _runner.session.timings:
        steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in _runner.session.timings.items())
        terminalreporter.write_line(f"wheel session (in the background): {steps}")


@pytest.fixture(scope="session")
def wheel_session() -> Session:
    """The finished session; a step another depends on that failed fails every test that asks."""
    background = runner()
    background.thread.join()
    if background.session.error:
        pytest.fail(f"the wheel session stopped: {background.session.error}", pytrace=False)
    return background.session
