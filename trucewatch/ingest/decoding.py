"""Bytes to text: UTF-8 first, then a confident guess, else a named refusal.

Reports arrive from many tools; most are UTF-8, some are legacy Windows/Latin-1 files. We keep
the ones we can decode with confidence and say which encoding we used, and refuse the rest
rather than store mojibake that would poison hashing and extraction.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from trucewatch.errors import InputError

# How much of a file we look at to decide whether it is binary.
SNIFF_BYTES = 8192
# Single-byte Western encodings charset-normalizer often cannot tell apart on short text;
# among equally good candidates we prefer the one most Western text is really written in.
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str

    @property
    def guessed(self) -> bool:
        """True when the bytes were not UTF-8 and the encoding had to be detected."""
        return self.encoding not in ("utf-8", "utf-8-sig", "ascii")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes near the start mean the file is not text."""
    head = data[:SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode a whole input, raising InputError naming `source` when it is not text."""
    if not data.strip():
        raise InputError(source, "empty input (no text)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                raise InputError(source, f"undecodable bytes: starts with a {encoding} mark "
                                         f"but is not valid {encoding}") from None
    if looks_binary(data):
        raise InputError(source, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not text.strip():
            raise InputError(source, "empty input (only blank characters)")
        return Decoded(text, "utf-8")
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            source, "undecodable bytes: neither UTF-8 nor an encoding that can be detected with confidence"
        )
    equally_good = [m.encoding for m in matches if m.chaos <= best.chaos + 0.01]
    encoding = next((e for e in PREFERRED_LEGACY if e in equally_good), best.encoding)
    text = data.decode(encoding)
    if not text.strip():  # e.g. two bytes that Big5 reads as an ideographic space
        raise InputError(source, f"empty input (only blank characters, read as {encoding})")
    return Decoded(text, encoding)
