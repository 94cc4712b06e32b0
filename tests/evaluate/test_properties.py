"""Property tests: gold readers meet arbitrary input with items or sentence errors, never a crash."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.errors import InputError
from trucewatch.evaluate import acled, case, petrarch, plover, timeml
from trucewatch.evaluate.gold import GoldItem, parse_count

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


def read_all(module, path: Path) -> list:
    try:
        found = list(module.read(path, lag=2))
    except InputError:
        return []
    assert all(isinstance(item, (GoldItem, InputError)) for item in found)
    return found


@FAST
@given(st.text(max_size=300))
def test_any_text_in_any_format_gives_items_or_sentence_errors(tmp_path, text):
    for module, name in ((petrarch, "g.xml"), (plover, "g.json"), (acled, "g.csv"),
                         (case, "g.tsv"), (timeml, "g.tml")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        read_all(module, path)


@FAST
@given(st.lists(st.lists(cells, min_size=12, max_size=14), max_size=5))
def test_acled_rows_with_arbitrary_cells(tmp_path, rows):
    header = ",".join(acled.COLUMNS) + ",extra"
    body = "\n".join(",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows)
    path = tmp_path / "a.csv"
    path.write_text(header + "\n" + body, encoding="utf-8")
    found = read_all(acled, path)
    for item in found:
        if isinstance(item, GoldItem):
            assert item.published > item.gold["date"]


@FAST
@given(st.text(alphabet="0123456789 ,.-abc", max_size=12))
def test_counts_are_whole_and_not_negative(value):
    count = parse_count(value)
    assert count is None or (isinstance(count, int) and count >= 0)


@FAST
@given(st.text(alphabet="0123456789", max_size=10))
def test_petrarch_dates_never_crash(value):
    parsed = petrarch.parse_date(value)
    assert parsed is None or len(value) in (6, 8)
