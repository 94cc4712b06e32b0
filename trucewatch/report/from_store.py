"""A report for a stored truce and a period, read from a database without changing it: the stored
events are fused and checked in memory (what `trucewatch report` does, minus saving)."""
from __future__ import annotations

from datetime import date

from trucewatch.incidents.persist import fuse_stored
from trucewatch.truce.checker import check
from trucewatch.truce.terms import TruceTerms

from .render import render_report


def report_from_store(store, terms: TruceTerms, *, start: date, end: date, format: str = "html") -> str:
    incidents = fuse_stored(store)
    findings = check(terms, incidents)
    return render_report(terms, incidents, findings, start=start, end=end, format=format)
