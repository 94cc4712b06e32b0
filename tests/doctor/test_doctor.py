"""`trucewatch doctor` on this (complete) install, and on installs with a part missing.

A missing part is simulated in-process the way Python itself sees one: `sys.modules[name] = None`
makes `import name` fail and `find_spec(name)` return None. tests/packaging/test_wheel.py also
uninstalls the model for real from a fresh venv.
"""
from __future__ import annotations

import socket
import sys

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.doctor import Status, core_usable, run_checks
from trucewatch.doctor import checks as doctor_checks
from trucewatch.doctor.database import database
from trucewatch.nlp import DEFAULT_MODEL, DEFAULT_MODEL_REQUIREMENT
from trucewatch.places.data_version import data_version
from trucewatch.store import open_store
from trucewatch.store.engine import create_store_engine
from trucewatch.store.migrate import head_revisions, upgrade


def run_doctor(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, ["doctor", *args], env={"COLUMNS": "250", **(env or {})})


def name_of(line: str) -> str:
    """The check's name in a doctor line: the second, fixed-width column."""
    return line[7:25].rstrip()


def line_of(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if name_of(line) == name)


def by_name(checks) -> dict:
    return {check.name: check for check in checks}


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty working folder, no database configured."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRUCEWATCH_DB", raising=False)
    monkeypatch.delenv("TRUCEWATCH_SPACY_MODEL", raising=False)
    return tmp_path


@pytest.fixture
def model_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, DEFAULT_MODEL, None)


def test_complete_install_is_usable_one_line_per_check(here):
    result = run_doctor()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for name in ("Python", "spaCy", "spaCy model", "gazetteer index", "HTML reader", "RSS/Atom reader",
                 "CSV reader", "database", "web server", "Dask", "PostgreSQL driver", "Chromium"):
        assert sum(name_of(line) == name for line in lines) == 1, (name, result.output)
    assert lines[-1] == "The core is usable."
    model_line = line_of(result.output, "spaCy model")
    assert model_line.startswith("ok") and f"{DEFAULT_MODEL} 3.8.0 loads" in model_line
    for reader in ("HTML reader", "RSS/Atom reader", "CSV reader"):
        assert line_of(result.output, reader).startswith("ok")
    assert not (here / "trucewatch.db").exists()  # the doctor looks, it creates nothing


def test_missing_model_is_named_with_its_install_command_and_fails(here, model_missing):
    result = run_doctor()
    assert result.exit_code == 1
    line = line_of(result.output, "spaCy model")
    assert line.startswith("fail")
    assert f"{DEFAULT_MODEL} is not installed" in line and f"pip install {DEFAULT_MODEL_REQUIREMENT}" in line
    assert "NOT usable" in result.output.splitlines()[-1]


