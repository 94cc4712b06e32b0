"""Render report data as one self-contained HTML file or as Markdown."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from trucewatch.errors import InputError
from trucewatch.truce.terms import TruceTerms

from .build import report_data

FORMATS = ("html", "md")


def _environment() -> Environment:
    return Environment(loader=PackageLoader("trucewatch.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default_for_string=False),
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)


def render_report(truce: TruceTerms, incidents, findings=None, *, start: date, end: date,
                  format: str = "html", commitments=None) -> str:
    """The report text for the period [start, end] (inclusive); `commitments` as in `report_data`."""
    if format not in FORMATS:
        raise InputError(format, f"is not a report format; use one of {', '.join(FORMATS)}")
    if end < start:
        raise InputError(f"{start}..{end}", "the report period ends before it starts")
    data = report_data(truce, incidents, findings, start=start, end=end, commitments=commitments)
    env = _environment()
    if format == "md":
        env.autoescape = False
        return env.get_template("report.md.j2").render(**data)
    return env.get_template("report.html.j2").render(**data)


def write_report(truce: TruceTerms, incidents, findings=None, *, start: date, end: date,
                 out: str | Path, format: str | None = None, commitments=None) -> Path:
    """Write the report; the format follows `format`, else the file suffix (.md -> Markdown)."""
    out = Path(out)
    format = format or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    text = render_report(truce, incidents, findings, start=start, end=end, format=format,
                         commitments=commitments)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(out), f"cannot be written ({exc.strerror})") from None
    return out
