"""Render report data as one self-contained HTML file or as Markdown."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from trucewatch.daymath import LONGEST_REPORT_DAYS, outside_supported, supported_range
from trucewatch.errors import InputError
from trucewatch.outputs import atomic_output
from trucewatch.truce.terms import TruceTerms

from .build import report_data
from .safety import md_text

FORMATS = ("html", "md")


def _environment(*, markdown: bool = False) -> Environment:
    """HTML autoescapes; Markdown escapes every expression through `md_text` (its own autoescape)."""
    if markdown:
        return Environment(loader=PackageLoader("trucewatch.report", "templates"), autoescape=False,
                           finalize=md_text, undefined=StrictUndefined)
    return Environment(loader=PackageLoader("trucewatch.report", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default_for_string=False),
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)


def render_report(truce: TruceTerms, incidents, findings=None, *, start: date, end: date,
                  format: str = "html", commitments=None) -> str:
    """The report text for the period [start, end] (inclusive); `commitments` as in `report_data`."""
    if format not in FORMATS:
        raise InputError(format, f"is not a report format; use one of {', '.join(FORMATS)}")
    check_period(start, end)
    data = report_data(truce, incidents, findings, start=start, end=end, commitments=commitments)
    if format == "md":
        return _environment(markdown=True).get_template("report.md.j2").render(**data)
    return _environment().get_template("report.html.j2").render(**data)


def check_period(start: date, end: date) -> None:
    """A report period a person can mean: ordered, inside the supported dates, at most 20 years."""
    period = f"{start}..{end}"
    if end < start:
        raise InputError(period, "the report period ends before it starts")
    if outside_supported(start) or outside_supported(end):
        raise InputError(period, f"the report period must lie within {supported_range()}")
    if (end - start).days + 1 > LONGEST_REPORT_DAYS:
        raise InputError(period, f"the report period is longer than {LONGEST_REPORT_DAYS} days (20 years); "
                                 "report on a shorter period")


def write_report(truce: TruceTerms, incidents, findings=None, *, start: date, end: date,
                 out: str | Path, format: str | None = None, commitments=None) -> Path:
    """Write the report; the format follows `format`, else the file suffix (.md -> Markdown)."""
    out = Path(out)
    format = format or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    text = render_report(truce, incidents, findings, start=start, end=end, format=format,
                         commitments=commitments)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(out) as handle:
            handle.write(text)
    except OSError as exc:
        raise InputError(str(out), f"cannot be written ({exc.strerror})") from None
    return out
