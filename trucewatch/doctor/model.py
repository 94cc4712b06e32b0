"""One check's outcome: what was checked, how it went, and what to do about it."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Status(str, Enum):
    OK = "ok"
    WARN = "warn"      # usable, but something will happen or should be done (e.g. index not built)
    FAIL = "fail"      # the core cannot work until this is fixed
    ABSENT = "absent"  # an optional part that is not installed


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str | None = None  # what the user should do; None when nothing

    def line(self) -> str:
        """One line: status, name, what was found and, when there is one, what to do."""
        text = f"{self.status.value:<6} {self.name:<18} {self.detail}"
        return f"{text} — {self.fix}" if self.fix else text

    def as_dict(self) -> dict:
        return asdict(self) | {"status": self.status.value}


def core_usable(checks: list[Check]) -> bool:
    return not any(check.status is Status.FAIL for check in checks)
