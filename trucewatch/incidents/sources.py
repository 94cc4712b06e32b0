"""Independent-source counting: copies of one story (wire copy, republished text) count once.

Documents are grouped when they come from the same outlet or when their word-shingle MinHash
signatures estimate a Jaccard similarity at or above the configured threshold.
"""
from __future__ import annotations

import re
from datetime import date

from datasketch import MinHash

from trucewatch.records import Document

from .families import tolerances

_WORD = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 64
_PROTOTYPE = MinHash(num_perm=NUM_PERM, seed=7)


def shingles(text: str, size: int = 3) -> set[str]:
    """Word n-grams of the lower-cased text (the whole text if shorter than n words)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


class SignatureCache:
    """MinHash signatures per document id, computed once and only for documents that need one."""

    def __init__(self) -> None:
        self._signatures: dict[str, MinHash] = {}

    def signature(self, document: Document) -> MinHash:
        sig = self._signatures.get(document.id)
        if sig is None:
            sig = _PROTOTYPE.copy()  # shares the permutations: building them is the slow part
            grams = shingles(document.text)
            if grams:
                sig.update_batch([g.encode("utf-8") for g in grams])
            self._signatures[document.id] = sig
        return sig

    def similarity(self, a: Document, b: Document) -> float:
        if a.id == b.id:
            return 1.0
        return float(self.signature(a).jaccard(self.signature(b)))


def source_clusters(documents: list[Document], cache: SignatureCache | None = None) -> dict[str, int]:
    """Document id -> cluster number; one cluster per independent source."""
    threshold = float(tolerances()["near_duplicate_jaccard"])
    cache = cache or SignatureCache()
    docs = sorted({d.id: d for d in documents}.values(), key=lambda d: (d.published or date.max, d.id))
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if find(i) == find(j):
                continue
            same_outlet = docs[i].source and docs[i].source.casefold() == (docs[j].source or "").casefold()
            if same_outlet or cache.similarity(docs[i], docs[j]) >= threshold:
                parent[find(j)] = find(i)
    roots: dict[int, int] = {}
    return {d.id: roots.setdefault(find(i), len(roots)) for i, d in enumerate(docs)}


def estimated_jaccard(a: str, b: str) -> float:
    """Convenience for tests and tuning: MinHash similarity of two texts."""
    cache = SignatureCache()
    return cache.similarity(Document.from_text(a), Document.from_text(b))


