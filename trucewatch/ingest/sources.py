"""What the user named, expanded into single inputs: files (directories walked in sorted
order, hidden entries skipped), URLs and `-` for standard input.

Entries that are not readable files are inputs too, so each is named rather than skipped in
silence: a dangling symbolic link, a FIFO (reading it would wait forever), a socket or device.
The database being written to is left out (`skip`), so `ingest .` does not read its own file.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


STDIN = "-"


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Input:
    name: str  # what errors call it
    kind: str  # "file" | "url" | "stdin" | "missing" | "broken-link" | "special"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _kind(path: Path) -> str:
    if path.is_file():
        return "file"
    if path.is_symlink() and not path.exists():
        return "broken-link"
    return "missing" if not path.exists() else "special"


def expand(paths: Iterable[str | os.PathLike], *, skip: Iterable[Path] = (),
           skipped: list[str] | None = None) -> list[Input]:
    """One Input per file, URL or stdin, in the order given; directories recursively, sorted.
    Files in `skip` (resolved paths: the database in use) are left out, their names added to
    `skipped`."""
    left_out = {Path(p) for p in skip}
    inputs: list[Input] = []

    def add(path: Path, name: str) -> None:
        if left_out and path.resolve() in left_out:
            if skipped is not None:
                skipped.append(name)
            return
        inputs.append(Input(name, _kind(path)))

    for raw in paths:
        name = os.fspath(raw)
        if name == STDIN:
            inputs.append(Input(STDIN, "stdin"))
        elif is_url(name):
            inputs.append(Input(name, "url"))
        elif os.path.isdir(name):
            root = Path(name)
            for path in sorted(root.rglob("*")):
                if not _hidden(path, root) and not path.is_dir():
                    add(path, str(path))
        else:
            add(Path(name), name)
    return inputs
