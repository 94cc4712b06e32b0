"""The `demo` command (placeholder until its issue lands)."""
from trucewatch.cli_app import app  # noqa: F401
