"""`trucewatch doctor`: is this install complete, and what to do where it is not.

A user who installed with plain `pip` (or `pipx`, or a wheel on a server) has no Makefile to tell
them that the spaCy model, an HTML library or the database is missing; the first command that
needs it fails. Each check here tries the real thing (loads the model, reads a sample page, feed
and CSV through the ingest code, connects to the database) and says, in one line, what is wrong
and what to do. The core is usable when no check FAILs; optional parts may be absent.

    from trucewatch.doctor import run_checks, core_usable
    checks = run_checks(db="sqlite:///trucewatch.db")
"""
from __future__ import annotations

from trucewatch.doctor.model import Check, Status, core_usable


def run_checks(db: str | None = None) -> list[Check]:
    """Every check, in the order a user should fix them."""
    from trucewatch.doctor import checks, database

    return [
        checks.python_version(),
        checks.spacy_installed(),
        checks.spacy_model(),
        checks.gazetteer(),
        *checks.readers(),
        database.database(db),
        *checks.optional_parts(),
    ]


__all__ = ["Check", "Status", "core_usable", "run_checks"]
