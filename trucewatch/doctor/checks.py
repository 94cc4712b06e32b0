"""The install checks: Python, spaCy and its model, the gazetteer, the readers, optional parts.

Each function returns Check(s) and never raises: a broken install is what it is there to report.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
import sys
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from trucewatch.doctor.model import Check, Status

SAMPLES = Path(__file__).with_name("samples")
INDEX_BUILD = "python -m trucewatch.places.index"


@lru_cache(maxsize=1)
def parts() -> dict:
    from trucewatch.datafiles import read_yaml

    return read_yaml(files("trucewatch.doctor").joinpath("parts.yaml"), "the doctor's list of parts")


def error_text(exc: BaseException) -> str:
    """The error's kind and its first line: an ImportError deep in a library says what is missing."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def python_version() -> Check:
    needed = tuple(int(part) for part in str(parts()["python"]).split("."))
    found = ".".join(str(part) for part in sys.version_info[:3])
    if sys.version_info[: len(needed)] >= needed:
        return Check("Python", Status.OK, f"{found} ({parts()['python']} or newer needed)")
    return Check("Python", Status.FAIL, f"{found} is too old", f"use Python {parts()['python']} or newer")


def spacy_installed() -> Check:
    try:
        import spacy
    except Exception as exc:  # noqa: BLE001 - an ImportError, or a broken dependency of spaCy
        return Check("spaCy", Status.FAIL, f"cannot be imported ({error_text(exc)})",
                     'pip install "spacy>=3.8,<3.9"')
    return Check("spaCy", Status.OK, spacy.__version__)


def spacy_model() -> Check:
    """The configured model is installed, made for this spaCy, and loads."""
    from trucewatch.about import model_info
    from trucewatch.nlp import install_hint

    info = model_info()
    if info.version is None:
        return Check("spaCy model", Status.FAIL, f"{info.name} is not installed", install_hint(info.name))
    try:
        import spacy
        from spacy.util import is_compatible_version

        if info.spacy_version and is_compatible_version(spacy.__version__, info.spacy_version) is False:
            return Check("spaCy model", Status.FAIL,
                         f"{info.name} {info.version} needs spaCy {info.spacy_version}, "
                         f"this is {spacy.__version__}", install_hint(info.name))
        nlp = spacy.load(info.name)
    except Exception as exc:  # noqa: BLE001 - whatever stops it loading is the finding
        return Check("spaCy model", Status.FAIL, f"{info.name} {info.version} does not load ({error_text(exc)})",
                     f"reinstall it: {install_hint(info.name)}")
    return Check("spaCy model", Status.OK,
                 f"{info.name} {info.version} loads ({', '.join(nlp.pipe_names)})")


def gazetteer() -> Check:
    """The place index is built from the shipped data, or can be built on first use."""
    from trucewatch.errors import ConfigError
    from trucewatch.places.data_version import data_version
    from trucewatch.places.index import data_fingerprint, index_path, stored_fingerprint

    try:
        fingerprint = data_fingerprint()
    except ConfigError as exc:
        return Check("gazetteer index", Status.FAIL, str(exc).rstrip("."),
                     "reinstall TruceWatch: its place data is incomplete")
    version = f"data {data_version()}"
    path = index_path()
    if stored_fingerprint(path) == fingerprint:
        return Check("gazetteer index", Status.OK, f"built, {_place_count(path):,} places, {version} ({path})")
    if not _can_create(path):
        return Check("gazetteer index", Status.FAIL, f"cannot be built at {path}: the folder is not writable",
                     "set TRUCEWATCH_PLACES_INDEX to a file in a writable folder")
    state = "out of date" if path.exists() else "not built yet"
    return Check("gazetteer index", Status.WARN, f"{state}, buildable from {version} at {path}",
                 f"it is built on first use (about 20 s), or now: {INDEX_BUILD}")


def _place_count(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM places").fetchone()[0]


def _can_create(path: Path) -> bool:
    """Whether `path` can be written: its nearest existing folder is writable."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def readers() -> list[Check]:
    """Each reader reads its sample through the ingest code: an import that fails inside a
    library (justext's lxml.html.clean) shows up here, not on a user's first HTML page."""
    from trucewatch.ingest.reader import read_inputs

    results = []
    for reader in parts()["readers"]:
        try:
            outcome = list(read_inputs([SAMPLES / reader["sample"]]))
        except Exception as exc:  # noqa: BLE001
            outcome = [exc]
        failures = [item for item in outcome if not hasattr(item, "text")]
        if failures or not outcome:
            reason = _reason(failures[0]) if failures else "no document came out"
            results.append(Check(reader["name"], Status.FAIL, f"cannot read its sample ({' '.join(reason.split())})",
                                 reader["fix"]))
        else:
            results.append(Check(reader["name"], Status.OK, f"reads {reader['sample']}"))
    return results


def _reason(failure) -> str:
    """An InputError's reason, or an unexpected exception's text."""
    return getattr(failure, "reason", None) or error_text(failure)


def optional_parts() -> list[Check]:
    return [_optional(part) for part in parts()["optional"]]


def _optional(part: dict) -> Check:
    name, add = part["name"], part["add"]
    programs = part.get("programs")
    if programs:
        found = next(filter(None, (shutil.which(program) for program in programs)), None)
        if found:
            return Check(name, Status.OK, f"found at {found}")
        return Check(name, Status.ABSENT, f"not found ({', '.join(programs)})", add)
    missing = [module for module in part["modules"] if importlib.util.find_spec(module) is None]
    if missing:
        return Check(name, Status.ABSENT, f"not installed ({', '.join(missing)} missing)", add)
    versions = ", ".join(f"{dist} {metadata.version(dist)}" for dist in _distributions(part["modules"]))
    package = part.get("package")
    if package and importlib.util.find_spec(package) is None:
        return Check(name, Status.ABSENT, f"{versions} installed, but this version of TruceWatch has no {package}")
    return Check(name, Status.OK, f"installed ({versions})")


def _distributions(modules: list[str]) -> list[str]:
    """The distributions that provide `modules` (psycopg2 comes from psycopg2-binary)."""
    provided = metadata.packages_distributions()
    names: list[str] = []
    for module in modules:
        for dist in provided.get(module, []):
            if dist not in names:
                names.append(dist)
    return names
