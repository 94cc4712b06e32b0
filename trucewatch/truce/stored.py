"""Truce terms in the database: create, edit (versioned, audited), list, and the record `check`
leaves of which terms it used.

Terms arrive as YAML text (a file, or a form) or as a mapping (the API) and pass exactly the
validation `load_truce` applies to a file, plus the area check `trucewatch check` would make
later (every area place must resolve), so a stored truce can always be checked. Over the server,
an area given as a GeoJSON *file path* is refused: a web request must not make the server read
its own files.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
import yaml

from trucewatch.audit import versions
from trucewatch.audit.log import Actor, append, now, writing
from trucewatch.audit.versions import as_utc
from trucewatch.errors import ConfigError, Conflict, NotFound, TruceWatchError

from .area import build_area
from .tables import truces
from .terms import TruceTerms, parse_truce, parse_truce_text

KIND = "truce"
MAX_TEXT = 100_000


@dataclass(frozen=True)
class StoredTruce:
    id: str
    name: str
    terms: dict
    text: str
    source: str | None
    created_at: datetime
    updated_at: datetime
    last_checked_at: datetime | None
    checked_version: int | None
    version: int

    def parsed(self) -> TruceTerms:
        """The terms as the checker takes them."""
        return parse_truce(dict(self.terms), f"<stored truce {self.name}>")

    @property
    def findings_current(self) -> bool:
        """Whether the stored findings were made with these terms."""
        return self.checked_version == self.version

    def as_dict(self) -> dict:
        def iso(moment):
            return moment.isoformat() if moment else None
        return {"id": self.id, "name": self.name, "version": self.version, "terms": self.terms,
                "yaml": self.text, "source": self.source, "created_at": iso(self.created_at),
                "updated_at": iso(self.updated_at), "last_checked_at": iso(self.last_checked_at),
                "checked_version": self.checked_version, "findings_current": self.findings_current}


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return text[:60] or "truce"


def terms_json(terms: TruceTerms) -> dict:
    return terms.model_dump(mode="json", exclude={"source_file"})


def validate(text: str | None = None, data: dict | None = None, *, source: str,
             allow_files: bool = False) -> tuple[TruceTerms, str]:
    """(terms, YAML text) from YAML text or a mapping; ConfigError naming the field and reason."""
    if (text is None) == (data is None):
        raise TruceWatchError("Give the truce terms either as YAML text or as a mapping of fields, not both.")
    if text is not None:
        if len(text) > MAX_TEXT:
            raise ConfigError(f"{source}: truce terms may be at most {MAX_TEXT:,} characters long")
        terms = parse_truce_text(text, source)
    else:
        terms = parse_truce(data, source)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if terms.area.geojson and not allow_files:
        raise ConfigError(f"{source}: field 'area.geojson': a file path cannot be given here; "
                          "describe the area with `places` (names, or names with lat and lon)")
    build_area(terms)  # every place must resolve now, not at the first check
    return terms, text


def _stored(connection: sa.Connection, row) -> StoredTruce:
    info = versions.current(connection, KIND, row.id)
    return StoredTruce(row.id, row.name, dict(row.terms), row.text, row.source, as_utc(row.created_at),
                       as_utc(row.updated_at), as_utc(row.last_checked_at), row.checked_version,
                       info.version if info else 1)


def _row(connection: sa.Connection, id_or_name: str):
    return connection.execute(sa.select(truces).where(
        sa.or_(truces.c.id == id_or_name, truces.c.name == id_or_name))).first()


def find_truce(store, id_or_name: str) -> StoredTruce | None:
    with store.engine.connect() as connection:
        row = _row(connection, id_or_name)
        return _stored(connection, row) if row else None


def get_truce(store, id_or_name: str) -> StoredTruce:
    found = find_truce(store, id_or_name)
    if found is None:
        raise NotFound(f"There is no truce '{id_or_name}'.")
    return found


def list_truces(store) -> list[StoredTruce]:
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(truces).order_by(truces.c.name))
        return [_stored(connection, row) for row in rows]


def default_truce(store) -> StoredTruce | None:
    """The truce checked most recently (the one a dashboard shows verdicts for by default)."""
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(truces).order_by(
            truces.c.last_checked_at.is_(None), truces.c.last_checked_at.desc(), truces.c.name).limit(1)).first()
        return _stored(connection, row) if row else None


def _free_id(connection: sa.Connection, name: str) -> str:
    base = slug(name)
    candidate, n = base, 1
    while connection.execute(sa.select(truces.c.id).where(truces.c.id == candidate)).first():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create_truce(store, *, text: str | None = None, data: dict | None = None, actor: Actor,
                 reason: str | None = None, source: str | None = None, allow_files: bool = False) -> StoredTruce:
    """Store new terms; Conflict when a truce of that name exists."""
    terms, text = validate(text, data, source=source or "truce terms", allow_files=allow_files)
    at = now()
    with store.transaction() as connection:
        if _row(connection, terms.name) is not None:
            raise Conflict(f"A truce named '{terms.name}' exists already; edit it instead.")
        truce_id = _free_id(connection, terms.name)
        connection.execute(truces.insert().values(
            id=truce_id, name=terms.name, terms=terms_json(terms), text=text, source=source,
            created_at=at, updated_at=at, last_checked_at=None, checked_version=None))
        version = versions.create(connection, KIND, truce_id, actor.name, at)
        append(connection, actor, "create", KIND, truce_id, after={"yaml": text}, reason=reason, version=version)
        return _stored(connection, _row(connection, truce_id))


def update_truce(store, truce_id: str, *, version: int | None, actor: Actor, text: str | None = None,
                 data: dict | None = None, reason: str | None = None, source: str | None = None,
                 allow_files: bool = False) -> StoredTruce:
    """Replace a truce's terms if it is still at `version`; the name cannot change (findings are
    filed under it). StaleEdit when somebody else changed it first."""
    current = get_truce(store, truce_id)
    terms, text = validate(text, data, source=source or f"truce '{current.name}'", allow_files=allow_files)
    if terms.name != current.name:
        raise ConfigError(f"field 'name': a truce keeps its name ('{current.name}'); create a new truce "
                          "to use another name")
    at = now()
    with store.transaction() as connection:
        new_version = versions.bump(connection, store, KIND, current.id, version, actor.name, at)
        connection.execute(truces.update().where(truces.c.id == current.id).values(
            terms=terms_json(terms), text=text, source=source, updated_at=at))
        append(connection, actor, "update", KIND, current.id, before={"yaml": current.text},
               after={"yaml": text}, reason=reason, version=new_version)
        return _stored(connection, _row(connection, current.id))


def record_check(store, terms: TruceTerms, *, actor: Actor | None = None) -> StoredTruce:
    """After `check`: the terms it used are stored (created, or updated when a file changed them;
    the file is what the command was told to use) and marked as the ones the findings came from."""
    actor = actor or Actor.command_line()
    source = terms.source_file if terms.source_file and not terms.source_file.startswith("<") else None
    text = None
    if source:
        try:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            text = None
    text = text or yaml.safe_dump(terms_json(terms), sort_keys=False, allow_unicode=True)
    at = now()
    with writing(store) as connection:
        truces.create(connection, checkfirst=True)  # a bare engine stand-in may lack it
        row = _row(connection, terms.name)
        if row is None:
            truce_id = _free_id(connection, terms.name)
            connection.execute(truces.insert().values(
                id=truce_id, name=terms.name, terms=terms_json(terms), text=text, source=source,
                created_at=at, updated_at=at, last_checked_at=None, checked_version=None))
            version = versions.create(connection, KIND, truce_id, actor.name, at)
            append(connection, actor, "create", KIND, truce_id, after={"yaml": text},
                   reason=f"checked from {source}" if source else "checked", version=version)
        else:
            truce_id = row.id
            if dict(row.terms) != terms_json(terms):
                version = versions.bump(connection, store, KIND, truce_id, None, actor.name, at)
                connection.execute(truces.update().where(truces.c.id == truce_id).values(
                    terms=terms_json(terms), text=text, source=source, updated_at=at))
                append(connection, actor, "update", KIND, truce_id, before={"yaml": row.text},
                       after={"yaml": text}, reason=f"checked from {source}" if source else "checked",
                       version=version)
        version = versions.current(connection, KIND, truce_id).version
        connection.execute(truces.update().where(truces.c.id == truce_id).values(
            last_checked_at=at, checked_version=version))
        append(connection, actor, "check", KIND, truce_id, after={"checked_version": version})
        return _stored(connection, _row(connection, truce_id))
