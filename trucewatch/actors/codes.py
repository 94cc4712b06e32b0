"""PLOVER and CAMEO codes for a resolved actor.

PLOVER writes an actor as a country code (ISO3, or IGO / NGO for bodies without one) plus a
sector. CAMEO writes one string: a 3-letter country code (or --- when unknown) followed by
3-letter role codes ("SYRMIL", "USAGOV", "---REB"); international bodies have their own codes
("IGOUNO" the UN, "IGOUNOWFP" WFP, "IGOWSTNAT" NATO), kept in the data files as `cameo:`.
Two sector names differ: our MED (medical) is CAMEO's HLH, and our JRN (press) is CAMEO's MED.
"""
from __future__ import annotations

from trucewatch.actors.schema import Entry
from trucewatch.records import ActorRef

# Our sector -> CAMEO role code. AID has no CAMEO code; humanitarian bodies are NGOs there.
CAMEO_ROLE = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "CVL": "CVL", "COP": "COP",
    "REF": "REF", "UAF": "UAF", "MED": "HLH", "JRN": "MED", "AID": "NGO", "NGO": "NGO",
    "IGO": "IGO", "LEG": "LEG", "JUD": "JUD", "BUS": "BUS", "EDU": "EDU", "REL": "REL",
    "ELI": "ELI", "PTY": "PTY", "LAB": "LAB", "SPY": "SPY", "CRM": "CRM", "UNK": "",
}


def _role_org(ref: ActorRef, entry: Entry, entries: dict[str, Entry]) -> Entry | None:
    """For a person, the organisation of the role that gave `ref` its country and sector."""
    for role in entry.roles:
        if role.org and role.country == ref.country and role.sector == ref.sector:
            return entries.get(role.org)
    return None


def cameo_code(ref: ActorRef, entry: Entry | None = None,
               entries: dict[str, Entry] | None = None) -> str:
    """A CAMEO actor code: the entry's own code for named bodies, else country + role."""
    if entry is not None and entry.kind == "person" and entries:
        entry = _role_org(ref, entry, entries) or entry
    if entry is not None and entry.cameo:
        return entry.cameo
    role = CAMEO_ROLE.get(ref.sector or "", "")
    if ref.country:
        return ref.country + role
    if role in ("IGO", "NGO"):
        return role
    return "---" + role


def plover_actor(ref: ActorRef, entry: Entry | None = None,
                 entries: dict[str, Entry] | None = None) -> dict:
    """{"code": ISO3 | IGO | NGO | None, "sector": ...} as in PLOVER records."""
    if entry is not None and entry.kind == "person" and entries:
        entry = _role_org(ref, entry, entries) or entry
    if ref.country:
        return {"code": ref.country, "sector": ref.sector}
    body = (entry.cameo or "")[:3] if entry is not None else ""
    if ref.sector in ("IGO", "NGO"):
        return {"code": ref.sector, "sector": None}
    if body in ("IGO", "NGO"):
        return {"code": body, "sector": ref.sector}
    return {"code": None, "sector": ref.sector}
