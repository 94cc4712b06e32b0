"""Classes 10 and 11: nothing from data runs in a report. The HTML report is opened in headless
Chromium; the Markdown report is rendered by a CommonMark renderer with raw HTML on
(markdown-it-py) and opened there too. A payload that ran would mark the page's body."""
from __future__ import annotations

import os
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

from ..conftest import CHROMIUM  # `browser`, the session's one Chromium, is a fixture there

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


LINKS = """[...document.querySelectorAll('*')].flatMap(e =>
  ['href', 'src', 'action', 'formaction', 'xlink:href'].filter(a => e.hasAttribute(a)).map(a => {
    const value = e.getAttribute(a).trim();
    try { return [e.tagName, new URL(value, document.baseURI).href]; } catch (_) { return [e.tagName, value]; }
  }))"""


def _open(chromium, path) -> tuple[str, dict]:
    """The DOM after the page's own scripts ran, and what the page tried: dialogs (alert, confirm),
    script errors, requests that left the file, links as the browser resolved them."""
    seen = {"dialogs": [], "errors": [], "requests": []}
    context = chromium.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (seen["requests"].append(route.request.url), route.abort()))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(1500)  # timers and event handlers a payload might have set
    seen["pwned"] = page.evaluate("document.body.getAttribute('data-pwned')")
    seen["links"] = page.evaluate(LINKS)
    dom = page.content()
    context.close()
    return dom, seen


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="no headless Chromium")
@pytest.mark.parametrize("which", ["html", "markdown"])
def test_nothing_runs_in_chromium(which, reports, browser):
    """Nothing of the payloads ran (no dialog, no mark on the body, no request off the page), no
    element or attribute came from data, and every link the browser sees is http(s) or an anchor."""
    (dom, seen), (benign_dom, _) = (_open(browser, files[which]) for files in reports)
    judge(dom, benign_dom)
    assert seen["pwned"] is None and not seen["dialogs"], seen
    assert not seen["requests"], seen["requests"]  # images and scripts from data would ask the network
    assert not [m for m in seen["errors"] if "pwned" in m or "javascript" in m.lower()], seen["errors"]
    for tag, link in seen["links"]:
        assert link.split(":", 1)[0] in ("http", "https", "file") and not link.lower().startswith("file:///etc"), \
            (tag, link)
        assert not link.startswith("file:") or "#" in link, (tag, link)  # only the page's own anchors
    if which == "html":
        assert 'data-rendered="map:' in dom  # the report's own script did run
