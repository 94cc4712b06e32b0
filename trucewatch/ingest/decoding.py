"""Bytes to text: UTF-8 first, then a confident guess, else a named refusal.

Reports arrive from many tools; most are UTF-8, some are legacy Windows/Latin-1 files. We keep
the ones we can decode with confidence and say which encoding we used, and refuse the rest
rather than store mojibake that would poison hashing and extraction.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer
from charset_normalizer.md import mess_ratio

from trucewatch.errors import InputError

# How much of a file we look at to decide whether it is binary.
SNIFF_BYTES = 8192
# Single-byte Western and Central European code pages. On short news text the detector cannot
# tell them apart (a Latin-1 report comes back as "cp1250"); when it proposes one of them and
# the bytes read as cleanly in cp1252, we use cp1252, the usual case for Western news.
WESTERN_CENTRAL = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "cp437", "cp775", "cp850", "cp852", "cp857", "cp858", "mac_roman",
    "mac_latin2", "mac_iceland", "mac_turkish", "hp_roman8",
})
PREFERRED_WESTERN = "cp1252"
# How much messier than the detector's choice the cp1252 reading may look and still win.
WESTERN_CHAOS_SLACK = 0.05
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

    replaced: int = 0  # invalid bytes of damaged UTF-8 written as U+FFFD

    @property
    def guessed(self) -> bool:
        """True when the bytes were not UTF-8 and the encoding had to be detected."""
        return self.encoding not in ("utf-8", "utf-8-sig", "ascii")

    def note(self) -> str | None:
        """What a user should hear about how the bytes were read, if anything."""
        if self.replaced:
            return f"not valid UTF-8: {self.replaced} damaged byte sequence(s) replaced by U+FFFD"
        if self.guessed:
            return f"not UTF-8; decoded as {self.encoding}"
        return None


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
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(source, f"undecodable bytes: starts with a {encoding} mark "
                                         f"but is not valid {encoding}") from None
            if not text.strip():  # a byte-order mark and nothing else (found by fuzzing)
                raise InputError(source, f"empty input (only a {encoding} byte-order mark and blanks)")
            return Decoded(text, encoding)
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
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(
            source, "undecodable bytes: neither UTF-8 nor an encoding that can be detected with confidence"
        )
    encoding, text = _prefer_western(data, best.encoding, best.chaos)
    if not text.strip():  # e.g. two bytes that Big5 reads as an ideographic space
        raise InputError(source, f"empty input (only blank characters, read as {encoding})")
    return Decoded(text, encoding)


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken sequences (a cut download, one bad byte), read as UTF-8 with the
    broken bytes as U+FFFD: a detector would call it cp1251 and turn every other accented or
    non-Latin letter into mojibake. None when the bytes do not look like UTF-8 at all."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    wide = sum(1 for character in text if ord(character) > 127 and character != "\ufffd")
    if broken <= 0 or wide < 2 * broken:
        return None
    return Decoded(text, "utf-8", replaced=broken)


def _prefer_western(data: bytes, proposed: str, chaos: float) -> tuple[str, str]:
    """(encoding, text): cp1252 instead of another Western/Central single-byte code page when
    the bytes decode in cp1252 and read about as cleanly; otherwise the detector's choice."""
    if proposed in WESTERN_CENTRAL and proposed != PREFERRED_WESTERN:
        try:
            western = data.decode(PREFERRED_WESTERN)
        except UnicodeDecodeError:
            pass
        else:
            if mess_ratio(western, maximum_threshold=1.0) <= chaos + WESTERN_CHAOS_SLACK:
                return PREFERRED_WESTERN, western
    return proposed, data.decode(proposed)
