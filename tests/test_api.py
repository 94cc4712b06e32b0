"""The Python API the README shows: `trucewatch.extract`, `trucewatch.ingest`, `trucewatch.open_store`."""
from datetime import date

import trucewatch


def test_extract_is_callable_even_after_its_package_is_imported():
    import trucewatch.extract  # noqa: F401  (makes the attribute the package)

    for _ in range(2):
        result = trucewatch.extract("Jets struck a market in Idlib on Monday, killing at least 12 people.",
                                    published=date(2016, 3, 2))
    strike = result.events[0]
    assert strike.type == "air_strike"
    assert strike.when.start == date(2016, 2, 29) and strike.when.precision == "day"
    assert strike.fatalities.low == 12


def test_ingest_and_open_store_share_one_database(tmp_path):
    import trucewatch.ingest  # noqa: F401

    report = tmp_path / "r.txt"
    report.write_text("date 2016-03-02 Shelling hit a school in Hama on Tuesday, wounding three children.\n")
    url = f"sqlite:///{tmp_path / 'api.db'}"
    store = trucewatch.open_store(url)
    summary = trucewatch.ingest([str(report)], db=store)
    again = trucewatch.ingest([str(report)], db=store)
    assert (summary.new, again.new, again.skipped) == (1, 0, 1)
    assert [d.published for d in store.documents()] == [date(2016, 3, 2)]
    assert trucewatch.ingest.Fetcher is not None  # the package's lazy attributes still work
