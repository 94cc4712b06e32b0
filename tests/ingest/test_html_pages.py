"""HTML pages: title kept apart from the text, paragraphs apart, the outlet from publisher tags."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from trucewatch.ingest.html import read_html
from trucewatch.ingest.markup import as_sentence, fragment_text
from trucewatch.ingest.origin import Origin
from trucewatch.ingest.page_meta import page_outlet

BODY = (
    "<body><nav>Home | Sections</nav><article><h1>Testville</h1>"
    "<p>Mortar rounds fell on the eastern quarter of Testville on Sunday, residents told the "
    "monitor by telephone late in the evening.</p>"
    "<p>The residents said the rounds came from the ridge to the north of the town.</p>"
    "</article><footer>Contact us</footer></body></html>"
)


def page(head: str = "") -> str:
    return f"<html><head><title>Mortars hit Testville</title>{head}</head>{BODY}"


def read(html: str, **fields):
    return read_html(html, Origin(name="page.html", path="page.html"), **fields)


def test_heading_is_not_glued_to_the_first_paragraph():
    document = read(page())
    assert "Testville\nMortar" not in document.text
    assert "Testville Mortar" not in document.text
    first, second, third = document.text.split("\n\n")
    assert first == "Testville."  # the heading stays, as a sentence of its own
    assert second.startswith("Mortar rounds fell") and third.startswith("The residents said")
    assert document.title == "Testville"


def test_paragraphs_are_separated_by_a_blank_line():
    document = read(page())
    assert document.text.count("\n\n") == 2 and "\n\n\n" not in document.text
    assert "Contact us" not in document.text and "Home | Sections" not in document.text


@pytest.mark.parametrize("head, outlet", [
    ('<meta property="og:site_name" content="Example Monitor">', "Example Monitor"),
    ('<meta name="application-name" content="Testland Wire">', "Testland Wire"),
    ('<meta name="publisher" content="Mock Daily">', "Mock Daily"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", '
     '"name": "Jane Reporter"}, "publisher": {"@type": "Organization", "name": "LD Post"}}</script>', "LD Post"),
    ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
     '"publisher": {"name": "Graph Times"}}]}</script>', "Graph Times"),
])
def test_outlet_comes_from_publisher_metadata(head, outlet):
    assert read(page(head + '<meta name="author" content="Jane Reporter">')).source == outlet


def test_author_is_never_the_outlet():
    head = ('<meta name="author" content="Jane Reporter"><meta property="article:author" content="Jane Reporter">'
            '<meta name="twitter:site" content="@someone">'
            '<meta property="article:publisher" content="https://social.example/page">')
    assert read(page(head)).source is None


def test_site_name_wins_over_the_weaker_tags():
    head = ('<meta name="publisher" content="Parent Group"><meta name="application-name" content="App">'
            '<meta property="og:site_name" content="Example Monitor">')
    assert page_outlet(page(head)) == "Example Monitor"


def test_page_metadata_wins_over_what_a_feed_says_but_the_feed_fills_gaps():
    tagged = read(page('<meta property="og:site_name" content="Example Monitor">'), source="Feed Title")
    untagged = read(page(), source="Feed Title")
    assert (tagged.source, untagged.source) == ("Example Monitor", "Feed Title")


def test_page_without_main_text_falls_back_to_block_text():
    document = read("<html><body><h2>Update</h2><div>Shells hit Mocktown.</div>"
                    "<script>var x = 1;</script></body></html>")
    assert document.text == "Update.\n\nShells hit Mocktown."


def test_feed_fragments_use_the_same_paragraph_rules():
    assert fragment_text("<h3>Testville</h3><p>Shells fell.</p><p>Two hurt.</p>") == \
        "Testville.\n\nShells fell.\n\nTwo hurt."
    assert fragment_text("Plain summary, no markup.") == "Plain summary, no markup."


@pytest.mark.parametrize("heading, sentence", [
    ("Testville", "Testville."), ("Calm in Testville?", "Calm in Testville?"),
    ("Update:", "Update:"), ("", ""),
])
def test_headings_end_as_sentences(heading, sentence):
    assert as_sentence(heading) == sentence


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30),
                max_size=6))
def test_fragment_text_never_glues_or_leaves_blank_runs(pieces):
    fragment = "".join(f"<p>{piece}</p>" for piece in pieces)
    text = fragment_text(fragment)
    assert "\n\n\n" not in text and text == text.strip()
    for paragraph in text.split("\n\n") if text else []:
        assert paragraph.strip() and "\n" not in paragraph


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_outlet_reader_never_fails_on_any_markup(markup):
    outlet = page_outlet(markup)
    assert outlet is None or (outlet.strip() == outlet and outlet)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40)
       .filter(lambda s: s.strip()))
def test_any_site_name_is_read_back(name):
    import html as html_module

    tag = f'<meta property="og:site_name" content="{html_module.escape(name, quote=True)}">'
    outlet = page_outlet(page(tag))
    expected = " ".join(name.split())
    if expected.lower().startswith(("http://", "https://", "www.", "@")):
        assert outlet is None
    else:
        assert outlet == expected
