"""Reading the project's YAML data files with errors that name the file and the reason.

Lexicons, crosswalks and code tables are data a user may edit; a broken file must say which
file and what is wrong, not raise a parser traceback.
"""
from __future__ import annotations

import codecs
import stat
from importlib import resources
from pathlib import Path

import yaml

from trucewatch.errors import ConfigError, short_reason

# Files a user hands us (truce terms, area polygons, dictionary extensions) are read whole; no
# real one is near these sizes, and /dev/zero or a 60 MB YAML must fail at once, not after
# minutes and gigabytes.
MAX_DATA_BYTES = 50_000_000
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _size_text(n_bytes: int) -> str:
    return f"{n_bytes / 1_000_000:.1f} MB" if n_bytes >= 1_000_000 else f"{n_bytes / 1000:.1f} kB"


def read_user_text(path: str | Path, *, limit: int = MAX_DATA_BYTES, what: str = "file") -> str:
    """The text of a file a user names: a regular file, at most `limit` bytes, UTF-8 (or UTF-16/32
    with a byte-order mark); ConfigError naming the file and the reason otherwise."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: {what} is not a regular file (a device, pipe or folder)")
        if info.st_size > limit:
            raise ConfigError(f"{path}: {what} is {_size_text(info.st_size)}, over the size limit of "
                              f"{_size_text(limit)}")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {what} cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:  # it grew while we looked
        raise ConfigError(f"{path}: {what} is over the size limit of {_size_text(limit)}")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {what} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
                          f"{exc.start}); save it as UTF-8") from None


def read_yaml(path: str | Path, what: str):
    """The parsed YAML at `path`; `what` names the content for the error ("the act types")."""
    path = Path(path)
    text = read_user_text(path, what=f"the file of {what}")
    try:
        return yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise ConfigError(f"{path}: cannot read {what}: {short_reason(exc)}") from exc


def read_lexicon(package: str, relative: str) -> dict:
    """A packaged word-list file, checked: an unquoted "no" or "on" in a list becomes a boolean."""
    path = f"{package.replace('.', '/')}/{relative}"
    text = resources.files(package).joinpath(relative).read_text("utf-8")
    try:
        lexicon = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    for key, value in lexicon.items():
        if isinstance(value, list) and any(isinstance(item, bool) for item in value):
            raise ConfigError(f"{path}: the list '{key}' holds a true/false value; quote words "
                              f"such as \"on\" or \"no\".")
    return lexicon
