"""Agreement of the actor dictionary with PLOVER gold actor codes (a measurement, not a test).

    python -m trucewatch.actors.evaluate PATH/PLOVER_GSR_CAMEO.txt

Each gold actor's text is resolved alone (no sentence, no date: the gold file's dates are all
placeholders), and its PLOVER code (ISO3, IGO or NGO) and sector are compared with the gold.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from trucewatch.actors import plover_actor, resolve_actor


def gold_actors(path: Path):
    for record in json.loads(path.read_text(encoding="utf-8")):
        if not isinstance(record, dict):
            continue
        for side in ("source", "target"):
            actors = record.get(side) or []
            for actor in [actors] if isinstance(actors, dict) else actors:
                if isinstance(actor, dict) and actor.get("actorText") and actor.get("code"):
                    yield actor


def evaluate(path: Path) -> dict:
    counts = Counter()
    for actor in gold_actors(path):
        counts["actors"] += 1
        ref = resolve_actor(actor["actorText"])
        got = plover_actor(ref) if ref else {"code": None, "sector": None}
        counts["resolved"] += ref is not None
        counts["code_right"] += got["code"] == actor["code"]
        gold_sector = (actor.get("sector") or "")[:3] or None
        if gold_sector and gold_sector != "***":
            counts["with_sector"] += 1
            counts["sector_right"] += got["sector"] == gold_sector
    return {
        "actors": counts["actors"],
        "resolved": counts["resolved"],
        "code_accuracy": round(counts["code_right"] / max(1, counts["actors"]), 3),
        "sector_accuracy": round(counts["sector_right"] / max(1, counts["with_sector"]), 3),
        "actors_with_sector": counts["with_sector"],
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m trucewatch.actors.evaluate PATH/PLOVER_GSR_CAMEO.txt")
    print(json.dumps(evaluate(Path(sys.argv[1])), indent=2))
