"""The installed wheel for test_wheel.py: built, pip-installed and first used in the background.

Building the sdist and the wheel, installing the wheel into a fresh venv and the first `doctor`
and `demo` there (which builds the place index on first use) take a minute or more, mostly on
one core or waiting on pip. They start as soon as collection ends, in a background thread, so
they overlap the rest of the suite; the wheel tests are moved to the end of the run, wait for
them, and check what the first use printed.
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

REPO = Path(__file__).resolve().parents[2]
INSTALL_TIMEOUT = 900
RUN_TIMEOUT = 300
# Plain pip as the machine configures it; --no-compile: Python writes the bytecode on first
# import instead, which makes the install a third faster here.
PIP_INSTALL = ("-m", "pip", "install", "--quiet", "--no-compile")


def clean_env(**extra: str) -> dict[str, str]:
    """The machine's environment without our settings or this test venv's, so nothing leaks in."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("TRUCEWATCH_") and key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(COLUMNS="250", **extra)
    return env


class CommandFailed(Exception):
    pass


def run(args: list, *, cwd: Path | None = None, timeout: float = RUN_TIMEOUT, check: bool = True,
        on_start=None) -> subprocess.CompletedProcess:
    """Run a command in a clean environment; a failure shows its output."""
    args = [str(arg) for arg in args]
    with subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          stdin=subprocess.DEVNULL, env=clean_env(), start_new_session=True) as process:
        if on_start is not None:
            on_start(process)
        try:
            out, err = process.communicate(timeout=timeout)
        except BaseException:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    done = subprocess.CompletedProcess(args, process.returncode, out, err)
    if check and done.returncode != 0:
        raise CommandFailed(f"{' '.join(args)} exited {done.returncode}:\n{out[-3000:]}\n{err[-3000:]}")
    return done


@dataclass
class Dists:
    sdist: Path
    wheel: Path
    files: list[str]  # the checkout's files the dists were built from


@dataclass
class Venv:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def pip(self, *args: str) -> subprocess.CompletedProcess:
        return run([self.bin / "python", *PIP_INSTALL, *args], timeout=INSTALL_TIMEOUT)

    def pip_uninstall(self, name: str) -> subprocess.CompletedProcess:
        return run([self.bin / "python", "-m", "pip", "uninstall", "--yes", "--quiet", name])

    def trucewatch(self, *args, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
        return run([self.bin / "trucewatch", *args], cwd=cwd, check=check)

    def python(self, code: str, *, cwd: Path) -> subprocess.CompletedProcess:
        return run([self.bin / "python", "-c", code], cwd=cwd)


def source_files() -> list[str]:
    """The checkout as a fresh clone has it (plus files not committed yet), never build leftovers."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode()
    return sorted(name for name in listed.split("\0") if name and (REPO / name).is_file())


@dataclass
class FirstUse:
    """What `trucewatch doctor` and then `trucewatch demo` printed right after `pip install`,
    run from an empty folder, and what the checkout's own demo printed."""

    folder: Path
    doctor: subprocess.CompletedProcess
    demo: subprocess.CompletedProcess
    source_demo: subprocess.CompletedProcess  # `make demo`'s command, in the checkout's own venv


@dataclass
class Preparation:
    """Copy the checkout, build the sdist and the wheel from it, install the wheel in a new venv,
    run doctor and demo there once."""

    root: Path
    timings: dict[str, float] = field(default_factory=dict)
    _result: tuple[Dists, Venv, FirstUse] | None = None
    _error: BaseException | None = None
    _process: subprocess.Popen | None = None
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="wheel-preparation", daemon=True)
        self._thread.start()

    def _step(self, name: str, args: list, **kwargs) -> subprocess.CompletedProcess:
        began = time.monotonic()
        done = run(args, timeout=INSTALL_TIMEOUT, on_start=self._remember, **kwargs)
        self.timings[name] = time.monotonic() - began
        return done

    def _remember(self, process: subprocess.Popen) -> None:
        self._process = process

    def _work(self) -> None:
        try:
            files = source_files()
            source = self.root / "source"
            for name in files:
                (source / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, source / name)
            out = self.root / "dist"
            self._step("build sdist+wheel", [sys.executable, "-m", "build", "--outdir", out, source])
            [sdist], [wheel] = list(out.glob("*.tar.gz")), list(out.glob("*.whl"))
            venv = Venv(self.root / "venv")
            self._step("create venv", [sys.executable, "-m", "venv", venv.root])
            self._step("pip install wheel", [venv.bin / "python", *PIP_INSTALL, wheel])
            folder = self.root / "first-use"
            folder.mkdir()
            doctor = self._step("first doctor", [venv.bin / "trucewatch", "doctor"], cwd=folder, check=False)
            demo = self._step("first demo", [venv.bin / "trucewatch", "demo"], cwd=folder, check=False)
            source_folder = self.root / "source-demo"
            source_folder.mkdir()
            source_demo = self._step("checkout demo", [Path(sys.executable).parent / "trucewatch", "demo"],
                                     cwd=source_folder, check=False)
            self._result = Dists(sdist, wheel, files), venv, FirstUse(folder, doctor, demo, source_demo)
        except BaseException as exc:  # noqa: BLE001 - handed to the tests that wait
            self._error = exc

    def wait(self) -> tuple[Dists, Venv, FirstUse]:
        self._thread.join()
        if self._error is not None:
            pytest.fail(f"building or installing the wheel failed: {self._error}", pytrace=False)
        return self._result

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive() and self._process is not None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._thread.join(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)


_preparation: Preparation | None = None


def preparation() -> Preparation:
    global _preparation
    if _preparation is None:
        _preparation = Preparation(Path(tempfile.mkdtemp(prefix="trucewatch-wheel-")))
        _preparation.start()
    return _preparation


@pytest.hookimpl(trylast=True)  # after pytest groups the items by parametrised fixtures
def pytest_collection_modifyitems(session, config, items):
    wheel = [item for item in items if item.get_closest_marker("wheel")]
    if wheel:
        items[:] = [item for item in items if not item.get_closest_marker("wheel")] + wheel
        preparation()


def pytest_sessionfinish(session, exitstatus):
    if _preparation is not None:
        _preparation.stop()


def pytest_terminal_summary(terminalreporter):
    if _preparation is not None and _preparation.timings:
        steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in _preparation.timings.items())
        terminalreporter.write_line(f"wheel test preparation (in the background): {steps}")


@pytest.fixture(scope="session")
def dists() -> Dists:
    return preparation().wait()[0]


@pytest.fixture(scope="session")
def venv() -> Venv:
    return preparation().wait()[1]


@pytest.fixture(scope="session")
def first_use() -> FirstUse:
    return preparation().wait()[2]


@pytest.fixture(scope="session")
def checkout() -> Venv:
    """The source checkout's own install (the `make` venv running these tests)."""
    return Venv(Path(sys.executable).parent.parent)