def test_a_configured_model_that_is_missing_says_how_to_go_back_to_the_default(here, monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_SPACY_MODEL", "en_no_such_model_tw")
    check = doctor_checks.spacy_model()
    assert check.status is Status.FAIL and "en_no_such_model_tw" in check.detail
    assert "TRUCEWATCH_SPACY_MODEL" in check.fix


def test_a_broken_html_library_fails_the_html_reader_with_the_reason(here, monkeypatch):
    import trucewatch.ingest.html as html_reader

    def broken(*_args, **_kwargs):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean.")

    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", broken)
    checks = by_name(run_checks())
    html = checks["HTML reader"]
    assert html.status is Status.FAIL and "lxml_html_clean" in html.detail and "lxml-html-clean" in html.fix
    assert checks["CSV reader"].status is Status.OK
    assert not core_usable(list(checks.values()))


def test_too_old_a_python_fails(monkeypatch):
    monkeypatch.setitem(doctor_checks.parts(), "python", "99.0")
    check = doctor_checks.python_version()
    assert check.status is Status.FAIL and "99.0" in check.fix


def test_gazetteer_built_shows_places_and_data_version():
    check = doctor_checks.gazetteer()
    assert check.status is Status.OK
    assert f"data {data_version()}" in check.detail and " places" in check.detail


def test_gazetteer_not_built_is_buildable_and_says_how(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_PLACES_INDEX", str(tmp_path / "cache" / "places.sqlite"))
    check = doctor_checks.gazetteer()
    assert check.status is Status.WARN and "not built yet" in check.detail
    assert "python -m trucewatch.places.index" in check.fix
    assert not (tmp_path / "cache").exists()


def test_gazetteer_in_a_folder_that_cannot_be_written_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUCEWATCH_PLACES_INDEX", str(tmp_path / "places.sqlite"))
    monkeypatch.setattr(doctor_checks.os, "access", lambda *_: False)  # as root, chmod would not stop us
    check = doctor_checks.gazetteer()
    assert check.status is Status.FAIL and "TRUCEWATCH_PLACES_INDEX" in check.fix


def test_optional_parts_absent_are_reported_with_how_to_add_them():
    module = doctor_checks._optional({"name": "thing", "modules": ["surely_not_installed_tw"],
                                      "add": 'pip install "trucewatch[thing]"'})
    program = doctor_checks._optional({"name": "browser", "programs": ["surely-not-a-program-tw"],
                                       "add": "apt-get install it"})
    assert module.status is Status.ABSENT and "surely_not_installed_tw" in module.detail
    assert module.fix == 'pip install "trucewatch[thing]"'
    assert program.status is Status.ABSENT and program.fix == "apt-get install it"
    assert core_usable([module, program])


def test_optional_parts_present_show_their_versions():
    check = doctor_checks._optional({"name": "PostgreSQL driver", "modules": ["psycopg2"], "add": "x"})
    assert check.status is Status.OK and "psycopg2-binary" in check.detail


# --- the database -----------------------------------------------------------------------------

def test_database_migrated_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'tw.db'}"
    open_store(url).close()
    check = database(url)
    assert check.status is Status.OK and "migrated" in check.detail


def test_database_from_the_environment_and_the_option(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    open_store(url).close()
    monkeypatch.setenv("TRUCEWATCH_DB", url)
    assert "env.db" in database(None).detail and "migrated" in database(None).detail
    result = run_doctor("--db", f"sqlite:///{tmp_path / 'other.db'}")
    assert "other.db: not created yet" in result.output


def test_database_behind_the_newest_revision_warns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    upgrade(engine, "0001")
    engine.dispose()
    check = database(url)
    if head_revisions() == {"0001"}:
        assert check.status is Status.OK
    else:
        assert check.status is Status.WARN and "at revision 0001" in check.detail and "migrates" in check.fix


def test_database_written_by_a_newer_trucewatch_fails(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    open_store(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    check = database(url)
    assert check.status is Status.FAIL and "9999" in check.detail and "upgrade TruceWatch" in check.fix


def test_database_of_another_program_fails(tmp_path):
    path = tmp_path / "other.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE recipes (id INTEGER)")
    engine.dispose()
    check = database(f"sqlite:///{path}")
    assert check.status is Status.FAIL and "not TruceWatch's" in check.detail


def test_database_the_doctor_never_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    upgrade(engine, "0001")
    engine.dispose()
    before = (tmp_path / "old.db").read_bytes()
    database(url)
    assert (tmp_path / "old.db").read_bytes() == before


def test_database_unreachable_server_fails_and_says_what_to_do(here):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_doctor("--db", f"postgresql://nobody:secret@127.0.0.1:{port}/tw")
    assert result.exit_code == 1
    line = line_of(result.output, "database")
    assert line.startswith("fail") and "cannot reach" in line and "--db" in line
    assert "secret" not in result.output


def test_database_malformed_url_fails():
    check = database("not a url at all")
    assert check.status is Status.FAIL and "not a database URL" in check.detail


def test_database_folder_missing_fails(tmp_path):
    check = database(f"sqlite:///{tmp_path / 'no' / 'such' / 'tw.db'}")
    assert check.status is Status.FAIL and "does not exist" in check.detail


@pytest.mark.postgres
def test_database_postgresql_reachable_empty_then_migrated(postgres_url):
    assert database(postgres_url).status is Status.OK and "empty" in database(postgres_url).detail
    open_store(postgres_url).close()
    check = database(postgres_url)
    assert check.status is Status.OK and "migrated" in check.detail


def test_json_output_is_one_object_per_check(here):
    import json

    result = run_doctor("--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {row["status"] for row in rows} <= {"ok", "warn", "fail", "absent"}
    assert any(row["name"] == "spaCy model" and row["status"] == "ok" for row in rows)
