"""The ingest loop against a stand-in store (the real stores are exercised in test_cli.py)."""
from trucewatch.ingest import ingest


class MemoryStore:
    """Minimal `Store.add` contract: one call per batch, True for new ids."""

    def __init__(self):
        self.documents = {}
        self.batches = []

    def add(self, documents, extractions=None):
        self.batches.append(len(documents))
        flags = []
        for document in documents:
            flags.append(document.id not in self.documents)
            self.documents.setdefault(document.id, document)
        return flags


def test_ingest_counts_new_skipped_and_failed(mixed_folder, samples):
    root, files = mixed_folder
    store = MemoryStore()
    summary = ingest([root], store, extract=False, batch_size=3)
    assert (summary.new, summary.skipped, summary.failed) == (samples.GOOD_COUNT, 1, 4)
    assert summary.line() == f"{samples.GOOD_COUNT} new, 1 skipped, 4 failed"
    assert max(store.batches) <= 3
    assert {e.source for e in summary.errors} >= {str(files["binary"]), str(files["empty"])}
    assert summary.notes == [f"{files['latin1']}: not UTF-8; decoded as cp1252"]

    again = ingest([root], store, extract=False)
    assert (again.new, again.skipped, again.failed) == (0, samples.GOOD_COUNT + 1, 4)
    assert len(store.documents) == samples.GOOD_COUNT


def test_known_ids_spare_extraction(tmp_path):
    (tmp_path / "r.txt").write_text("Shells hit Testville.")

    class KnowsAll(MemoryStore):
        def known(self, ids):
            return set(ids)

    store = KnowsAll()
    summary = ingest([tmp_path], store, extract=True)
    assert (summary.new, summary.skipped) == (0, 1)
    assert store.batches == []  # nothing new, so neither extraction nor a write happened


def test_extractions_are_stored_with_their_documents(tmp_path, samples):
    (tmp_path / "a.txt").write_text(samples.DATED)
    (tmp_path / "b.txt").write_text(samples.PLAIN)
    calls = []

    class Recording(MemoryStore):
        def add(self, documents, extractions=None):
            calls.append((documents, extractions))
            return super().add(documents, extractions)

    summary = ingest([tmp_path], Recording(), workers=1)
    assert summary.new == 2
    [(documents, extractions)] = calls
    assert [e.document.id for e in extractions] == [d.id for d in documents]


def test_top_level_api_calls_ingest_even_after_the_package_is_imported(tmp_path):
    import trucewatch
    import trucewatch.ingest  # noqa: F401  (makes `trucewatch.ingest` the package)

    (tmp_path / "r.txt").write_text("Shells hit Testville.")
    summary = trucewatch.ingest([tmp_path], MemoryStore(), extract=False)
    assert summary.line() == "1 new, 0 skipped, 0 failed"
