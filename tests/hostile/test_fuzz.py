"""Fuzzing the ingest readers (JSONL, JSON, CSV, RSS/Atom, HTML, date headers, bytes in general)
and the truce loader: whatever comes in, out comes a Document or a named error, never a crash.

Bounded for the suite: TRUCEWATCH_FUZZ_EXAMPLES examples per target (default 120). The long
campaign (scripts/fuzz_campaign.py) runs the same targets with many more.
"""
from __future__ import annotations

import json
import os
from datetime import date, datetime, timezone

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.errors import ConfigError, InputError
from trucewatch.ingest.dates import BadDate, parse_published, split_date_line
from trucewatch.ingest.decoding import decode_bytes
from trucewatch.ingest.origin import Origin
from trucewatch.ingest.reader import InputReader
from trucewatch.ingest.rows import read_csv, read_json, read_jsonl
from trucewatch.records import Document, text_id
from trucewatch.truce import TruceTerms, parse_truce

EXAMPLES = int(os.environ.get("TRUCEWATCH_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
READ_ON = datetime(2016, 3, 10, tzinfo=timezone.utc)

# Text with what hurts: controls, NUL, lone surrogates, bidi marks, markup, quotes, separators.
NASTY = st.sampled_from(["\x00", "\x1b[2J", "\ud800", "\udfff", "\u202e", "\r", "\n", "\t", '"', "'", ",",
                         "[/b]", "<script>", "&amp;", "]]>", "\ufeff", "=cmd|", "9999-12-31", "{", "}", "\\"])
WORDS = st.sampled_from(["Shelling", "hit", "Hama", "on", "Monday", "jets", "struck", "Idlib", "said", "."])
TEXT = st.lists(st.one_of(WORDS, NASTY, st.text(max_size=8)), max_size=30).map(" ".join)
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                          max_leaves=12)
FIELD = st.sampled_from(["text", "published", "title", "url", "source", "id", "extra"])
ROW = st.dictionaries(FIELD, JSON_VALUE | TEXT, max_size=6)


def origin(name: str = "fuzz.input") -> Origin:
    return Origin(name=name, path=name, retrieved=READ_ON, max_bytes=20_000)


def judge(results) -> None:
    """Every result is a sound Document or a named InputError."""
    for result in results:
        if isinstance(result, InputError):
            assert result.source and result.reason, result
            assert len(result.reason) < 1000, result.reason[:200]
            continue
        assert isinstance(result, Document), type(result)
        assert result.text and "\x00" not in result.text
        assert result.id == text_id(result.text)
        assert date(1900, 1, 1) <= result.published <= date(2017, 3, 12)
        for value in (result.title, result.source, result.url, result.ref):
            assert value is None or "\x00" not in value
        json.dumps(result.model_dump(mode="json"))  # storable as JSON, no surrogates
        result.text.encode("utf-8")


@FUZZ
@given(st.lists(st.one_of(ROW.map(json.dumps), TEXT, JSON_VALUE.map(json.dumps)), max_size=8))
def test_jsonl_reader(lines):
    judge(read_jsonl("\n".join(lines), origin("fuzz.jsonl")))


@FUZZ
@given(st.one_of(JSON_VALUE.map(json.dumps), st.lists(ROW).map(json.dumps), TEXT))
def test_json_reader(text):
    judge(read_json(text, origin("fuzz.json")))


@FUZZ
@given(st.lists(FIELD, min_size=1, max_size=5, unique=True),
       st.lists(st.lists(TEXT, max_size=6), max_size=6), st.sampled_from([",", "\t"]))
def test_csv_reader(header, rows, delimiter):
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    judge(read_csv("\n".join(lines), origin("fuzz.csv"), delimiter=delimiter))


@FUZZ
@given(st.one_of(TEXT, st.dates().map(str), st.datetimes().map(str), st.integers(), st.floats(),
                 st.booleans(), st.none(), st.text(alphabet="0123456789-:TZ+ ,", max_size=30),
                 st.sampled_from(["Fri, 31 Dec 9999 10:00:00 GMT", "Mon, 07 Mar 2016 10:00:00 +0200",
                                  "2016-02-30", "0000-01-01", "1e400", "-1"])))
def test_published_values(value):
    try:
        day = parse_published(value)
    except BadDate as exc:
        assert str(exc)
    else:
        assert isinstance(day, date)


@FUZZ
@given(st.one_of(TEXT, st.builds(lambda d, rest: f"date {d}\n{rest}", st.dates().map(str), TEXT),
                 st.builds(lambda y, m, d, rest: f"Date: {y}-{m}-{d} {rest}", st.integers(0, 99999),
                           st.integers(0, 99), st.integers(0, 99), TEXT)))
def test_date_headers(text):
    try:
        published, body = split_date_line(text)
    except BadDate as exc:
        assert str(exc)
    else:
        assert published is None or isinstance(published, date)
        assert isinstance(body, str)
    reader = InputReader()
    judge(reader.read_bytes(text.encode("utf-8", "surrogatepass"), origin("fuzz.txt"), "plain"))


FEED_ITEM = st.builds(
    lambda title, link, day, body: (f"<item><title>{title}</title><link>{link}</link><pubDate>{day}</pubDate>"
                                    f"<description>{body}</description></item>"),
    TEXT, st.one_of(TEXT, st.sampled_from(["http://example.org/a", "javascript:x", "file:///etc/passwd"])),
    st.one_of(TEXT, st.sampled_from(["Fri, 31 Dec 9999 10:00:00 GMT", "Mon, 07 Mar 2016 10:00:00 GMT"])), TEXT)


@FUZZ
@given(st.lists(FEED_ITEM, max_size=4), TEXT, st.sampled_from(["rss", "atom", "broken"]))
def test_feed_reader(items, title, kind):
    if kind == "rss":
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{"".join(items)}</channel></rss>'
    elif kind == "atom":
        feed = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{"".join(items)}</feed>'
    else:
        feed = f"<rss><channel>{title}{''.join(items)}"
    judge(InputReader().read_bytes(feed.encode("utf-8", "surrogatepass"), origin("fuzz.rss"), "feed"))


TAG = st.sampled_from(["p", "div", "h1", "h2", "script", "style", "article", "table", "tr", "td", "br", "li",
                       "title", "head", "body", "a", "template", "noscript", "svg"])
HTML = st.lists(st.one_of(TEXT, TAG.map(lambda t: f"<{t}>"), TAG.map(lambda t: f"</{t}>"),
                          st.builds(lambda key, value: f'<meta property="{key}" content="{value}">',
                                    st.sampled_from(["og:site_name", "article:published_time", "og:title"]),
                                    st.one_of(TEXT, st.sampled_from(["9999-12-31T00:00:00Z", "2016-03-07"]))),
                          st.just('<script type="application/ld+json">{"publisher": {"name": "X"}}</script>')),
                max_size=25).map("".join)


@FUZZ
@given(HTML)
def test_html_reader(html):
    judge(InputReader().read_bytes(html.encode("utf-8", "surrogatepass"), origin("fuzz.html"), "html"))


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([None, "plain", "jsonl", "csv", "html", "feed", "json"]))
def test_any_bytes_through_any_reader(data, kind):
    reader = InputReader()
    try:
        decode_bytes(data, "fuzz.bin")
    except InputError:
        pass
    judge(reader.read_bytes(data, origin("fuzz.bin"), kind))


