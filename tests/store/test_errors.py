"""Bad database URLs and unreachable servers give one sentence naming the URL and the reason."""
from __future__ import annotations

import sqlalchemy as sa
import pytest

from trucewatch.errors import TruceWatchError
from trucewatch.store import open_store


@pytest.mark.parametrize("url, reason", [
    ("not a url", "not a valid SQLAlchemy URL"),
    ("nosuchdb://host/name", "Cannot use the database URL nosuchdb://host/name"),
    ("postgresql+nosuchdriver://host/name", "Cannot use the database URL"),
])
def test_malformed_urls(url, reason):
    with pytest.raises(TruceWatchError, match=reason) as caught:
        open_store(url)
    assert "\n" not in str(caught.value)


def test_unreachable_server_names_url_without_password():
    with pytest.raises(TruceWatchError) as caught:
        open_store("postgresql+psycopg2://watcher:s3cret@127.0.0.1:1/trucewatch")
    message = str(caught.value)
    assert message.startswith("Cannot open the database postgresql+psycopg2://watcher:***@127.0.0.1:1/")
    assert "s3cret" not in message and "\n" not in message


def test_sqlite_in_a_missing_folder(tmp_path):
    missing = tmp_path / "no" / "such" / "folder" / "tw.db"
    with pytest.raises(TruceWatchError, match="folder .* does not exist"):
        open_store(f"sqlite:///{missing}")


def test_a_file_that_is_not_a_database(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(TruceWatchError, match="notes.db: file is not a database"):
        open_store(f"sqlite:///{bogus}")


def test_a_database_from_a_newer_trucewatch(store_url):
    open_store(store_url).close()
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(TruceWatchError, match="newer TruceWatch"):
        open_store(store_url)


def test_database_url_comes_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("TRUCEWATCH_DB", f"sqlite:///{path}")
    with open_store() as store:
        assert store.counts()["documents"] == 0
    assert path.exists()
