"""Data in reports is text, never markup or a script: links only to http(s), Markdown escaped.

Report fields come from strangers: an outlet's `og:site_name`, a document's `url`, claimants'
words, a truce's name. HTML autoescaping keeps tags out of the HTML report, but a `javascript:`
or `data:` URL in an href still runs when clicked (browsers even strip the leading blanks of
" \\tjavascript:"). Markdown has no autoescaping at all, and renderers with raw HTML on would run
a `<img onerror=...>`. So: `web_link` decides what may become a link, and `md_text` escapes
every Markdown expression (the template's `finalize`), the way autoescape does for HTML.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

LINK_SCHEMES = ("http", "https")
# What a browser drops from a URL before reading it: C0 controls and spaces at either end,
# tabs and newlines anywhere (so "java\tscript:" is "javascript:").
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_INNER = re.compile("[\t\n\r]")
# Characters that mean something to Markdown (or to HTML inside it) wherever they stand.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_BLANKS = re.compile(r"\s+")  # newlines too: a field must not start a Markdown block


def web_link(url: str | None) -> str | None:
    """The URL as a browser would read it, when that is an http(s) URL with a host; else None
    (the URL is then shown as text, not linked)."""
    if not url:
        return None
    cleaned = _URL_INNER.sub("", url.strip(_URL_EDGES))
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return cleaned


def md_text(value: object) -> object:
    """One Markdown expression's value as literal text: on one line, HTML's < > & as entities,
    Markdown's own marks backslash-escaped. `Markup` values (already escaped) pass unchanged."""
    if isinstance(value, Markup) or value is None or isinstance(value, (int, float)):
        return value
    text = _MD_SPECIAL.sub(r"\\\1", _BLANKS.sub(" ", str(value)))
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def md_autolink(url: str | None) -> Markup | None:
    """An http(s) URL as a Markdown autolink `<...>`, or None; characters an autolink cannot
    hold (spaces, < >) are percent-encoded."""
    link = web_link(url)
    if link is None:
        return None
    return Markup(f"<{quote(link, safe=_URL_SAFE)}>")
