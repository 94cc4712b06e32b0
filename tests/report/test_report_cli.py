"""`trucewatch report` over a stand-in store writes HTML or Markdown."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import trucewatch.truce as truce_pkg
import trucewatch.truce.run as run_module
from trucewatch.cli import app
from trucewatch.errors import InputError
from trucewatch.incidents.samples import GOV, make_document, make_event

EXAMPLE = Path(truce_pkg.__file__).parent / "examples" / "example_truce.yaml"


class FakeStore:
    def __init__(self, url: str, pairs):
        self.engine = sa.create_engine(url)
        self._pairs = pairs

    def events(self):
        return iter(self._pairs)


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    a = make_document("Government jets bombed Idlib's grain silo on Friday.", "A", "2016-03-04")
    fake = FakeStore(f"sqlite:///{tmp_path / 'tw.db'}", [(a, make_event(a, actors=[GOV]))])
    monkeypatch.setattr(run_module, "open_store", lambda url: fake)


@pytest.mark.parametrize("name, marker", [("r.html", "<svg"), ("r.md", "## Findings")])
def test_report_writes_file(tmp_path, name, marker):
    out = tmp_path / name
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--from", "2016-03-01", "--to", "2016-03-14",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text() and "grain silo" in out.read_text()


def test_report_format_option_overrides_suffix(tmp_path):
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--from", "2016-03-01", "--to", "2016-03-14",
                                      "--out", str(out), "--format", "md"])
    assert result.exit_code == 0 and out.read_text().startswith("# ")


def test_bad_date_is_an_input_error(tmp_path):
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--from", "March", "--to", "2016-03-14",
                                      "--out", str(tmp_path / "r.html")])
    assert isinstance(result.exception, InputError) and "--from" in str(result.exception)
