"""Turn a group of mentions into a finished Incident: id, bounds, sources, grades, casualties."""
from __future__ import annotations

from .attribution import act_dispute, attesting_sources, grade_parties, unidentified_actors
from .casualties import casualty_range
from .families import family_of
from .fusion import best_location, summary_type, time_bounds
from .model import Incident, Mention, incident_id_for
from .sources import SignatureCache, source_clusters


def assemble(mentions: list[Mention], cache: SignatureCache, *, manual: bool = False) -> Incident:
    mentions = sorted(mentions, key=Mention.sort_key)
    act_type = summary_type(mentions)
    start, end, precision = time_bounds(mentions)
    statuses = {m.event.status for m in mentions}
    status = "occurred" if "occurred" in statuses else sorted(statuses)[0]
    clusters = source_clusters([m.document for m in mentions], cache) if len(mentions) > 1 else \
        {mentions[0].document.id: 0}
    parties = grade_parties(mentions, clusters)
    independent = len(set(clusters.values()))
    disputes = act_dispute(mentions, {p.party for p in parties}, attesting_sources(mentions, clusters))
    return Incident(
        id=incident_id_for(mentions[0]),
        family=family_of(act_type),
        type=act_type,
        status=status,
        start=start,
        end=end,
        time_precision=precision,
        location=best_location(mentions),
        mentions=mentions,
        types=sorted({m.event.type for m in mentions}),
        independent_sources=independent,
        source_clusters=clusters,
        parties=parties,
        unidentified_actors=unidentified_actors(mentions),
        act_disputed=bool(disputes),
        act_dispute_reasons=disputes,
        fatalities=casualty_range(mentions, clusters, "fatalities"),
        injured=casualty_range(mentions, clusters, "injured"),
        manual=manual,
    )

