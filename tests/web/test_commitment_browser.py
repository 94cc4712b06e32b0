"""A commitment in a real browser (the session's headless Chromium): from the navigation to the
list, to the pledge its strikes break (chart drawn), and on to the incident that breaks it."""
from __future__ import annotations

import pytest

from .conftest import BROWSER_MARKS, LiveServer, log_in, shot

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server(sqlite_scenario):
    with LiveServer(sqlite_scenario.url) as live:
        yield live


def test_viewer_opens_the_broken_pledge_and_follows_it_to_its_incident(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        log_in(page, "viewer")
        page.click("#nav-commitments")
        page.wait_for_selector("#commitment-list")
        assert page.get_attribute("#commitment-total", "data-total") == "2"
        page.click("tr.commitment-row[data-id=test-idlib-strikes] a")
        page.wait_for_selector("#commitment")
        assert page.inner_text("#commitment-verdict") == "possibly broken"
        assert page.eval_on_selector_all("svg.commitment-chart g.day", "gs => gs.length") == 28
        assert page.eval_on_selector("svg.commitment-chart", "s => s.getBoundingClientRect().width") > 200
        shot(page, "commitment-page")
        link = page.locator("tr.pledge-incident[data-role=breaks] a.incident-link")
        incident_id = link.inner_text()
        link.click()
        page.wait_for_url(f"**/incidents/{incident_id}")
        page.wait_for_selector("#incident")
        assert page.get_attribute("#incident", "data-id") == incident_id
        assert "Idlib" in page.inner_text("h1")
        assert problems == []
    finally:
        context.close()
