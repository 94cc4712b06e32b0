"""The `report` command: a self-contained HTML (or Markdown) report for a truce and a period."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, err_console, show_progress
from trucewatch.errors import InputError

# The --out suffixes that name a format; any other suffix needs --format, so a report asked
# for as "r.pdf" is never silently written as HTML.
FORMAT_BY_SUFFIX = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
FORMATS = ("html", "md")


def _day(value: str, option: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise InputError(option, f"'{value}' is not a date like 2016-03-01") from None


def report_format(out: Path, format: str | None) -> str:
    """The format to write: --format when given, else the one the --out suffix names."""
    if format is not None:
        chosen = format.strip().lower()
        if chosen == "markdown":
            chosen = "md"
        if chosen not in FORMATS:
            raise InputError("--format", f"'{format}' is not a report format; use html or md")
        return chosen
    suffix = out.suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        shown = f"suffix '{out.suffix}'" if out.suffix else "no suffix"
        raise InputError(
            str(out), f"has {shown}; reports are written as .html, .htm or .md (Markdown), "
                      "or give --format html|md to choose"
        )
    return FORMAT_BY_SUFFIX[suffix]


@app.command()
def report(
    truce: Path = typer.Argument(..., help="Truce terms YAML file."),
    date_from: str = typer.Option(..., "--from", help="First day of the period (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last day of the period, inclusive (YYYY-MM-DD)."),
    out: Path = typer.Option(Path("report.html"), "--out",
                             help="File to write: .html/.htm (HTML) or .md (Markdown)."),
    format: str = typer.Option(None, "--format",
                               help="html or md; needed only when the --out suffix is none of .html, .htm, .md."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --out file of another kind "
                               "(never the database in use)."),
) -> None:
    """Write a report: counts against the previous period, daily chart, map, findings, caveats.

    Example:

        trucewatch report trucewatch/truce/examples/example_truce.yaml --from 2016-03-01 --to 2016-03-14 --out report.html
    """
    from trucewatch.commitments import check_commitments
    from trucewatch.outputs import check_target
    from trucewatch.report import write_report
    from trucewatch.report.render import check_period
    from trucewatch.truce.run import run_check

    start, end = _day(date_from, "--from"), _day(date_to, "--to")
    try:
        check_period(start, end)
    except InputError as exc:
        raise InputError(f"--from {start} --to {end}", exc.reason) from None
    chosen = report_format(out, format)  # checked before the slow part
    url = db_url(db)
    check_target(out, chosen, db_url=url, force=force)
    terms, incidents, findings = run_check(truce, url, progress=show_progress())
    pledges = check_commitments(url, incidents=incidents, as_of=end)
    path = write_report(terms, incidents, findings, start=start, end=end, out=out, format=chosen,
                        commitments=pledges)
    err_console.print(f"wrote {path}", highlight=False, markup=False)
