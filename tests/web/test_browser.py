"""The dashboard in a real browser (Playwright driving Debian's Chromium, no browser download):
log in, filter by date and verdict and see list, map and timeline agree, open an incident and see
its evidence marked, a viewer sees no edit control and the API refuses the viewer's write, log out;
news text carrying scripts, event handlers and javascript: links stays inert. Screenshots are kept
in test-artifacts/browser/ (or $TRUCEWATCH_ARTIFACTS)."""
from __future__ import annotations

import pytest

from .conftest import BROWSER_MARKS, LiveServer, log_in, shot

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server(sqlite_scenario):
    with LiveServer(sqlite_scenario.url) as live:
        yield live


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1360, "height": 1000}, base_url=server.base)
    opened = context.new_page()
    opened.problems = []
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))
    opened.on("dialog", lambda dialog: (opened.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield opened
    context.close()


def map_ready(page) -> dict:
    page.wait_for_selector("#map-count[data-state=ready]", timeout=20000)
    data = page.eval_on_selector("#map-count", "el => Object.assign({}, el.dataset)")
    shown = page.eval_on_selector_all(".tw-cluster span", "els => els.map(e => Number(e.textContent))")
    return {"in_view": int(data["inView"]), "total": int(data["total"]), "unplaced": int(data["unplaced"]),
            "drawn": sum(shown)}


def test_analyst_filters_and_list_map_timeline_agree_then_opens_evidence_and_logs_out(page):
    log_in(page, "analyst")
    everything = map_ready(page)
    assert everything["total"] == 7 and everything["unplaced"] == 1
    page.fill("#f-date-after", "2016-03-01")
    page.fill("#f-date-before", "2016-03-14")
    page.check("input[name=verdict][value='possible violation']")
    page.check("input[name=verdict][value='probable violation']")
    page.click("#apply")
    page.wait_for_url("**/?*verdict=possible*")
    assert "date_after=2016-03-01" in page.url and "date_before=2016-03-14" in page.url  # shareable
    shown = map_ready(page)
    listed = int(page.get_attribute("#list-total", "data-total"))
    rows = page.eval_on_selector_all(".incident-row", "rows => rows.map(r => r.dataset.verdict)")
    timeline = int(page.get_attribute("#timeline", "data-total"))
    bars = page.eval_on_selector_all("#timeline g.day", "gs => gs.reduce((n, g) => n + Number(g.dataset.total), 0)")
    imprecise = int(page.get_attribute("#timeline-imprecise", "data-count"))
    undated = int(page.get_attribute("#timeline-undated", "data-count"))
    shot(page, "1-dashboard-filtered")
    assert listed == 3 and sorted(rows) == ["possible violation", "possible violation", "probable violation"]
    assert shown["total"] == listed and shown["in_view"] + shown["unplaced"] == listed
    assert shown["drawn"] == shown["in_view"]  # every incident in view is in a drawn marker's count
    assert timeline == listed == bars + imprecise + undated
    page.fill("#search-name", "possible violations, first fortnight")
    page.click("#save-search button")
    page.wait_for_selector("a.saved-search")
    assert "possible+violation" in page.get_attribute("a.saved-search", "href")

    page.click(".incident-row a >> nth=0")
    page.wait_for_selector("#incident")
    marked = page.eval_on_selector_all("blockquote.evidence mark", "ms => ms.map(m => m.textContent)")
    assert marked and all(text.strip() for text in marked)
    assert page.locator("#verdicts .trace li").count() >= 3
    assert page.locator("#casualties tr.casualty").count() == 2
    shot(page, "2-incident")

    page.click("#logout")
    page.wait_for_url("**/login")
    page.goto("/")
    assert "/login" in page.url  # the session is gone
    assert not page.problems, page.problems


def test_a_viewer_sees_no_edit_control_and_the_api_refuses_their_write(page, sqlite_scenario):
    log_in(page, "viewer")
    map_ready(page)
    assert page.locator(".edit-control").count() == 0
    shot(page, "3-viewer-dashboard")
    page.goto(f"/truces/{sqlite_scenario.truce_id}")
    assert page.locator("#terms").count() == 1 and page.locator(".edit-control").count() == 0
    page.click("#findings a >> nth=0")
    page.wait_for_selector("#incident")
    assert page.locator(".edit-control").count() == 0
    token = page.get_attribute("input[name=csrf_token]", "value")  # the logout form's
    status = page.evaluate("""async (token) => {
        const answer = await fetch('/api/v1/searches', {method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token},
            body: JSON.stringify({name: 'mine', query: 'verdict=violation'})});
        return [answer.status, (await answer.json()).detail];
    }""", token)
    assert status[0] == 403 and "'edit' permission" in status[1]
    assert page.request.get("/admin").status == 403
    assert not page.problems, page.problems


def test_scripts_handlers_and_javascript_links_in_news_text_stay_inert(page, sqlite_scenario):
    log_in(page, "viewer")
    events = page.request.get("/api/v1/events", params={"q": "bakery"}).json()["items"]
    [event] = events
    page.goto(f"/incidents/{event['incident']}")
    page.wait_for_selector("#incident")
    shot(page, "4-incident-with-payloads")
    text = page.inner_text("#mentions") + page.inner_text("#claims")
    assert "<script>window.__xss = 1</script>" in text and "Wire <b>F</b>" in text  # shown as text
    page.goto(f"/documents/{event['document']['id']}")
    page.wait_for_selector("#document-text mark")
    shot(page, "5-document-with-payloads")
    whole = page.inner_text("#document-text")
    assert "<script>" in whole and 'onerror="window.__xss = 2"' in whole and 'href="javascript:' in whole
    for where in ("#incident", "#document"):
        assert page.locator(f"{where} script, {where} img, {where} [onerror]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0  # neither the text's link nor the report's URL
    assert "javascript:window.__xss = 4" in page.inner_text(".meta")  # the URL is shown, not linked
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert not page.problems, page.problems  # no dialog, no script error