VALID_TRUCE = {"name": "Fuzz truce", "parties": ["SYR"], "excluded": ["Islamic State"],
               "area": {"places": [{"name": "Hama", "lat": 35.13, "lon": 36.75}], "buffer_km": 10},
               "start": "2016-03-01T00:00", "end": "2016-03-31T23:59", "prohibited": ["air_strike"],
               "exemptions": [{"acts": ["aid_delivery"], "reason": "convoys"}]}
TRUCE_VALUE = JSON_VALUE | st.sampled_from(["9999-12-31T23:59", "0001-01-01", "SYR", "Hama", -1e308, 1e308])


@FUZZ
@given(st.dictionaries(st.sampled_from([*VALID_TRUCE, "area.places", "area.buffer_km", "timezone", "extra"]),
                       TRUCE_VALUE, max_size=4))
def test_truce_terms_from_mutated_files(changes):
    data = json.loads(json.dumps(VALID_TRUCE))
    for key, value in changes.items():
        if key.startswith("area."):
            data["area"] = data["area"] if isinstance(data.get("area"), dict) else {}
            data["area"][key.split(".", 1)[1]] = value
        else:
            data[key] = value
    try:
        terms = parse_truce(data, "fuzz.yaml")
    except ConfigError as exc:
        assert str(exc).startswith("fuzz.yaml")
    else:
        assert isinstance(terms, TruceTerms)


@FUZZ
@given(st.one_of(TEXT, st.builds(yaml.safe_dump, st.dictionaries(TEXT, JSON_VALUE, max_size=4)),
                 st.sampled_from(["!!python/object/apply:os.system ['true']", "a: &a [*a]", "- [" * 200,
                                  "name: x\nstart: 9999-12-31T23:59\n"])))
def test_truce_loader_on_any_text(tmp_path_factory, text):
    from trucewatch.truce import load_truce

    path = tmp_path_factory.mktemp("truce") / "truce.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_truce(path)
    except ConfigError as exc:
        assert str(path) in str(exc)
