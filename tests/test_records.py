from datetime import date

from trucewatch.records import Document, Extraction, normalise_text, text_id


def test_same_text_with_other_line_endings_has_same_id():
    assert text_id("Shelling hit the market.\r\nTwo died.  ") == text_id("Shelling hit the market.\nTwo died.")


def test_document_contract_has_only_contract_fields():
    doc = Document.from_text(" A report. ", ref="r1", published=date(2016, 3, 2), source="Wire")
    assert doc.text == "A report."
    assert doc.contract() == {
        "id": text_id("A report."), "ref": "r1", "title": None, "published": "2016-03-02",
        "source": "Wire", "url": None, "language": "en",
    }
    assert Extraction(document=doc).contract()["events"] == []


def test_normalise_keeps_inner_text():
    assert normalise_text("a\r\n\r\nb") == "a\n\nb"
