"""Exports and incidents take each report's main and salient events by default (issue 10 item 1)."""
from __future__ import annotations

import io
import json

from trucewatch.exports import export_events
from trucewatch.incidents import fuse
from trucewatch.records import Salience

from .conftest import ListStore, make_pairs


def _marked():
    (first, strike), (_, vague), (second, shelling) = make_pairs()
    strike = strike.model_copy(update={"main": True, "salience": Salience(score=0.7, salient=True)})
    vague = vague.model_copy(update={"salience": Salience(score=0.2, salient=False)})
    background = shelling.model_copy(update={"status": "background",
                                             "salience": Salience(score=0.05, salient=False)})
    return [(first, strike), (first, vague), (second, background)]


def test_exports_keep_main_and_salient_events_by_default():
    store = ListStore(_marked())
    out = io.StringIO()
    export_events(store, "jsonl", out)
    kept = [e["type"] for line in out.getvalue().splitlines() for e in json.loads(line)["events"]]
    assert kept == ["air_strike"]
    out = io.StringIO()
    export_events(store, "jsonl", out, all_events=True)
    kept = [e["type"] for line in out.getvalue().splitlines() for e in json.loads(line)["events"]]
    assert sorted(kept) == ["air_strike", "shelling", "shelling"]


def test_background_mentions_never_feed_incidents():
    pairs = _marked()
    assert len(fuse(pairs)) == 1
    assert sum(len(i.mentions) for i in fuse(pairs, all_events=True)) == 2  # the background one stays out
