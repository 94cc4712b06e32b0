"""Inline SVG for the report: a daily bar chart and a map over Natural Earth country outlines.

Plain SVG keeps the report one offline file with no tile server and no script library.
"""
from __future__ import annotations

from html import escape
from math import cos, radians

VERDICT_COLOURS = {
    "violation": "#b2182b", "probable violation": "#ef8a62", "possible violation": "#f4c542",
    "not a violation": "#67a9cf", "out of scope": "#bbbbbb", "undetermined": "#999999",
    "unattributable": "#7b3294",
}


DRAW_ORDER = {"out of scope": 0, "not a violation": 1, "undetermined": 2, "unattributable": 3,
              "possible violation": 4, "probable violation": 5, "violation": 6}


def daily_chart(days: list[dict], width: int = 720, height: int = 200) -> str:
    """Bars per day: all incidents (grey) with the (possible) violations over them (red)."""
    pad_l, pad_b, pad_t = 30, 24, 10
    n = max(len(days), 1)
    top = max([d["all"] for d in days] + [1])
    bar_w = (width - pad_l - 10) / n
    scale = (height - pad_b - pad_t) / top
    label_every = label_step(n, width - pad_l - 10)
    parts = [f'<svg id="daily-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-label="Incidents per day">',
             f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width - 10}" y2="{height - pad_b}" stroke="#444"/>',
             f'<text x="{pad_l - 4}" y="{pad_t + 8}" font-size="10" text-anchor="end">{top}</text>',
             f'<text x="{pad_l - 4}" y="{height - pad_b}" font-size="10" text-anchor="end">0</text>']
    for i, d in enumerate(days):
        x = pad_l + i * bar_w + 1
        w = max(bar_w - 2, 1)
        h_all, h_v = d["all"] * scale, d["violations"] * scale
        label = f'{d["day"].isoformat()}: {d["all"]} incident(s), {d["violations"]} possible or worse violation(s)'
        parts.append(f'<g class="bar"><title>{escape(label)}</title>'
                     f'<rect x="{x:.1f}" y="{height - pad_b - h_all:.1f}" width="{w:.1f}" height="{h_all:.1f}" fill="#9aa5b1"/>'
                     f'<rect x="{x:.1f}" y="{height - pad_b - h_v:.1f}" width="{w:.1f}" height="{h_v:.1f}" fill="#b2182b"/></g>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + w / 2:.1f}" y="{height - 8}" font-size="9" text-anchor="middle">'
                         f'{d["day"].strftime("%d %b")}</text>')
    parts.append("</svg>")
    return "".join(parts)


def label_step(days: int, plot_width: float, label_px: float = 44.0) -> int:
    """Label every Nth day so that labels ("05 Mar", about 44 px at 9 px type) never overlap."""
    per_day = plot_width / max(days, 1)
    step = 1
    while step * per_day < label_px:
        step += 1
    for nice in (1, 2, 3, 7, 14, 28, 30, 61, 91, 182, 365):
        if nice >= step:
            return nice
    return step


def _bbox(points: list[tuple[float, float]], rings: list[list[tuple[float, float]]]):
    lons = [p[0] for p in points] + [x for r in rings for x, _ in r]
    lats = [p[1] for p in points] + [y for r in rings for _, y in r]
    if not lons:
        return -10.0, 10.0, 20.0, 50.0
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    pad = max(0.3, (e - w) * 0.15, (n - s) * 0.15)
    return w - pad, e + pad, s - pad, n + pad


def _rings_of(geometry: dict):
    kind, coords = geometry.get("type"), geometry.get("coordinates", [])
    if kind == "Polygon":
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon


LABEL_LIMIT = 30  # town labels drawn at most; the worst-hit places first
LABEL_FONT = 10
VERDICT_ORDER = ["violation", "probable violation", "possible violation", "unattributable", "undetermined",
                 "not a violation", "out of scope"]


def _short_place(name: str) -> str:
    """A town's label: its name without the province or country after a comma."""
    return name.split(",")[0].strip()


def _label_places(points: list[dict]) -> list[dict]:
    """One label per place drawn, the places with the worst verdicts and most incidents first."""
    by_place: dict[str, dict] = {}
    for p in points:
        name = _short_place(p.get("place") or "")
        if not name or name.startswith("“"):
            continue
        entry = by_place.setdefault(name, {"name": name, "lon": p["lon"], "lat": p["lat"], "count": 0, "rank": 0})
        entry["count"] += 1
        entry["rank"] = max(entry["rank"], DRAW_ORDER.get(p["verdict"], 0))
    return sorted(by_place.values(), key=lambda e: (-e["rank"], -e["count"], e["name"]))


def _overlaps(box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in taken)


