"""ACLED rows only for events ACLED would code; code tables come from a data file."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from trucewatch.errors import ConfigError
from trucewatch.exports import acled_codable, export_events_counted
from trucewatch.exports_data.acled import acled_codes, load_acled_codes, parse_acled_codes
from trucewatch.records import Acled, Event, When

STRIKE = Acled(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")


def event(n: int, status: str, acled: Acled | None, precision: str = "day") -> Event:
    return Event(id=f"doc:{n}", type="air_strike" if acled else "statement", status=status, acled=acled,
                 when=When(start=date(2016, 3, 1), end=date(2016, 3, 7 if precision == "week" else 1),
                           precision=precision))


@pytest.mark.parametrize("status, acled, kept", [
    ("occurred", STRIKE, True), ("ongoing", STRIKE, True),
    ("planned", STRIKE, False), ("negated", STRIKE, False), ("hypothetical", STRIKE, False),
    ("occurred", None, False),
])
def test_only_happened_events_with_a_mapping_are_codable(status, acled, kept):
    assert acled_codable(None, event(0, status, acled)) is kept


def test_export_counts_what_it_left_out(list_store, pairs):
    document = pairs[0][0]
    list_store.pairs = pairs + [(document, event(7, "planned", STRIKE)), (document, event(8, "ongoing", STRIKE, "week"))]
    out = io.StringIO()
    counts = export_events_counted(list_store, "acled", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (counts.written, counts.skipped) == (3, 2)  # the vague unmapped one and the planned one
    assert [row["status"] for row in rows] == ["occurred", "occurred", "ongoing"]
    assert rows[-1]["time_precision"] == "2"


def test_other_formats_skip_nothing(list_store):
    counts = export_events_counted(list_store, "csv", io.StringIO())
    assert (counts.written, counts.skipped) == (3, 0)


def test_packaged_tables_cover_every_precision():
    codes = acled_codes()
    assert codes.time_precision["day"] == 1 and codes.time_precision["unknown"] == 3
    assert codes.geo_precision["admin2"] == 2 and "unknown" not in codes.geo_precision
    assert codes.disorder_type["Protests"] == "Demonstrations"
    assert codes.inter["REB"] == "Rebel group"
    assert codes.coded_statuses == {"occurred", "ongoing"}


def valid_tables() -> dict:
    codes = acled_codes()
    return {"coded_statuses": sorted(codes.coded_statuses), "time_precision": dict(codes.time_precision),
            "geo_precision": dict(codes.geo_precision), "disorder_type": dict(codes.disorder_type),
            "inter": dict(codes.inter)}


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("inter"), "the section 'inter' is missing"),
    (lambda d: d["time_precision"].pop("week"), "time_precision has no code for week"),
    (lambda d: d["geo_precision"].update(town=1), "geo_precision names unknown precisions town"),
    (lambda d: d["geo_precision"].update(city=4), "ACLED's codes are 1, 2 and 3"),
    (lambda d: d.update(coded_statuses=["happened"]), "coded_statuses must be a list of"),
])
def test_broken_tables_are_named(change, message):
    data = valid_tables()
    change(data)
    with pytest.raises(ConfigError) as caught:
        parse_acled_codes(data, "acled_codes.yaml")
    assert message in str(caught.value) and "acled_codes.yaml" in str(caught.value)


def test_a_user_file_can_replace_the_tables(tmp_path):
    import yaml

    data = valid_tables()
    data["coded_statuses"] = ["occurred", "ongoing", "planned"]
    path = tmp_path / "codes.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert "planned" in load_acled_codes(path).coded_statuses
    with pytest.raises(ConfigError):
        load_acled_codes(tmp_path / "missing.yaml")
