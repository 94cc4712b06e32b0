"""The review workflow in a real browser (Playwright driving Debian's Chromium, the session's one
browser): an analyst moves an event by clicking the map and the finding's verdict changes, and
`trucewatch ingest` of the same reports plus `trucewatch check` keep the correction; two people
edit one event and the second gets the conflict view; a reviewer publishes a finding and a viewer
sees it published; 50 events assigned at once; comments in the history. The database is the demo
reports ingested with the real CLI, plus 50 hand-made events for the bulk test. Screenshots go to
test-artifacts/browser/ (or $TRUCEWATCH_ARTIFACTS)."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import trucewatch

from .conftest import BROWSER_MARKS, PASSWORD, LiveServer, log_in, shot

DEMO = Path(trucewatch.__file__).parent / "demo"
BULK = 50
pytestmark = BROWSER_MARKS


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "trucewatch", *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-1500:]
    return done.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo reports ingested and checked through the CLI, three users, 50 more events."""
    from trucewatch.accounts.passwords import cheapest_hashing
    from trucewatch.accounts.users import add_user
    from trucewatch.audit import Actor
    from trucewatch.incidents.samples import GOV, make_document, make_event
    from trucewatch.records import Extraction
    from trucewatch.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('review') / 'trucewatch.db'}"
    cli("ingest", str(DEMO / "reports"), "--db", url, "--workers", "1")
    cli("check", str(DEMO / "truce.yaml"), "--db", url)
    with open_store(url) as store, cheapest_hashing():
        for role in ("analyst", "reviewer", "viewer"):
            add_user(store, role, role, PASSWORD, actor=Actor(name="test-setup"))
        bulk = [make_document(f"Bulletin {n}: shelling was heard east of Hama, residents said.", "Bulk Wire",
                              f"2016-04-{20 + n % 10:02d}") for n in range(BULK)]
        store.add(bulk, [Extraction(document=d, events=[make_event(d, type="shelling", place="Hama", actors=[GOV])])
                         for d in bulk])
    with LiveServer(url) as live:
        live.url = url
        yield live


@pytest.fixture
def open_as(browser, site):
    """`open_as(name)`: a page in a browser context of its own, signed in as that user."""
    contexts = []

    def opening(name: str):
        context = browser.new_context(viewport={"width": 1360, "height": 1000}, base_url=site.base)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        log_in(page, name)
        return page

    yield opening
    for context in contexts:
        context.close()


def _reported_once(page, verdict: str = "violation") -> tuple[str, str]:
    """(incident id, its only event id) of an incident with that verdict reported once (a violation:
    the FSA's shelling of Maardes)."""
    items = page.request.get("/api/v1/incidents", params={"verdict": verdict, "limit": 50}).json()["items"]
    incident = next(i for i in items if i["documents"] == 1)
    record = page.request.get(f"/api/v1/incidents/{incident['id']}").json()
    [mention] = record["mentions"]
    return incident["id"], mention["event"]["id"]


def _verdict_on(page, incident_id: str) -> str:
    page.goto(f"/incidents/{incident_id}")
    return page.inner_text("#verdicts .finding .badge")


