"""What the incident and document pages show, gathered from the record: evidence marked in its
sentence, claims side by side, casualty figures with their sources, the document's text with
every event's words marked. Text is escaped here or by the templates, never trusted."""
from __future__ import annotations

from markupsafe import Markup, escape

from trucewatch.incidents.actors import party_label, value_key
from trucewatch.report.evidence import highlighted
from trucewatch.report.svg import VERDICT_COLOURS

AFFIRMING = ("asserts", "accuses", "confirms", "claims_responsibility")
CONTESTING = ("denies", "disputes", "retracts")


def _value(value: str | None) -> str | None:
    key = value_key(value)
    return party_label(key) if key else value


def claims_side_by_side(lookup) -> dict:
    """Every claim about the incident in two columns: those that affirm (it happened, X did it) and
    those that contest it (denials, disputes, retractions), each with its sentence marked."""
    columns = {"affirming": [], "contesting": []}
    for mention in lookup.mentions:
        text = mention.document.text
        for claim in mention.event.claims:
            entry = {"claimant": claim.claimant.name or claim.claimant.text, "stance": claim.stance.replace("_", " "),
                     "about": claim.about, "value": _value(claim.value), "outlet": mention.outlet,
                     "document": mention.document.id, "sentence": highlighted(text, claim.start, claim.end)}
            side = "contesting" if claim.stance in CONTESTING else "affirming"
            if entry not in columns[side]:
                columns[side].append(entry)
    return columns


def mention_blocks(lookup) -> list[dict]:
    """One block per report: outlet, date, its events' types and evidence, marked in its sentence."""
    blocks: dict[str, dict] = {}
    for mention in lookup.mentions:
        document = mention.document
        block = blocks.setdefault(document.id, {
            "document": document.id, "outlet": mention.outlet, "title": document.title,
            "published": document.published.isoformat() if document.published else "undated",
            "url": document.url, "events": []})
        block["events"].append({
            "id": mention.event.id, "type": mention.event.type, "status": mention.event.status,
            "when": mention.event.when, "place": (mention.event.location.name or mention.event.location.text)
            if mention.event.location else None,
            "evidence": [highlighted(document.text, span.start, span.end) for span in mention.event.evidence]})
    return list(blocks.values())


def casualty_rows(record: dict) -> list[dict]:
    """Killed and injured: the range across sources, and each source's own figure."""
    rows = []
    for kind, key in (("killed", "fatalities"), ("injured", "injured")):
        casualties = record.get(key) or {}
        rows.append({"kind": kind, "low": casualties.get("low"), "best": casualties.get("best"),
                     "high": casualties.get("high"), "figures": casualties.get("figures") or []})
    return rows


def marked_text(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """The whole text, escaped, with each (start, end, label) span in a <mark>; overlapping spans
    are joined, their labels listed together."""
    spans = sorted((max(0, s), min(len(text), e), label) for s, e, label in spans if e > s)
    merged: list[list] = []
    for start, end, label in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if label not in merged[-1][2]:
                merged[-1][2].append(label)
        else:
            merged.append([start, end, [label]])
    parts, position = [], 0
    for start, end, labels in merged:
        parts.append(escape(text[position:start]))
        parts.append(Markup('<mark title="{}">{}</mark>').format("; ".join(labels), text[start:end]))
        position = end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def document_spans(events) -> list[tuple[int, int, str]]:
    spans = []
    for event in events:
        label = f"{event.type.replace('_', ' ')} ({event.id.rsplit(':', 1)[-1]})"
        spans += [(span.start, span.end, label) for span in event.evidence]
        spans += [(claim.start, claim.end, f"claim: {claim.claimant.text} {claim.stance}") for claim in event.claims]
    return spans


def timeline_bars(data: dict, *, width: int = 900, height: int = 140) -> dict:
    """Stacked bars per day (one colour per verdict) as drawing instructions for the template."""
    days = data["days"]
    n = max(len(days), 1)
    top = max([d["total"] for d in days] + [1])
    pad_left, pad_bottom = 28, 18
    bar = (width - pad_left - 4) / n
    scale = (height - pad_bottom - 6) / top
    bars = []
    for i, day in enumerate(days):
        x, y = pad_left + i * bar, height - pad_bottom
        parts = []
        for verdict in sorted(day["verdicts"], key=lambda v: list(VERDICT_COLOURS).index(v) if v in VERDICT_COLOURS else 99):
            h = day["verdicts"][verdict] * scale
            y -= h
            parts.append({"y": round(y, 1), "h": round(h, 1), "verdict": verdict, "count": day["verdicts"][verdict]})
        bars.append({"day": day["day"], "total": day["total"], "x": round(x + 0.5, 1), "w": round(max(bar - 1, 0.8), 1),
                     "parts": parts, "label": i % max(1, round(n / 8)) == 0})
    return {"bars": bars, "width": width, "height": height, "top": top, "pad_left": pad_left,
            "baseline": height - pad_bottom}
