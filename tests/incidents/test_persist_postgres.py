"""Incidents and findings round-trip on real PostgreSQL (TRUCEWATCH_TEST_PG, set by scripts/services.sh)."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

import trucewatch.truce as truce_pkg
from trucewatch.incidents import fuse
from trucewatch.incidents.persist import load_findings, load_incidents, load_journal, save_findings, save_incidents
from trucewatch.incidents.samples import GOV, make_document, make_event
from trucewatch.truce import check

PG_URL = os.environ.get("TRUCEWATCH_TEST_PG")
pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="TRUCEWATCH_TEST_PG is not set (run scripts/services.sh)")]


@pytest.fixture
def pg_engine():
    """An engine confined to a throwaway schema, so colleagues' tables are never touched."""
    schema = f"tw_incidents_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine = sa.create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_round_trip_on_postgres(pg_engine):
    a = make_document("Government jets bombed Idlib's flour mill on Friday.", "A", "2016-03-04")
    b = make_document("Government jets bombed Aleppo's outskirts on Friday.", "B", "2016-03-04")
    incidents = fuse([(a, make_event(a, actors=[GOV])), (b, make_event(b, place="Aleppo", actors=[GOV]))])
    ids = sorted(i.id for i in incidents)
    incidents.merge(ids[0], ids[1])
    save_incidents(pg_engine, incidents)
    ops, aliases = load_journal(pg_engine)
    assert [op.kind for op in ops] == ["merge"] and aliases
    stored = load_incidents(pg_engine)
    assert len(stored) == 1 and stored[0]["start"] == "2016-03-04"
    findings = check(Path(truce_pkg.__file__).parent / "examples" / "example_truce.yaml", incidents)
    save_findings(pg_engine, "example", findings)
    assert load_findings(pg_engine, "example")[0]["incident"] == stored[0]["id"]
