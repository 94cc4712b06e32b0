"""Every third-party package the code imports is declared in pyproject.toml, in the right place.

A `make` install pins everything through requirements/lock.txt, so an import that pyproject.toml
forgets works here and breaks every `pip install` (that is how HTML ingest broke). This test reads
every module's imports (ast, so nothing is executed), maps import names to distributions with
importlib.metadata.packages_distributions(), and checks each against the core dependencies plus
the extras that the file's area may use (tests/packaging/import_rules.yaml states the rule).
"""
from __future__ import annotations

import ast
import fnmatch
import sys
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
RULES = Path(__file__).with_name("import_rules.yaml")
SCANNED = ("trucewatch", "tests", "benchmarks", "scripts")
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


@dataclass(frozen=True)
class Use:
    """One import of a top-level module name in a file."""

    path: str  # relative to the repository, posix
    line: int
    module: str
    optional: bool  # guarded by `except ImportError` or pytest.importorskip


class ImportCollector(ast.NodeVisitor):
    def __init__(self, path: str):
        self.path, self.uses, self._guarded = path, [], 0

    def _add(self, name: str, line: int, optional: bool = False) -> None:
        self.uses.append(Use(self.path, line, name.split(".")[0], optional or self._guarded > 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and node.module:
            self._add(node.module, node.lineno)

    def visit_Try(self, node: ast.Try) -> None:
        guards = any(_catches_import_error(handler.type) for handler in node.handlers)
        self._guarded += guards
        for statement in node.body:
            self.visit(statement)
        self._guarded -= guards
        for statement in [*node.handlers, *node.orelse, *node.finalbody]:
            self.visit(statement)

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):  # never runs
            for statement in node.orelse:
                self.visit(statement)
            return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        if name in ("importorskip", "import_module") and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            self._add(node.args[0].value, node.lineno, optional=name == "importorskip")
        self.generic_visit(node)


def _catches_import_error(handler_type) -> bool:
    if handler_type is None:
        return False
    names = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    return any(_call_name(name) in IMPORT_ERRORS for name in names)


def _is_type_checking(test) -> bool:
    return _call_name(test) == "TYPE_CHECKING"


def _call_name(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def imports_in(root: Path, folders=SCANNED) -> list[Use]:
    """Every import; a module that a file imports under `except ImportError` anywhere is optional
    in all of that file (it checks for it once, e.g. `_available()`, then imports it where used)."""
    uses = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            collector = ImportCollector(relative)
            collector.visit(ast.parse(path.read_text(encoding="utf-8"), relative))
            guarded = {use.module for use in collector.uses if use.optional}
            uses.extend(Use(use.path, use.line, use.module, use.module in guarded) for use in collector.uses)
    return uses


@lru_cache(maxsize=None)
def repo_imports(root: Path = REPO) -> tuple[Use, ...]:
    return tuple(imports_in(root))


def is_local(use: Use, root: Path) -> bool:
    """Our own modules: the package, and modules beside the file or at the root (test helpers,
    benchmark scripts importing each other)."""
    for folder in (root / use.path).parent, root:
        if (folder / use.module).is_dir() or (folder / f"{use.module}.py").exists():
            return True
    return False


# --- what pyproject.toml declares ---------------------------------------------------------------

@lru_cache(maxsize=None)
def extra_requirements(distribution: str, extra: str) -> tuple[str, ...]:
    """Names an installed distribution's extra pulls in (dask[distributed] brings distributed)."""
    try:
        requires = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return ()
    names = []
    for text in requires:
        requirement = Requirement(text)
        if requirement.marker is not None and requirement.marker.evaluate({"extra": extra}) \
                and not requirement.marker.evaluate({"extra": ""}):
            names.append(requirement.name)
    return tuple(names)


def declared(pyproject: dict, groups: list[str]) -> set[str]:
    """Canonical distribution names of the core plus `groups` (extras), extras of requirements
    followed, including our own (`trucewatch[web]` inside another extra)."""
    project = pyproject["project"]
    own = canonicalize_name(project["name"])
    pending = [*project.get("dependencies", [])]
    for group in groups:
        pending += project.get("optional-dependencies", {}).get(group, [])
    names: set[str] = set()
    seen_own: set[str] = set(groups)
    while pending:
        requirement = Requirement(pending.pop())
        name = canonicalize_name(requirement.name)
        if name == own:
            for extra in requirement.extras - seen_own:
                seen_own.add(extra)
                pending += project.get("optional-dependencies", {}).get(extra, [])
            continue
        names.add(name)
        for extra in requirement.extras:
            pending += list(extra_requirements(requirement.name, extra))
    return names


def area_extras(path: str, rules: dict) -> list[str]:
    for area in rules["areas"]:
        if fnmatch.fnmatch(path, area["paths"]):
            return list(area["extras"])
    raise AssertionError(f"{path}: no area in {RULES.name} covers it; add one")


def problems(root: Path, pyproject: dict, rules: dict, providers: dict[str, list[str]]) -> list[str]:
    """One sentence per import that the file's area does not declare."""
    every_extra = list(pyproject["project"].get("optional-dependencies", {}))
    found = []
    for use in (repo_imports() if root == REPO else imports_in(root)):
        if use.module in sys.stdlib_module_names or use.module == "__future__" or is_local(use, root):
            continue
        where = f"{use.path}:{use.line}"
        if use.module in rules.get("undeclared", {}):
            if not use.optional:
                found.append(f"{where}: {use.module} is listed as undeclared on purpose, so its import "
                             f"must be guarded by `except ImportError`")
            continue
        distributions = {canonicalize_name(name) for name in providers.get(use.module, [])}
        if not distributions:
            found.append(f"{where}: imports {use.module!r}, which no installed distribution provides; "
                         f"declare the package that provides it in pyproject.toml")
            continue
        groups = every_extra if use.optional else area_extras(use.path, rules)
        if not distributions & declared(pyproject, groups):
            allowed = f"neither the core dependencies nor the extras {groups} declare" if groups \
                else "the core dependencies do not declare"
            found.append(f"{where}: imports {use.module!r} (from {', '.join(sorted(distributions))}), "
                         f"which {allowed} in pyproject.toml")
    return found


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rules() -> dict:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def providers() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def test_every_third_party_import_is_declared_for_its_area(pyproject, rules, providers):
    found = problems(REPO, pyproject, rules, providers)
    assert not found, "\n".join(found)


def test_the_scan_sees_the_code_it_checks():
    modules = {use.module for use in repo_imports()}
    assert {"spacy", "sqlalchemy", "trafilatura", "pytest", "hypothesis"} <= modules


def _fake_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


FAKE_PYPROJECT = {"project": {
    "name": "trucewatch",
    "dependencies": ["spacy>=3.8", "pyyaml>=6"],
    "optional-dependencies": {"web": ["fastapi>=0.1"], "test": ["pytest>=8", "trucewatch[web]"],
                              "scale": ["dask[distributed]>=2024.1"]},
}}


def test_an_undeclared_import_in_the_core_is_named(tmp_path, rules, providers):
    root = _fake_repo(tmp_path, {
        "trucewatch/ok.py": "import spacy\nimport yaml\nfrom trucewatch import ok\nimport os.path\n",
        "trucewatch/bad.py": "import json\n\ndef f():\n    import pytest\n",  # a test-only package in the core
        "trucewatch/web/app.py": "from fastapi import FastAPI\n",
        "trucewatch/lazy.py": "try:\n    import fastapi\nexcept ImportError:\n    fastapi = None\n",
        "trucewatch/checked.py": "def ok():\n    try:\n        import fastapi\n    except ImportError:\n"
                                 "        return False\n    return True\n\ndef use():\n    from fastapi import X\n",
        "trucewatch/typing_only.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import dask\n",
        "tests/test_web.py": "import fastapi\nimport pytest\nhypothesis = pytest.importorskip('spacy')\n",
    })
    found = problems(root, FAKE_PYPROJECT, rules, providers)
    assert len(found) == 1, found
    assert found[0].startswith("trucewatch/bad.py:4: imports 'pytest'")


def test_an_import_no_distribution_provides_is_named(tmp_path, rules, providers):
    root = _fake_repo(tmp_path, {"trucewatch/x.py": "import surely_not_installed_tw\n"})
    [found] = problems(root, FAKE_PYPROJECT, rules, providers)
    assert "surely_not_installed_tw" in found and "no installed distribution" in found


@pytest.mark.skipif(not metadata.packages_distributions().get("distributed"), reason="the scale extra is not installed")
def test_an_extra_of_a_requirement_counts_as_declared(tmp_path, rules, providers):
    root = _fake_repo(tmp_path, {"trucewatch/scale/run.py": "import distributed\nimport dask\n",
                                 "trucewatch/core.py": "import distributed\n"})
    [found] = problems(root, FAKE_PYPROJECT, rules, providers)
    assert found.startswith("trucewatch/core.py:1: imports 'distributed'")


def test_undeclared_on_purpose_must_be_guarded(tmp_path, rules, providers):
    root = _fake_repo(tmp_path, {"trucewatch/x.py": "import psycopg\n"})
    [found] = problems(root, FAKE_PYPROJECT, rules, providers)
    assert "must be guarded" in found


def test_every_file_belongs_to_an_area(rules):
    for use in repo_imports():
        area_extras(use.path, rules)  # raises for a file no area covers
    assert area_extras("trucewatch/web/api/incidents.py", rules) == ["web"]
    assert area_extras("tests/scale/test_cluster.py", rules) == ["test", "scale"]
    assert area_extras("trucewatch/cli.py", rules) == []
