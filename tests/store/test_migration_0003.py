"""Migration 0003 on a database written at 0002: stored incidents and findings get their parties,
admin1 and first versions; the audit log refuses rewrites; down and up again is clean."""
from __future__ import annotations

import json

import sqlalchemy as sa

from trucewatch.incidents.persist import save_findings, save_incidents
from trucewatch.incidents.samples import FSA, GOV, make_document, make_event
from trucewatch.store import open_store
from trucewatch.store.engine import create_store_engine
from trucewatch.store.migrate import downgrade, upgrade


def _incidents():
    from trucewatch.incidents import fuse

    a = make_document("Jets struck the market in Idlib.", "Wire A", "2016-03-04")
    b = make_document("Rebels shelled a post in Maarrat Misrin.", "Wire B", "2016-03-05")
    return fuse([(a, make_event(a, actors=[GOV])), (b, make_event(b, type="shelling", place="Maarrat Misrin",
                                                                  actors=[FSA]))])


def test_upgrade_from_0002_backfills_versions_parties_and_admin1(store_url):
    engine = create_store_engine(store_url)
    try:
        upgrade(engine, "0002")
        incident_set = _incidents()
        with engine.begin() as connection:  # what 0002-era code wrote: no admin1, no parties, no versions
            for inc in incident_set:
                connection.execute(sa.text(
                    'INSERT INTO incidents (id, family, type, status, start, "end", time_precision, lat, lon, '
                    "place, country, place_precision, independent_sources, documents, act_disputed, data, "
                    "updated_at) VALUES (:id, 'f', :type, 'occurred', NULL, NULL, 'day', 1, 2, 'p', 'SYR', "
                    "'city', 1, 1, false, :data, CURRENT_TIMESTAMP)"),
                    {"id": inc.id, "type": inc.type, "data": json.dumps(inc.as_dict(with_mentions=False))})
        upgrade(engine)
        with engine.connect() as connection:
            parties = connection.execute(sa.text("SELECT party, grade FROM incident_parties ORDER BY party")).all()
            admin1 = connection.scalars(sa.text("SELECT admin1 FROM incidents ORDER BY admin1")).all()
            versions = connection.execute(sa.text("SELECT kind, version FROM record_versions")).all()
        assert [p.party for p in parties] == ["Free Syrian Army", "SYR"]
        assert admin1 == ["Idlib", "Idlib"]
        assert sorted(versions) == [("incident", 1), ("incident", 1)]
    finally:
        engine.dispose()


def test_down_and_up_again_keeps_working(store_url):
    with open_store(store_url) as store:
        save_incidents(store, _incidents())
    engine = create_store_engine(store_url)
    try:
        downgrade(engine, "0002")
        names = set(sa.inspect(engine).get_table_names())
        assert "audit_log" not in names and "users" not in names and "incidents" in names
        assert "admin1" not in {c["name"] for c in sa.inspect(engine).get_columns("incidents")}
        upgrade(engine)
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        incident_set = _incidents()
        save_incidents(store, incident_set)
        save_findings(store, "pause", [])
        with store.engine.connect() as connection:
            assert connection.scalar(sa.text("SELECT count(*) FROM incident_parties")) == 2
