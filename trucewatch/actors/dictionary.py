"""The actor dictionary: loaded entries, their alias index, and the questions asked of them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from trucewatch.actors.index import AliasIndex
from trucewatch.actors.loader import load_entries
from trucewatch.actors.resolve import as_date, resolve_phrase
from trucewatch.actors.schema import Entry
from trucewatch.actors.text import ARTICLES
from trucewatch.records import ActorRef


class ActorDictionary:
    """Built once (it reads and indexes every data file); every look-up after that is cheap."""

    def __init__(self, extra_paths: list[Path] | None = None, *, use_env: bool = True):
        loaded = load_entries(extra_paths, use_env=use_env)
        self.entries: dict[str, Entry] = {item.entry.id: item.entry for item in loaded}
        self.index = AliasIndex(loaded)
        self.country_names = {e.id: e.name for e in self.entries.values() if e.kind == "country"}
        self.by_name: dict[str, Entry] = {}
        for entry in self.entries.values():
            if entry.name:
                self.by_name.setdefault(entry.name, entry)

    def resolve(self, text: str, on: date | str | None = None, *,
                implied_country: str | None = None) -> ActorRef | None:
        if not text or not text.strip():
            return None
        return resolve_phrase(self.index, text, as_date(on), implied_country, self.country_names)

    def resolve_all(self, text: str, on: date | str | None = None, *,
                    implied_country: str | None = None) -> list[ActorRef]:
        """One reference per coordinated actor: "Syrian and Russian warplanes" gives two."""
        from trucewatch.actors.conjuncts import split_conjuncts

        refs = []
        for written, phrase in split_conjuncts(text, self.index):
            ref = self.resolve(phrase, on, implied_country=implied_country)
            if ref is not None:
                refs.append(ref.model_copy(update={"text": written}))
        return refs

    def lookup_country(self, text: str) -> str | None:
        """ISO3 when the whole text is a country's name or demonym ("Syrian", "the US")."""
        tokens, hits = self.index.scan(text)
        words = [t for t in tokens if t.key not in ARTICLES]
        if len(hits) != 1 or hits[0].last - hits[0].first != len(words):
            return None
        for candidate in hits[0].candidates:
            if candidate.entry.kind == "country" and candidate.how in ("alias", "demonym"):
                return candidate.entry.id
        return None

    def whole_name(self, text: str) -> Entry | None:
        """The actor whose name or alias is the whole text ("Islamic State of Iraq and the Levant"),
        if any: a name the tagger cut in two is still one actor's."""
        tokens, hits = self.index.scan(text)
        first = next((i for i, t in enumerate(tokens) if t.key not in ARTICLES), len(tokens))
        if len(hits) != 1 or hits[0].first != first or hits[0].last != len(tokens):
            return None
        return next((c.entry for c in hits[0].candidates if c.how == "alias"), None)

    def entry_for(self, ref: ActorRef) -> Entry | None:
        """The dictionary entry behind a resolved reference (by its resolved name)."""
        return self.by_name.get(ref.name) if ref.name else None

    def __len__(self) -> int:
        return len(self.entries)
