"""`trucewatch report --out`: the suffix names the format, or --format must."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import trucewatch.truce.run as run_module
from trucewatch.cli import app
from trucewatch.commands.report_cmd import report_format
from trucewatch.errors import InputError

PERIOD = ["--from", "2016-03-01", "--to", "2016-03-14"]


def run_report(truce, *args):
    return CliRunner().invoke(app, ["report", str(truce), *PERIOD, *args])


@pytest.mark.parametrize("name, fmt", [("r.html", "html"), ("r.HTM", "html"), ("r.md", "md"),
                                       ("r.markdown", "md")])
def test_known_suffixes_name_the_format(name, fmt):
    assert report_format(Path(name), None) == fmt


@pytest.mark.parametrize("name", ["r.pdf", "r.txt", "report"])
def test_unknown_suffix_is_an_error_naming_the_supported_ones(name):
    with pytest.raises(InputError) as caught:
        report_format(Path(name), None)
    message = str(caught.value)
    assert name in message and ".html, .htm or .md" in message and "--format" in message


def test_format_option_overrides_any_suffix():
    assert report_format(Path("r.pdf"), "HTML") == "html"
    assert report_format(Path("r.txt"), "markdown") == "md"
    with pytest.raises(InputError, match="'pdf' is not a report format"):
        report_format(Path("r.pdf"), "pdf")


def test_pdf_is_refused_before_any_work_and_nothing_is_written(tmp_path, example_truce, monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("run_check ran before the output format was checked")

    monkeypatch.setattr(run_module, "run_check", must_not_run)
    out = tmp_path / "r.pdf"
    result = run_report(example_truce, "--out", str(out))
    assert isinstance(result.exception, InputError)
    assert "r.pdf" in str(result.exception) and ".html, .htm or .md" in str(result.exception)
    assert not out.exists()


def test_pdf_name_with_format_html_is_written_as_html(strike_and_clash_store, tmp_path, example_truce):
    out = tmp_path / "r.pdf"
    result = run_report(example_truce, "--out", str(out), "--format", "html")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_period_ending_before_it_starts_is_refused(tmp_path, example_truce):
    result = CliRunner().invoke(app, ["report", str(example_truce), "--from", "2016-03-14", "--to", "2016-03-01",
                                      "--out", str(tmp_path / "r.html")])
    assert isinstance(result.exception, InputError) and "ends before it starts" in str(result.exception)
