"""Truce terms as data and the checker that turns incidents into findings.

`load_truce(path) -> TruceTerms`; `check(terms, incidents) -> list[Finding]`.
"""
from .checker import TruceChecker, check
from .findings import VERDICTS, Finding, PartyFinding
from .terms import TruceTerms, load_truce, parse_truce

__all__ = ["load_truce", "parse_truce", "TruceTerms", "check", "TruceChecker", "Finding", "PartyFinding",
           "VERDICTS"]
