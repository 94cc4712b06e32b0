"""Writing output files (`--out`) without destroying anything on the way.

`export --out trucewatch.db` used to overwrite the live database, and a failed write left half
a file. So: `check_target` refuses the database in use (always) and an existing file that is
not of the output's kind (unless forced), and `atomic_output` writes a temporary file beside the
target and renames it over the target only when the writing succeeded.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from trucewatch.errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
SNIFF_BYTES = 4096
SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut by the sniff window is still text
    return True


def _html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return _is_text(head) and (start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:1024])


def _json_object(head: bytes) -> bool:
    return _is_text(head) and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


# What an existing file must look like to be overwritten without --force, per output kind.
KINDS = {
    "html": ("an HTML file", _html),
    "md": ("a text file", _is_text),
    "csv": ("a text (CSV) file", _is_text),
    "jsonl": ("a JSON Lines file", _json_object),
    "geojson": ("a GeoJSON file", _json_object),
    "parquet": ("a Parquet file", lambda head: head.startswith(b"PAR1")),
}


def database_files(db_url: str | None) -> set[Path]:
    """The files of a SQLite database URL (main file, WAL, shared memory, journal); none for
    other databases."""
    if not db_url:
        return set()
    from sqlalchemy.engine import make_url

    try:
        url = make_url(db_url)
    except Exception:  # noqa: BLE001 - an unparsable URL names no file
        return set()
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return set()
    main = Path(url.database).expanduser().resolve()
    return {main.with_name(main.name + suffix) for suffix in SIDE_FILES}


def check_target(path: str | Path, kind: str, *, db_url: str | None = None, force: bool = False) -> None:
    """Raise InputError unless `path` may receive a `kind` output: never the database in use
    (nor its side files), never a folder, and an existing file of another kind only when forced."""
    target = Path(path)
    name = str(path)
    if target.is_dir():
        raise InputError(name, "is a folder; give a file name to write")
    if target.resolve() in database_files(db_url):
        raise InputError(name, f"is the database in use ({db_url}); writing there would destroy it — "
                               "choose another file")
    if force or not target.is_file() or target.stat().st_size == 0:
        return
    with open(target, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    what, looks_right = KINDS.get(kind, ("a text file", _is_text))
    if head.startswith(SQLITE_MAGIC):
        raise InputError(name, "is a SQLite database; refusing to overwrite it (use --force if you mean to)")
    if not looks_right(head):
        raise InputError(name, f"exists and is not {what}; refusing to overwrite it (use --force if you mean to)")


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed over `path` when the block succeeds,
    removed when it fails. A target that is not a regular file (/dev/stdout, a pipe) is
    written directly."""
    target = Path(path)
    if target.exists() and not target.is_file():
        yield target
        return
    if target.is_dir():
        raise InputError(str(path), "is a folder; give a file name to write")
    temporary = _temporary(target)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


@contextmanager
def atomic_output(path: str | Path, *, binary: bool = False) -> Iterator[IO]:
    """An open file (text UTF-8, or bytes) whose contents replace `path` only if the block succeeds."""
    with atomic_path(path) as temporary:
        if binary:
            with open(temporary, "wb") as handle:
                yield handle
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                yield handle
