import codecs

import pytest

from trucewatch.errors import InputError
from trucewatch.ingest.decoding import decode_bytes, looks_binary


def test_utf8_is_kept_as_is():
    decoded = decode_bytes("Frappe \u00e0 Testville".encode("utf-8"), "x.txt")
    assert decoded.text == "Frappe \u00e0 Testville"
    assert decoded.encoding == "utf-8" and not decoded.guessed


def test_latin1_is_detected_and_decoded():
    text = "Le caf\u00e9 a \u00e9t\u00e9 touch\u00e9 par un obus pr\u00e8s de la gare, selon les t\u00e9moins."
    decoded = decode_bytes(text.encode("latin-1"), "x.txt")
    assert decoded.text == text
    assert decoded.guessed


def test_utf16_with_mark_is_decoded():
    data = codecs.BOM_UTF16_LE + "Shelling in Testville".encode("utf-16-le")
    assert decode_bytes(data, "x.txt").text == "Shelling in Testville"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(128, 256)) * 3, "undecodable"),
])
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "bad.dat")
    assert caught.value.source == "bad.dat"
    assert reason in caught.value.reason


def test_control_bytes_mean_binary():
    assert looks_binary(bytes([1, 2, 3, 4, 5, 6]) * 100)
    assert not looks_binary(b"plain words\n" * 10)


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_a_named_refusal(data):
    try:
        decoded = decode_bytes(data, "any.bin")
    except InputError as exc:
        assert exc.source == "any.bin" and exc.reason
    else:
        assert isinstance(decoded.text, str) and decoded.text.strip()