def _legend(verdicts: list[str], has_area: bool, has_admin: bool, width: int) -> str:
    """The map's key: the verdict colours drawn, the truce area and the province boundaries."""
    rows = [(f'<circle cx="9" cy="{{y}}" r="4.5" fill="{VERDICT_COLOURS.get(v, "#555")}" stroke="#222" '
             f'stroke-width="0.6"/>', v) for v in VERDICT_ORDER if v in verdicts]
    if "" in verdicts:
        rows.append(('<circle cx="9" cy="{y}" r="4.5" fill="#555" stroke="#222" stroke-width="0.6"/>', "not checked"))
    if has_area:
        rows.append(('<rect x="3" y="{top}" width="12" height="9" fill="#2b8cbe" fill-opacity="0.15" '
                     'stroke="#2b8cbe" stroke-dasharray="3 2"/>', "truce area"))
    if has_admin:
        rows.append(('<line x1="2" y1="{y}" x2="16" y2="{y}" stroke="#9a8f7a" stroke-width="0.8" '
                     'stroke-dasharray="2 2"/>', "province boundary"))
    if not rows:
        return ""
    box_w = 12 + 24 + 6.2 * max(len(text) for _, text in rows)
    box_h = 8 + 15 * len(rows)
    x0 = width - box_w - 8
    parts = [f'<g id="map-legend" transform="translate({x0:.0f},8)">',
             f'<rect width="{box_w:.0f}" height="{box_h}" fill="#ffffff" fill-opacity="0.85" stroke="#999"/>']
    for n, (symbol, text) in enumerate(rows):
        y = 12 + 15 * n
        parts.append(symbol.format(y=y, top=y - 5) + f'<text x="22" y="{y + 3.5}" font-size="10">{escape(text)}</text>')
    parts.append("</g>")
    return "".join(parts)


