"""The hostile-input corpus of issue 15, ingested whole through the CLI on SQLite and PostgreSQL:
every class of the issue plus what already held (binary, empty, zip and gzip files, a gzip bomb,
UTF-16, billion-laughs and XXE feeds, two ingests at once). Each bad input is named with its
reason, the exit status is 1, every good input is stored exactly once, nothing is a traceback,
and the database still serves check, report and export afterwards."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from trucewatch.store import open_store

SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT"
GOOD_REPORT = "Shells struck the market in Hama on Monday, residents said."
TRUCE = """name: Corpus truce [/b]
parties: [SYR]
area: {places: [{name: Hama, lat: 35.13, lon: 36.75}], buffer_km: 30}
start: 2016-03-01T00:00
end: 2016-03-31T23:59
prohibited: [air_strike, shelling]
"""


def _rows(*rows) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def write_corpus(root: Path) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """The corpus files; returns {input name: words its error line must hold} and the refs of
    the good documents."""
    root.mkdir()
    bad: dict[str, tuple[str, ...]] = {}
    good: set[str] = set()

    def file(name: str, data: str | bytes, *reason: str, refs: tuple[str, ...] = ()) -> Path:
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if reason:
            bad[name] = reason
        good.update(refs or ((str(path),) if not reason else ()))
        return path

    file("a_dated.txt", f"date 2016-03-07\n{GOOD_REPORT}")
    file("b_plain.txt", "Gunmen attacked a checkpoint near Idlib overnight, a monitor reported.")
    file("c_utf16.txt", "date 2016-03-08\nRockets landed near Homs on Tuesday.".encode("utf-16"))
    file("d_latin1.txt", "Le café de la rue a été touché par un obus à Hama, selon les témoins.".encode("latin-1"))
    file("e_page.html", '<html><head><meta property="og:site_name" content="Wire [/b] <script>x</script>">'
                        '<title>T</title></head><body><article><p>Mortar rounds fell on the northern quarter '
                        "of Aleppo on Sunday, according to residents who spoke to the monitor.</p></article>"
                        "</body></html>")
    file("f_rows.jsonl", _rows(
        {"id": "row-good-1", "text": "Jets struck Idlib on Tuesday.", "published": "2016-03-08"},
        '{"id": "row-surrogate", "text": "bad \\ud800 escape"}',
        "[" * 50_000 + "]" * 50_000,
        '{"id": ' + "7" * 4400 + ', "text": "x"}',
        {"id": "row-future", "text": "Shelling hit Hama.", "published": "9999-12-31"},
        {"id": "row-nul", "text": "\x00\x00", "published": "2016-03-08"},
        {"id": "row-markup", "title": "Bad [/b] \x1b]52;c;eA==\x07 title", "source": "=HYPERLINK(\"x\")",
         "text": "Rebels shelled a checkpoint near Hama on Tuesday.", "published": "2016-03-08"},
        {"id": "row-good-2", "text": "A convoy was turned back near Daraa.", "published": "2016-03-09"},
    ), "f_rows.jsonl:2:", refs=("row-good-1", "row-markup", "row-good-2"))
    for line, why in ((2, "surrogate"), (3, "nested"), (4, "digits"), (5, "outside the publication dates"),
                      (6, "empty report")):
        bad[f"f_rows.jsonl:{line}:"] = (why,)
    file("g_sheet.csv", "id,text,published,source\n"
                        "c1,Shelling hit Hama on Monday.,2016-03-07,@SUM(1)\n"
                        f"c2,\"Jets struck Idlib. {'y' * 140_000}\",2016-03-07,Wire\n"
                        'c3,"broken" quote,2016-03-07,Wire\n'
                        "c4,Mortars fell on Daraa.,2016-03-09,-2+3\n", refs=("c1", "c2", "c4"))
    bad["g_sheet.csv:4:"] = ("malformed CSV row",)
    file("h_feed.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                       "<item><title>A</title><link>http://example.org/a</link><pubDate>Mon, 07 Mar 2016 "
                       "10:00:00 GMT</pubDate><description>Artillery hit Kafr Zita on Monday.</description></item>"
                       "<item><title>B</title><link>http://example.org/b</link><pubDate>Fri, 31 Dec 9999 "
                       "10:00:00 GMT</pubDate><description>Jets struck Idlib.</description></item>"
                       "</channel></rss>", refs=("http://example.org/a",))
    bad["http://example.org/b:"] = ("outside the publication dates",)
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    good.add(str(root / "secret.txt"))  # a plain report in its own right; the XXE must not copy it
    file("i_xxe.rss", f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{root}/secret.txt">]>'
                      '<rss version="2.0"><channel><title>X</title><item><title>t</title><link>http://example.org/x'
                      "</link><description>Shelling &x; hit Hama.</description></item></channel></rss>",
         refs=("http://example.org/x",))
    laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
              '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
              '<rss version="2.0"><channel><title>L</title><item><title>&h;</title><description>&h;'
              "</description></item></channel></rss>")
    laughs_path = root / "j_laughs.rss"  # held before: named, or stored small; never expanded
    laughs_path.write_text(laughs, encoding="utf-8")
    file("k_binary.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary")
    file("l_empty.txt", b"", "empty")
    file("m_blank.txt", b" \n\t \n", "empty")
    file("n_bom_only.txt", b"\xef\xbb\xbf \n", "empty")
    with zipfile.ZipFile(root / "o_archive.zip", "w") as archive:
        archive.writestr("inside.txt", GOOD_REPORT)
    bad["o_archive.zip"] = ("binary",)
    file("p_compressed.txt.gz", gzip.compress(GOOD_REPORT.encode()), "binary")
    file("q_bomb.gz", gzip.compress(b"\0" * 20_000_000, compresslevel=9), "binary")
    file("r_deep.json", "[" * 100_000 + "]" * 100_000, "nested")
    os.mkfifo(root / "s_pipe.txt")
    bad["s_pipe.txt"] = ("not a regular file",)
    (root / "t_gone.txt").symlink_to(root / "nowhere")
    bad["t_gone.txt"] = ("symbolic link",)
    file("u_escape\x1b[2J.txt", b"\x00\x1b[2J\x07binary", "binary")
    bad["u_escape\\x1b[2J.txt"] = bad.pop("u_escape\x1b[2J.txt")
    return bad, good, laughs_path


def _ingest(url: str, root: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("TRUCEWATCH_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "trucewatch", "ingest", str(root), "--no-extract", "--db", url],
                          cwd=cwd, capture_output=True, env=env, timeout=300)


def _stored(url: str) -> list:
    with open_store(url) as store:
        return list(store.documents())


def test_the_corpus_on_each_store(store_url, tmp_path, hostile):
    root = tmp_path / "corpus"
    bad, good, laughs = write_corpus(root)
    done = _ingest(store_url, root, tmp_path)
    err = hostile.assert_named_failure(done)
    lines = err.splitlines()
    for name, words in bad.items():
        line = next((line for line in lines if name in line), None)
        assert line is not None, f"{name} not named:\n{err}"
        assert all(word in line for word in words), (name, words, line)
    assert "\x1b" not in err and "\x07" not in err
    documents = _stored(store_url)
    refs = [d.ref or d.path for d in documents]
    assert good <= set(refs), good - set(refs)
    assert len(refs) == len(set(refs)) and len({d.id for d in documents}) == len(documents)
    assert not any(SECRET in d.text for d in documents if d.ref != str(root / "secret.txt"))
    assert not any(len(d.text) > 100_000 and "lol" * 1000 in d.text for d in documents)  # no laughs expanded
    assert f"{laughs.name}" in err or any(d.path == str(laughs) for d in documents)
    if store_url.startswith("sqlite"):
        assert hostile.sqlite_is_sound(Path(store_url.removeprefix("sqlite:///")))
    again = _ingest(store_url, root, tmp_path)
    out_again = hostile.text_of(again)[0]
    assert out_again.startswith(f"0 new, {len(documents)} skipped"), out_again
    assert len(_stored(store_url)) == len(documents)
    (tmp_path / "truce.yaml").write_text(TRUCE, encoding="utf-8")
    for args in (["check", "truce.yaml"], ["report", "truce.yaml", "--from", "2016-03-01", "--to", "2016-03-31",
                                           "--out", "r.html"],
                 ["export", "--format", "csv", "--out", "e.csv"], ["list", "documents"]):
        after = hostile.run_cli(*args, "--db", store_url, cwd=tmp_path)
        hostile.assert_no_bug(after)
        assert after.returncode == 0, (args, hostile.text_of(after))


def test_two_ingests_of_the_corpus_at_once(store_url, tmp_path, hostile):
    root = tmp_path / "corpus"
    bad, good, _ = write_corpus(root)
    env = {**os.environ}
    env.pop("TRUCEWATCH_DEBUG", None)
    runs = [subprocess.Popen([sys.executable, "-m", "trucewatch", "ingest", str(root), "--no-extract", "--db",
                              store_url], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        text = (out + err).decode("utf-8", "replace")
        assert run.returncode == 1 and "Traceback" not in text and "unexpected" not in text, text
        assert "locked" not in text, text
    documents = _stored(store_url)
    refs = [d.ref or d.path for d in documents]
    assert good <= set(refs) and len(refs) == len(set(refs))
    news = sum(int(out.decode().split()[0]) for out, _ in outputs)
    assert news == len(documents)  # each document stored by exactly one of the two
