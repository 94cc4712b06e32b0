"""The `users` command group: accounts for the server (the first admin is made here)."""
from __future__ import annotations

import sys

import typer

from trucewatch.cli_app import DB_HELP, app, db_url, out_console
from trucewatch.errors import TruceWatchError

users_app = typer.Typer(
    help="Accounts for `trucewatch serve`: add users, list them, change roles and passwords, issue API tokens.\n\n"
         "[bold]Example[/bold]:\n\n    trucewatch users add amal --role admin",
    no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(users_app, name="users")
DB_OPTION = typer.Option(None, "--db", help=DB_HELP)


def _store(db: str | None):
    try:
        import argon2  # noqa: F401
    except ImportError:
        raise TruceWatchError("Accounts need the web extra (argon2-cffi): pip install 'trucewatch[web]'.") from None
    from trucewatch.store import open_store

    return open_store(db_url(db))


def _password(generate: bool) -> tuple[str, bool]:
    """(password, whether we made it up): generated, typed twice at a terminal, or the first line of stdin."""
    import secrets

    if generate:
        return secrets.token_urlsafe(15), True
    if sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=True), False
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise TruceWatchError("No password on standard input; pipe one in, type it at a terminal, or use --generate.")
    return line, False


@users_app.command("add")
def add(name: str = typer.Argument(..., help="The user's login name."),
        role: str = typer.Option(..., "--role", help="viewer, analyst, reviewer or admin."),
        generate: bool = typer.Option(False, "--generate", help="Make up a strong password and print it."),
        db: str = DB_OPTION) -> None:
    """Add a user (the first admin too). The password is asked for, read from stdin, or generated.

    Example:

        trucewatch users add amal --role admin
    """
    from trucewatch.accounts import add_user
    from trucewatch.audit import Actor

    password, made_up = _password(generate)
    with _store(db) as store:
        user = add_user(store, name, role, password, actor=Actor.command_line())
    out_console.print(f"Added {user.name} ({user.role}).", highlight=False)
    if made_up:
        out_console.print(f"Password: {password}", highlight=False, markup=False)


@users_app.command("list")
def list_(db: str = DB_OPTION) -> None:
    """List the users.

    Example:

        trucewatch users list
    """
    from trucewatch.accounts import list_users

    with _store(db) as store:
        for user in list_users(store):
            state = "disabled" if user.disabled else "active"
            typer.echo(f"{user.name}\t{user.role}\t{state}")


@users_app.command("role")
def role(name: str = typer.Argument(...), new_role: str = typer.Argument(..., metavar="ROLE"),
         reason: str = typer.Option(None, "--reason", help="Why (kept in the audit log)."),
         db: str = DB_OPTION) -> None:
    """Change a user's role.

    Example:

        trucewatch users role amal reviewer --reason "signs findings off from May"
    """
    from trucewatch.accounts import update_user
    from trucewatch.audit import Actor

    with _store(db) as store:
        user = update_user(store, name, version=None, actor=Actor.command_line(), role=new_role, reason=reason)
    out_console.print(f"{user.name} is now {user.role}.", highlight=False)


@users_app.command("passwd")
def passwd(name: str = typer.Argument(...),
           generate: bool = typer.Option(False, "--generate", help="Make up a strong password and print it."),
           db: str = DB_OPTION) -> None:
    """Set a user's password.

    Example:

        trucewatch users passwd amal
    """
    from trucewatch.accounts import update_user
    from trucewatch.audit import Actor

    password, made_up = _password(generate)
    with _store(db) as store:
        update_user(store, name, version=None, actor=Actor.command_line(), password=password)
    out_console.print(f"Password of {name} changed.", highlight=False)
    if made_up:
        out_console.print(f"Password: {password}", highlight=False, markup=False)


@users_app.command("token")
def token(name: str = typer.Argument(...), label: str = typer.Option(..., "--name", help="What the token is for."),
          scope: str = typer.Option("read", "--scope", help="read or write."),
          days: int = typer.Option(None, "--expires-days", help="Expire after this many days (default: never)."),
          db: str = DB_OPTION) -> None:
    """Issue an API token for scripts; it is printed once, only its hash is stored.

    Example:

        trucewatch users token amal --name nightly-export --scope read --expires-days 90
    """
    from trucewatch.accounts.tokens import issue_token
    from trucewatch.audit import Actor

    with _store(db) as store:
        _, secret = issue_token(store, name, name=label, scope=scope, expires_days=days, actor=Actor.command_line())
    out_console.print(secret, highlight=False, markup=False)
