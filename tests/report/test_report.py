"""Report content: counts for two periods, chart, map, findings with evidence, caveats, Markdown."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trucewatch.errors import InputError
from trucewatch.report import render_report, write_report
from trucewatch.report.evidence import highlighted, sentence_bounds


def test_html_is_self_contained_and_complete(scenario, tmp_path):
    truce, incidents, findings = scenario
    out = write_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14),
                       out=tmp_path / "r.html")
    html = out.read_text()
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', html)  # nothing fetched
    assert 'id="daily-chart"' in html and html.count('class="bar"') == 14
    assert 'id="incident-map"' in html and 'class="country"' in html and 'class="truce-area"' in html
    assert html.count('class="incident"') == 4  # Aleppo, Maarrat Misrin, the clash, the convoy
    assert "possible violation" in html and "obligation: aid_access" in html
    assert "<mark>" in html and "&lt;people&gt;" in html  # evidence marked, text escaped
    assert "Contested" in html and "7–9" in html  # grade and casualty range


def test_counts_compare_with_previous_period(scenario):
    truce, incidents, findings = scenario
    md = render_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14), format="md")
    assert "| shelling (prohibited) | 0 | 1 | -1 |" in md  # the February shelling is in the previous fortnight
    assert "| air strike (prohibited) | 2 | 0 | +2 |" in md
    assert "| Syria (SYR) | 2 | 1 | +1 |" in md


def test_markdown_has_findings_evidence_and_caveats(scenario):
    truce, incidents, findings = scenario
    md = render_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14), format="md")
    assert md.startswith("# Idlib city humanitarian pause")
    # two outlets attest the strike and the accused party's denial contests only who did it
    assert "### Probable violation: air strike — Maarrat Misrin" in md
    assert "**" in md and "## Caveats" in md
    assert "rest on a single independent source" in md


def test_bad_period_and_format_are_input_errors(scenario):
    truce, incidents, findings = scenario
    with pytest.raises(InputError, match="ends before it starts"):
        render_report(truce, incidents, findings, start=date(2016, 3, 14), end=date(2016, 3, 1))
    with pytest.raises(InputError, match="not a report format"):
        render_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 2), format="pdf")


def test_evidence_is_marked_inside_its_sentence():
    text = "First sentence. Jets struck the market at noon. Last one."
    start = text.index("struck")
    assert sentence_bounds(text, start, start + 6) == (15, 47)
    assert str(highlighted(text, start, start + 6)) == "Jets <mark>struck</mark> the market at noon."


def test_empty_period_still_renders(scenario):
    truce, _, _ = scenario
    html = render_report(truce, [], [], start=date(2017, 1, 1), end=date(2017, 1, 7))
    assert html.count('class="bar"') == 7 and 'class="incident"' not in html
    assert "No incident in the period needs a verdict" in html
    md = render_report(truce, [], [], start=date(2017, 1, 1), end=date(2017, 1, 7), format="md")
    assert "0% of the 0 incidents" in md


@pytest.mark.parametrize("text, word", [
    ("One.Two strikes hit. Three.", "Two"),
    ("Jets struck at dawn.", "Jets"),
    ("Shells fell\nnear the school today", "school"),
])
def test_sentence_bounds_stay_inside_one_sentence(text, word):
    start = text.index(word)
    left, right = sentence_bounds(text, start, start + len(word))
    sentence = text[left:right]
    assert word in sentence and sentence.count(".") <= 1 and "\n" not in sentence.strip()


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="ab .!?\n", max_size=60), st.data())
def test_sentence_bounds_always_contain_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    left, right = sentence_bounds(text, start, end)
    assert 0 <= left <= start and end <= right <= len(text)
    assert "<mark>" in str(highlighted(text, start, end))
