"""What the user named, expanded into single inputs: files (directories walked in sorted
order, hidden entries skipped), URLs and `-` for standard input."""
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
    kind: str  # "file" | "url" | "stdin" | "missing"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand(paths: Iterable[str | os.PathLike]) -> list[Input]:
    """One Input per file, URL or stdin, in the order given; directories recursively, sorted."""
    inputs: list[Input] = []
    for raw in paths:
        name = os.fspath(raw)
        if name == STDIN:
            inputs.append(Input(STDIN, "stdin"))
        elif is_url(name):
            inputs.append(Input(name, "url"))
        elif os.path.isdir(name):
            root = Path(name)
            for path in sorted(root.rglob("*")):
                if path.is_file() and not _hidden(path, root):
                    inputs.append(Input(str(path), "file"))
        elif os.path.isfile(name):
            inputs.append(Input(name, "file"))
        else:
            inputs.append(Input(name, "missing"))
    return inputs