def incident_map(points: list[dict], outlines: dict | None, area_rings: list[list[tuple[float, float]]],
                 width: int = 720, height: int = 460, *, admin_areas: dict | None = None) -> str:
    """Points (lon, lat, verdict, label, id, place) over country outlines, with the truce area, the
    provinces of the conflict country (`admin_areas`, GeoJSON), town labels and a legend drawn."""
    w, e, s, n = _bbox([(p["lon"], p["lat"]) for p in points], area_rings)
    k = cos(radians((s + n) / 2))  # equirectangular, true to scale at the middle latitude
    span_x, span_y = (e - w) * k, n - s
    scale = min(width / span_x, height / span_y)
    ox = (width - span_x * scale) / 2
    oy = (height - span_y * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ox + (lon - w) * k * scale, oy + (n - lat) * scale

    def path(ring) -> str:
        return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring)) + "Z"

    def near(ring) -> bool:
        return any(w - 5 <= lon <= e + 5 and s - 5 <= lat <= n + 5 for lon, lat in ring)

    parts = [f'<svg id="incident-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-label="Map of incidents">',
             f'<rect width="{width}" height="{height}" fill="#dfeaf2"/>']
    for feature in (outlines or {}).get("features", []):
        rings = [r for r in _rings_of(feature.get("geometry") or {}) if near(r)]
        if not rings:
            continue
        name = escape(str((feature.get("properties") or {}).get("name", "")))
        parts.append(f'<path class="country" d="{"".join(path(r) for r in rings)}" fill="#f4f1ea" '
                     f'stroke="#8c8c8c" stroke-width="0.8"><title>{name}</title></path>')
    drawn_admin = False
    for feature in (admin_areas or {}).get("features", []):
        rings = [r for r in _rings_of(feature.get("geometry") or {}) if near(r)]
        if not rings:
            continue
        drawn_admin = True
        name = escape(str((feature.get("properties") or {}).get("name", "")))
        parts.append(f'<path class="admin1" d="{"".join(path(r) for r in rings)}" fill="none" '
                     f'stroke="#9a8f7a" stroke-width="0.6" stroke-dasharray="2 2"><title>{name}</title></path>')
    for ring in area_rings:
        parts.append(f'<path class="truce-area" d="{path(ring)}" fill="#2b8cbe" fill-opacity="0.15" '
                     f'stroke="#2b8cbe" stroke-dasharray="4 3"><title>truce area</title></path>')
    for p in sorted(points, key=lambda p: DRAW_ORDER.get(p["verdict"], 0)):  # worst verdicts on top
        x, y = xy(p["lon"], p["lat"])
        colour = VERDICT_COLOURS.get(p["verdict"], "#555")
        parts.append(f'<a href="#{escape(p["id"])}"><circle class="incident" cx="{x:.1f}" cy="{y:.1f}" r="5" '
                     f'fill="{colour}" stroke="#222" stroke-width="0.6"><title>{escape(p["label"])}</title>'
                     f'</circle></a>')
    taken = [xy(p["lon"], p["lat"]) for p in points]
    boxes = [(x - 5, y - 5, x + 5, y + 5) for x, y in taken]
    labelled = 0
    for place in _label_places(points):
        if labelled >= LABEL_LIMIT:
            break
        x, y = xy(place["lon"], place["lat"])
        text_w = 0.58 * LABEL_FONT * len(place["name"])
        for dx, anchor in ((7, "start"), (-7, "end")):  # right of the point, else left of it
            x0 = x + dx if anchor == "start" else x + dx - text_w
            box = (x0, y - LABEL_FONT + 3, x0 + text_w, y + 4)
            others = [b for b in boxes if not (b[0] <= x <= b[2] and b[1] <= y <= b[3])]  # not its own dot
            if box[0] >= 0 and box[2] <= width and not _overlaps(box, others):
                boxes.append(box)
                labelled += 1
                parts.append(f'<text class="place-label" x="{x + dx:.1f}" y="{y + 3.5:.1f}" font-size="{LABEL_FONT}" '
                             f'text-anchor="{anchor}" fill="#222" stroke="#ffffff" stroke-width="2.5" '
                             f'paint-order="stroke">{escape(place["name"])}</text>')
                break
    parts.append(_legend(sorted({p["verdict"] for p in points}), bool(area_rings), drawn_admin, width))
    credit = "Outlines: Natural Earth (public domain)" + ("; provinces: Who's On First (CC0)" if drawn_admin else "")
    parts.append(f'<text x="6" y="{height - 6}" font-size="9" fill="#555">{escape(credit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def before_after_chart(days: list[dict], start_index: int, labels: tuple[str, str], *, chart_id: str,
                       width: int = 480, height: int = 150) -> str:
    """A pledge's days before and after it began: incidents breaching it (red, up) over the reports
    read about its area (grey, down), each on its own scale, with the start marked.

    `days` are dicts of day, breaches, reports; `start_index` is the first day after the start;
    `labels` the before/after summaries. Reports are drawn beside the incidents because a quiet
    stretch with no reports is not a quiet stretch with no acts.
    """
    pad_l, pad_r, pad_t, pad_b = 8, 8, 26, 18
    mid = pad_t + (height - pad_t - pad_b) * 0.6
    n = max(len(days), 1)
    bar_w = (width - pad_l - pad_r) / n
    top_b = max([d["breaches"] for d in days] + [1])
    top_r = max([d["reports"] for d in days] + [1])
    up, down = (mid - pad_t) / top_b, (height - pad_b - mid) / top_r
    split = pad_l + start_index * bar_w
    parts = [f'<svg class="commitment-chart" id="{escape(chart_id)}" xmlns="http://www.w3.org/2000/svg" '
             f'viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Incidents breaching the pledge and reports read, per day, before and after it began">',
             f'<rect x="{split:.1f}" y="{pad_t - 4}" width="{width - pad_r - split:.1f}" '
             f'height="{height - pad_t - pad_b + 4}" fill="#f3f6f9"/>',
             f'<text x="{pad_l}" y="12" font-size="10">{escape(labels[0])}</text>',
             f'<text x="{width - pad_r}" y="12" font-size="10" text-anchor="end">{escape(labels[1])}</text>']
    for i, d in enumerate(days):
        x = pad_l + i * bar_w + 0.5
        w = max(bar_w - 1, 0.8)
        h_b, h_r = d["breaches"] * up, d["reports"] * down
        label = f'{d["day"].isoformat()}: {d["breaches"]} incident(s) against the pledge, {d["reports"]} report(s) read'
        parts.append(f'<g class="day"><title>{escape(label)}</title>'
                     f'<rect x="{x:.1f}" y="{mid - h_b:.1f}" width="{w:.1f}" height="{h_b:.1f}" fill="#b2182b"/>'
                     f'<rect x="{x:.1f}" y="{mid:.1f}" width="{w:.1f}" height="{h_r:.1f}" fill="#c5ccd3"/></g>')
    parts += [f'<line x1="{pad_l}" y1="{mid:.1f}" x2="{width - pad_r}" y2="{mid:.1f}" stroke="#444"/>',
              f'<line x1="{split:.1f}" y1="{pad_t - 6}" x2="{split:.1f}" y2="{height - pad_b + 2}" '
              f'stroke="#2b8cbe" stroke-dasharray="4 3"/>']
    if days:
        parts += [f'<text x="{pad_l}" y="{height - 4}" font-size="9">{days[0]["day"].strftime("%d %b")}</text>',
                  f'<text x="{split:.1f}" y="{height - 4}" font-size="9" text-anchor="middle">'
                  f'{days[min(start_index, len(days) - 1)]["day"].strftime("%d %b")}</text>',
                  f'<text x="{width - pad_r}" y="{height - 4}" font-size="9" text-anchor="end">'
                  f'{days[-1]["day"].strftime("%d %b")}</text>']
    parts.append("</svg>")
    return "".join(parts)
