"""What a server instance is configured with."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    db_url: str | None = None  # None: $TRUCEWATCH_DB, else sqlite:///trucewatch.db
    secure_cookies: bool = False  # True behind HTTPS: cookies then never travel over plain HTTP
    session_hours: float = 12.0
    title: str = "TruceWatch"
