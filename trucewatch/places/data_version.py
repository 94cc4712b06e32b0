"""The gazetteer data's version: a short hash of the shipped data files.

The data is rebuilt from GeoNames / Who's On First / Natural Earth dumps that carry no release
number of their own, so the content itself is the version: two installs that print the same
value resolve places from the same data. Shown by `trucewatch --version` and `trucewatch doctor`.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
DOC_SUFFIXES = (".md",)  # notes about the data, not data
DIGITS = 12


@lru_cache(maxsize=1)
def data_version(data_dir: Path = DATA_DIR) -> str:
    """sha256 over each data file's name and bytes, first 12 hex digits; "missing" without data."""
    files = sorted(p for p in data_dir.glob("*") if p.is_file() and p.suffix not in DOC_SUFFIXES)
    if not files:
        return "missing"
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:DIGITS]
