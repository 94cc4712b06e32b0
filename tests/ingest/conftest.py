"""Fixtures for ingestion tests: a folder of reports written for these tests (no third-party text)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

# Invented reports about invented places; short so tests stay fast.
DATED = "date 2016-03-04 Shells struck the market in Testville on Thursday, the council said.\nTwo people were hurt.\n"
PLAIN = "Gunmen attacked a checkpoint near Sampletown overnight, a local monitor reported.\n"
JSONL_ROWS = [
    {"id": "wire-1", "text": "An air strike hit a bakery in Exampleburg on Monday.", "published": "2016-03-01", "source": "Wire A"},
    {"id": "wire-2", "text": "Rockets landed near the school in Demoville on Tuesday.", "published": "2016-03-02", "source": "Wire A"},
]
CSV_TEXT = (
    "id,text,published,source,title\n"
    'sheet-1,"Clashes broke out in Mocktown on Friday, witnesses said.",2016-03-05,Wire B,Clashes\n'
    'sheet-2,"Shelling resumed, ""heavy"" at times, in Testville.",2016-03-06,Wire B,Shelling\n'
)
HTML_PAGE = (
    "<html><head><title>Mortars in Sampletown</title>"
    '<meta property="article:published_time" content="2016-03-07T09:30:00Z">'
    '<meta property="og:site_name" content="Example Monitor"></head><body><nav>Home | About</nav>'
    "<article><h1>Mortars in Sampletown</h1><p>Mortar rounds fell on the northern quarter of "
    "Sampletown on Sunday, according to residents who spoke to the monitor by telephone.</p>"
    "<p>The residents said the rounds came from the hills to the west.</p></article>"
    "<footer>Contact</footer></body></html>"
)
LATIN1 = "Le caf\u00e9 de la rue a \u00e9t\u00e9 touch\u00e9 par un obus, selon les t\u00e9moins \u00e0 Testville.\n"

GOOD_COUNT = 8  # dated, plain, 2 jsonl rows, 2 csv rows, html, latin-1


def write_mixed_folder(root: Path) -> dict[str, Path]:
    """Good reports of every kind plus each kind of bad input, with the names tests look for."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "dated": root / "a_dated.txt",
        "plain": root / "b_plain.txt",
        "jsonl": root / "c_wire.jsonl",
        "csv": root / "d_sheet.csv",
        "html": root / "e_page.html",
        "latin1": root / "f_latin1.txt",
        "binary": root / "g_image.png",
        "empty": root / "h_empty.txt",
        "duplicate": root / "sub" / "i_copy.txt",
        "bad_date": root / "j_bad_date.txt",
    }
    files["dated"].write_text(DATED, encoding="utf-8")
    files["plain"].write_text(PLAIN, encoding="utf-8")
    lines = [json.dumps(JSONL_ROWS[0]), '{"id": "wire-broken", "text": "unterminated', json.dumps(JSONL_ROWS[1])]
    files["jsonl"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["csv"].write_text(CSV_TEXT, encoding="utf-8")
    files["html"].write_text(HTML_PAGE, encoding="utf-8")
    files["latin1"].write_bytes(LATIN1.encode("latin-1"))
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["empty"].write_bytes(b"")
    files["duplicate"].parent.mkdir()
    files["duplicate"].write_text(PLAIN, encoding="utf-8")
    files["bad_date"].write_text("date 2015-02-30 A report with an impossible date.\n", encoding="utf-8")
    return files


@pytest.fixture
def mixed_folder(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    root = tmp_path / "reports"
    return root, write_mixed_folder(root)


@pytest.fixture
def samples():
    """The sample texts above, for tests (conftest cannot be imported under importlib mode)."""
    import types

    return types.SimpleNamespace(DATED=DATED, PLAIN=PLAIN, JSONL_ROWS=JSONL_ROWS, CSV_TEXT=CSV_TEXT,
                                 HTML_PAGE=HTML_PAGE, LATIN1=LATIN1, GOOD_COUNT=GOOD_COUNT)
