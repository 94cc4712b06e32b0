"""The HTML report opened in headless Chromium: the map and the chart must render offline."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date

import pytest

from trucewatch.report import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true",
                       reason="headless Chromium is not installed (required when CI=true)"),
]


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "CI=true but no chromium on PATH"
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def _png_pixels(path) -> tuple[int, int, bytes]:
    """Width, height and raw (filtered) scanlines of a PNG, without an imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.fixture
def report_file(scenario, tmp_path):
    truce, incidents, findings = scenario
    return write_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14),
                        out=tmp_path / "report.html")


def test_map_and_chart_render_in_chromium(report_file, tmp_path):
    done = _chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", report_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    marker = re.search(r'data-rendered="map:(\d+):(\d+):(\d+) chart:(\d+):(\d+)"', done.stdout)
    assert marker, "the report's script did not run"
    points, countries, map_width, bars, chart_width = map(int, marker.groups())
    assert points == 4 and countries >= 1 and map_width > 100
    assert bars == 14 and chart_width > 100


def test_screenshot_is_not_blank(report_file, tmp_path):
    shot = tmp_path / "report.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,1800", report_file.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    width, height, raw = _png_pixels(shot)
    assert (width, height) == (1100, 1800)
    assert len(set(raw)) > 50  # many distinct colour values: text, outlines, bars, points


def test_commitment_charts_render_in_chromium(scenario, tmp_path):
    from trucewatch.commitments import evaluate, parse_commitments

    truce, incidents, findings = scenario
    pledge = parse_commitments({"commitments": [{
        "kind": "de_escalation", "party": "Russia", "acts": ["aerial"], "starts": "2016-03-07",
        "place": {"name": "Aleppo", "lat": 36.2, "lon": 37.16, "country": "SYR"}}]}, "pledges.yaml")
    views = evaluate(incidents, pledge, as_of=date(2016, 3, 10))
    out = write_report(truce, incidents, findings, start=date(2016, 3, 1), end=date(2016, 3, 14),
                       out=tmp_path / "report.html", commitments=views)
    done = _chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", out.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    marker = re.search(r'data-pledges="(\d+):(\d+):(\d+)"', done.stdout)
    assert marker, "the report's script did not run"
    charts, days, width = map(int, marker.groups())
    assert charts == 1 and days == 8 and width > 100  # 4 days before the pledge, 4 after
    assert "possibly broken" in done.stdout  # Russian jets over Aleppo the day after
