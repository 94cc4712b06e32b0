"""What a server instance is configured with."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    db_url: str | None = None  # None: $TRUCEWATCH_DB, else sqlite:///trucewatch.db
    secure_cookies: bool = False  # True behind HTTPS: cookies then never travel over plain HTTP
    session_hours: float = 12.0
    title: str = "TruceWatch"
    exports_dir: str | None = None  # where background exports are written (None: a folder in the temp dir)
    background_jobs: bool = True  # run queued jobs (exports, re-checks) in a thread of this process
