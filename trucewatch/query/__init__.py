"""Reading the record for the server: filtered, paged lists of incidents, events, documents and
findings, map clusters and timelines. Plain functions over a Store: no HTTP here, and no SQL
anywhere else in the server.

    from trucewatch.query import parse_filters, list_incidents
    page = list_incidents(store, parse_filters({"country": "SYR", "verdict": "violation"}), limit=20)
    page.items, page.next_cursor, page.total
"""
from .base import Page
from .clusters import map_clusters
from .documents import get_document, list_documents
from .events import get_event, list_events
from .filters import FilterError, Filters, parse_filters
from .findings import list_findings
from .incidents import incident_findings, incident_summary, list_incidents
from .timeline import timeline

__all__ = ["Page", "FilterError", "Filters", "parse_filters", "list_incidents", "incident_summary",
           "incident_findings", "list_events", "get_event", "list_documents", "get_document",
           "list_findings", "map_clusters", "timeline"]
