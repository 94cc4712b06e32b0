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
