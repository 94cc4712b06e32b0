"""The bundled demo: invented reports and an invented truce, run through the whole chain.

`make demo` calls `trucewatch demo`, which calls `run_demo`; tests call it too, so the demo that
users see first is the one that is tested.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DEMO_DIR = Path(__file__).parent
REPORTS = DEMO_DIR / "reports"
TRUCE = DEMO_DIR / "truce.yaml"
PLEDGES = DEMO_DIR / "commitments.yaml"  # a pledge made in a closed meeting, written by hand


@dataclass
class DemoResult:
    ingest: object  # trucewatch.ingest IngestSummary
    events: int
    incidents: int
    truce: str
    verdicts: dict[str, int]
    report: Path
    commitments: dict[str, int] = field(default_factory=dict)  # commitment verdict -> how many
    login: tuple[str, str] | None = None  # (user, password) for `trucewatch serve`; None without the web extra

    @property
    def verdict_summary(self) -> str:
        return ", ".join(f"{n} {verdict}" for verdict, n in sorted(self.verdicts.items())) or "no findings"

    @property
    def commitment_summary(self) -> str:
        return ", ".join(f"{n} {verdict}" for verdict, n in sorted(self.commitments.items())) or "none"


def run_demo(db: str, out: str | Path, *, progress: bool = False, on_error=None) -> DemoResult:
    """Ingest and extract the demo reports into `db`, fuse, check the demo truce and the pledges,
    write the report.

    `on_error` is called with each input that fails, as `trucewatch.ingest` does; the summary in
    `DemoResult.ingest.errors` lists them too."""
    from trucewatch.commitments import check_commitments
    from trucewatch.ingest import ingest
    from trucewatch.report.render import write_report
    from trucewatch.truce.run import run_check

    summary = ingest([str(REPORTS)], db=db, progress=progress, on_error=on_error)
    terms, incidents, findings = run_check(TRUCE, db, progress=progress)
    pledges = check_commitments(db, files=[PLEDGES], incidents=incidents, as_of=terms.end.date())
    events = sum(len(incident.mentions) for incident in incidents)
    report = write_report(terms, incidents, findings, start=terms.start.date(), end=terms.end.date(), out=out,
                          commitments=pledges)
    verdicts = Counter(finding.verdict for finding in findings)
    return DemoResult(summary, events, len(incidents), terms.name, dict(verdicts), Path(report),
                      dict(Counter(view.verdict for view in pledges)), _demo_login(db))


def _demo_login(db: str) -> tuple[str, str] | None:
    """The demo user for the dashboard, when the web extra (Argon2) is installed."""
    try:
        from trucewatch.accounts.demo import reset_demo_user
    except ImportError:
        return None
    from trucewatch.store import open_store

    with open_store(db) as store:
        return reset_demo_user(store)
