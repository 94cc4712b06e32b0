"""Who changed what: the append-only audit log and per-record versions (optimistic concurrency,
review status, tombstones for sync). Plain functions over a Store; the CLI and the server share them.

    from trucewatch.audit import Actor, history
    for entry in history(store, "truce", "demo-truce"):
        print(entry.at, entry.user_name, entry.action, entry.before, "->", entry.after, entry.reason)
"""
from .log import Actor, AuditEntry, append, history, recent
from .versions import StaleEdit, deleted_since, digest_of, review_statuses

__all__ = ["Actor", "AuditEntry", "append", "history", "recent", "StaleEdit", "deleted_since",
           "digest_of", "review_statuses"]
