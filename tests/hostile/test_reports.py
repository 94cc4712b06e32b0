"""Classes 10 and 11: nothing from data runs in a report. The HTML report is opened in headless
Chromium; the Markdown report is rendered by a CommonMark renderer with raw HTML on
(markdown-it-py) and opened there too. A payload that ran would mark the page's body."""
from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from trucewatch.incidents import fuse
from trucewatch.incidents.samples import GOV, make_event
from trucewatch.records import Claim, Claimant, Document, Location
from trucewatch.report import write_report
from trucewatch.truce import check, parse_truce

MARK = "document.body.setAttribute('data-pwned','{}')"
PAYLOADS = [
    f'<img src=x onerror="{MARK.format("img")}">',
    f"<script>{MARK.format('script')}</script>",
    f'<svg onload="{MARK.format("svg")}"></svg>',
    f'"><a href="javascript:{MARK.format("attr")}">x</a>',
    f"[md link](javascript:{MARK.format('mdlink')})",
    f"![md img](javascript:{MARK.format('mdimg')})",
    f"<javascript:{MARK.format('autolink')}>",
    "&#106;avascript&#58;alert(1) `code` *em* _em_ | pipe | # heading",
    "<details open ontoggle=\"" + MARK.format("details") + "\">",
]
URLS = [f" \tjavascript:{MARK.format('url1')}", f"JaVaScRiPt:{MARK.format('url2')}",
        f"java\tscript:{MARK.format('url3')}", f"data:text/html,<script>{MARK.format('url4')}</script>",
        "vbscript:msgbox(1)", "https://example.org/fine?a=1&b=<2>", "http://example.org/also fine"]
BENIGN = [f"plain words {n}" for n in range(len(PAYLOADS))]


def scenario(payloads: list[str]):
    """Reports, events and a truce carrying `payloads` in every field a report shows."""
    pairs = []
    for n, (payload, url) in enumerate(zip(payloads * 2, URLS + URLS[:2])):
        text = f"Government jets bombed the market in Idlib on Monday. {payload} Residents said so."
        document = Document.from_text(text, source=f"Outlet {n} {payload}", url=url, title=payload,
                                      published=date(2016, 3, 7), ref=f"hostile-{n}")
        event = make_event(document, actors=[GOV], killed=(2, 3, 4))
        event.location = Location(text=payload, name=f"Idlib {payload}", lat=35.93, lon=36.63, country="SYR",
                                  admin1=payload, precision="city")
        event.fatalities.text = payload
        start = text.index(payload)
        event.claims = [Claim(claimant=Claimant(text=payload), stance="accuses", about="perpetrator",
                              value=payload, text=payload, start=start, end=start + len(payload))]
        event.actors[0].text = payload
        pairs.append((document, event))
    truce = parse_truce({
        "name": f"Idlib truce {payloads[0]} {payloads[4]}", "description": payloads[1], "parties": ["SYR"],
        "area": {"places": [{"name": f"Idlib {payloads[2]}", "lat": 35.93, "lon": 36.63}], "buffer_km": 30},
        "start": "2016-03-01T00:00", "end": "2016-03-31T23:59", "prohibited": ["air_strike"],
        "exemptions": [{"acts": ["aid_delivery"], "reason": f"{payloads[3]} {payloads[6]}"}],
    })
    incidents = fuse(pairs)
    return truce, incidents, check(truce, incidents)


class Page(HTMLParser):
    """Every element and attribute of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attributes: list[tuple[str, str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags[tag.lower()] += 1
        self.attributes += [(tag.lower(), name.lower(), value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def judge(hostile: str, benign: str) -> Page:
    """The hostile page has exactly the elements and attribute names of the benign one (nothing
    from data became an element or an attribute), no event handler ran or exists, and every
    link goes to http(s) or to an anchor of the page."""
    page, plain = Page(hostile), Page(benign)
    assert page.tags == plain.tags, page.tags - plain.tags or plain.tags - page.tags
    names = lambda p: sorted({(tag, name) for tag, name, _ in p.attributes})  # noqa: E731
    assert names(page) == names(plain)
    assert not [a for a in page.attributes if a[1] == "data-pwned"]
    assert not [a for a in page.attributes if a[1].startswith("on")]
    for tag, name, value in page.attributes:
        if name in ("href", "src", "xlink:href", "action", "formaction"):
            assert value.startswith(("http://", "https://", "#")), (tag, name, value)
    return page


def write_both(folder, payloads, name):
    truce, incidents, findings = scenario(payloads)
    period = {"start": date(2016, 3, 1), "end": date(2016, 3, 31)}
    html = write_report(truce, incidents, findings, out=folder / f"{name}.html", **period)
    md = write_report(truce, incidents, findings, out=folder / f"{name}.md", **period)
    rendered = MarkdownIt("commonmark", {"html": True}).render(md.read_text(encoding="utf-8"))
    md_html = folder / f"{name}-md.html"
    md_html.write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{rendered}</body></html>",
                       encoding="utf-8")
    return {"html": html, "md": md, "markdown": md_html}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    return write_both(folder, PAYLOADS, "hostile"), write_both(folder, BENIGN, "benign")


def test_html_report_source_has_no_live_payload(reports):
    hostile, benign = reports
    text = hostile["html"].read_text(encoding="utf-8")
    judge(text, benign["html"].read_text(encoding="utf-8"))
    assert "&lt;img src=x onerror=" in text  # the words are there, as text
    assert 'href="https://example.org/fine?a=1&amp;b=&lt;2&gt;"' in text
    assert "javascript:" in text and 'href="javascript' not in text.lower().replace(" ", "")


def test_markdown_report_rendered_with_html_on_has_no_live_payload(reports):
    hostile, benign = reports
    page = judge(hostile["markdown"].read_text(encoding="utf-8"), benign["markdown"].read_text(encoding="utf-8"))
    assert page.tags["a"] >= 2 and page.tags["script"] == 0  # the http(s) links are still links
    assert "javascript:" in hostile["md"].read_text(encoding="utf-8")  # shown, not linked


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="no headless Chromium")
@pytest.mark.parametrize("which", ["html", "markdown"])
def test_nothing_runs_in_chromium(which, reports, tmp_path):
    """The DOM after the page's scripts ran (3 s of virtual time): nothing of the payloads did."""
    assert CHROMIUM, "CI=true but no chromium on PATH"
    doms = []
    for label, files in zip(("hostile", "benign"), reports):
        done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / label}",
                               "--virtual-time-budget=3000", "--dump-dom", files[which].as_uri()],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "<body" in done.stdout, done.stderr[-2000:]
        doms.append(done.stdout)
    judge(*doms)
    assert "data-pwned" not in doms[0].split("<body", 1)[1].split(">", 1)[0]
    if which == "html":
        assert 'data-rendered="map:' in doms[0]  # the report's own script did run
