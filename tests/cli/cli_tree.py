"""Every runnable command of the CLI, as Typer builds it (shared by the tests that walk the whole CLI)."""

from __future__ import annotations

import typer.main

from mlvc_review.cli import COMMANDS, app


def leaves() -> dict:
    """Every leaf command by its full name ('quiz chapter', 'grade', ...)."""
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    found: dict = {}

    def walk(prefix: str, command) -> None:
        if hasattr(command, "list_commands"):  # a group
            for name in command.list_commands(ctx):
                walk(f"{prefix} {name}".strip(), command.get_command(ctx, name))
        else:
            found[prefix] = command

    for name in COMMANDS:
        walk(name, root.get_command(ctx, name))
    return found