def _wait_for_verdict(page, incident_id: str, wanted: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while _verdict_on(page, incident_id) != wanted:
        assert time.monotonic() < deadline, f"the verdict did not become {wanted}"
        time.sleep(0.5)


def test_moving_an_event_on_the_map_changes_the_verdict_and_ingest_and_check_keep_it(open_as, site):
    page = open_as("analyst")
    incident, event = _reported_once(page)
    assert _verdict_on(page, incident) == "violation"
    page.goto(f"/events/{event}")
    page.wait_for_selector("#event-map[data-state=ready]")
    page.evaluate("window.twEventMap.setView([35.8, 37.0], 7, {animate: false})")  # zoom out to see Aleppo
    box = page.locator("#event-map").bounding_box()
    x, y = page.evaluate("(() => { const p = window.twEventMap.latLngToContainerPoint([36.2, 37.15]); "
                         "return [p.x, p.y]; })()")
    page.mouse.click(box["x"] + x, box["y"] + y)  # a click on the map, on Aleppo
    chosen = page.locator("#place-chosen")
    assert abs(float(chosen.get_attribute("data-lat")) - 36.2) < 0.05
    assert abs(float(chosen.get_attribute("data-lon")) - 37.15) < 0.05
    page.fill("#c-reason", "the town was misread; the statement names Aleppo's outskirts")
    shot(page, "review-1-event-moved-on-the-map")
    page.click("#save-correction")
    page.wait_for_selector("#saved")
    assert page.locator("#corrections tr.correction[data-field=location]").count() == 1
    _wait_for_verdict(page, incident, "out of scope")
    shot(page, "review-2-verdict-changed")

    assert "0 new, 14 skipped" in cli("ingest", str(DEMO / "reports"), "--db", site.url, "--workers", "1")
    cli("check", str(DEMO / "truce.yaml"), "--db", site.url)
    assert _verdict_on(page, incident) == "out of scope"
    page.goto(f"/events/{event}")
    assert "Aleppo" in page.inner_text("#corrections") and page.locator("#correct").count() == 1
    assert not page.problems, page.problems


def test_two_people_edit_one_event_and_the_second_gets_the_conflict_view(open_as, site):
    first, second = open_as("analyst"), open_as("reviewer")
    _, event = _reported_once(first, "possible violation")
    first.goto(f"/events/{event}")
    second.goto(f"/events/{event}")
    second.wait_for_selector("#editing-notice[data-state=ready]")
    second.reload()  # the notice of the analyst's open form
    second.wait_for_selector("#editing-notice .editor")
    assert "analyst" in second.inner_text("#editing-notice")
    first.fill("input[name=fatalities_low]", "2")
    first.fill("input[name=fatalities_best]", "2")
    first.fill("input[name=fatalities_high]", "3")
    first.fill("#c-reason", "the hospital's count")
    first.click("#save-correction")
    first.wait_for_selector("#saved")
    second.select_option("#c-type", "air_strike")
    second.click("#save-correction")
    second.wait_for_selector("#conflict")
    shot(second, "review-3-conflict-view")
    assert second.inner_text("#conflict .their-name") == "analyst"
    assert "hospital" in second.inner_text("#conflict") and "air_strike" in second.inner_text("#your-change")
    assert second.get_attribute("#c-version", "value") == second.get_attribute("#event", "data-version")
    assert not first.problems and not second.problems


def test_a_reviewer_publishes_a_finding_and_a_viewer_sees_it_published(open_as, site):
    reviewer = open_as("reviewer")
    items = reviewer.request.get("/api/v1/findings", params={"verdict": "probable violation"}).json()["items"]
    incident = items[0]["incident"]
    reviewer.goto(f"/incidents/{incident}")
    panel = "#verdicts .finding .review-panel"
    reviewer.click(f"{panel} button.move-confirmed")
    reviewer.wait_for_selector(f"{panel} .review-status[data-status=confirmed]")
    reviewer.fill(f"{panel} textarea[name=text]", "Two outlets, two doctors: enough to publish.")
    reviewer.click(f"{panel} button.add-comment")
    reviewer.wait_for_selector("#verdicts .finding-history")
    reviewer.click(f"{panel} button.move-published")
    reviewer.wait_for_selector("#verdicts .published-mark")
    viewer = open_as("viewer")
    viewer.goto(f"/incidents/{incident}")
    assert viewer.inner_text("#verdicts .finding .review-status") == "published"
    assert viewer.locator("#verdicts .published-mark").count() == 1 and viewer.locator(".edit-control").count() == 0
    viewer.click("#verdicts .finding-history summary")
    history = viewer.inner_text("#verdicts .finding-history")
    assert "enough to publish" in history and "publish" in history and "reviewer" in history
    viewer.goto("/truces")
    viewer.click("#truce-list a >> nth=0")
    assert viewer.locator("#findings tr.finding-row[data-review-status=published]").count() == 1
    shot(viewer, "review-4-viewer-sees-published")


def test_bulk_assign_fifty_events_and_comments_in_the_history(open_as, site):
    analyst = open_as("analyst")
    analyst.goto("/review?kind=event&date_after=2016-04-20&date_before=2016-04-30")
    assert analyst.locator("#queue tr.queue-row").count() == BULK
    analyst.check("#select-all")
    assert analyst.inner_text("#selected-count") == str(BULK)
    analyst.select_option("#bulk-assignee", "reviewer")
    analyst.click("#bulk-apply")
    analyst.wait_for_selector("#bulk-result")
    assert analyst.inner_text("#bulk-done") == str(BULK)
    analyst.click("#back")
    assert analyst.locator("#queue tr.queue-row[data-assignee=reviewer]").count() == BULK
    shot(analyst, "review-5-fifty-assigned")
    first = analyst.get_attribute("#queue tr.queue-row >> nth=0", "data-key")
    analyst.goto(f"/events/{first}")
    analyst.fill(".review-panel textarea[name=text]", "Same bulletin as the day before; keep one.")
    analyst.click(".review-panel button.add-comment")
    analyst.wait_for_selector("#history tr.history-entry[data-action=comment]")
    assert "Same bulletin as the day before" in analyst.inner_text("#history tr.history-entry[data-action=comment]")
    assert analyst.locator("#history tr.history-entry[data-action=assign]").count() == 1
    shot(analyst, "review-6-comment-in-history")
    assert not analyst.problems, analyst.problems
