"""Casualty ranges across sources: the lowest and highest figures anyone gave, and a middle best."""
from __future__ import annotations

from statistics import median

from .model import CasualtyFigure, CasualtyRange, Mention, SourceReport


def casualty_range(mentions: list[Mention], clusters: dict[str, int], field: str) -> CasualtyRange:
    """Low/best/high over the figures in `field` ("fatalities" or "injured") of every mention."""
    figures: list[CasualtyFigure] = []
    for m in mentions:
        c = getattr(m.event, field)
        if c is None or (c.low is None and c.best is None and c.high is None):
            continue
        source = SourceReport(m.document.id, m.outlet, clusters.get(m.document.id, 0))
        figures.append(CasualtyFigure(c.low, c.best, c.high, c.text, source))
    if not figures:
        return CasualtyRange()
    lows = [f.low if f.low is not None else (f.best if f.best is not None else f.high) for f in figures]
    highs = [f.high if f.high is not None else (f.best if f.best is not None else f.low) for f in figures]
    bests = [f.best if f.best is not None else (f.low if f.low is not None else f.high) for f in figures]
    return CasualtyRange(low=min(lows), best=int(median(bests)), high=max(highs), figures=figures)
