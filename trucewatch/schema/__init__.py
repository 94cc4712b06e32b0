"""The JSON Schema of one line of extraction output (the record contract)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def event_schema() -> dict:
    """The packaged schema, as a dict ready for jsonschema."""
    return json.loads((resources.files("trucewatch.schema") / "event.schema.json").read_text(encoding="utf-8"))
