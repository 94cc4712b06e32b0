"""Errors a user can act on. The CLI prints their message as a sentence, not a traceback."""


class TruceWatchError(Exception):
    """Base for every error whose message is meant for the user."""


class InputError(TruceWatchError):
    """One input could not be read; names the input and the reason. Other inputs go on."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ConfigError(TruceWatchError):
    """A configuration or data file (truce terms, dictionaries) is invalid."""


REASON_CHARS = 200  # an error line names the problem; it does not repeat a megabyte of input


def short_reason(exc: BaseException | str, limit: int = REASON_CHARS) -> str:
    """The first sentence of an exception's message, on one line, cut to `limit` characters."""
    text = " ".join(str(exc).split(";")[0].split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def shown_value(value: object, limit: int = 60) -> str:
    """A value quoted in an error message, cut when long (a 4,300-digit number, a whole row)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
class NotFound(TruceWatchError):
    """A record named by the caller does not exist."""


class Conflict(TruceWatchError):
    """A write collides with what is stored (a name already taken, an edit made on a stale version)."""


class Refused(TruceWatchError):
    """The caller may not do this: role, token scope, disabled account, or a throttled login."""

    def __init__(self, message: str, *, retry_after: int | None = None):
        self.retry_after = retry_after  # seconds, when waiting helps (throttled logins)
        super().__init__(message)
