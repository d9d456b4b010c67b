"""Rich rendering: the theme, the shared console and the error printer.

Only `mlvc_review.cli` and this package import Rich; the core returns plain data.
"""

from __future__ import annotations

from rich.console import Console
from rich.theme import Theme

THEME = Theme(
    {
        "ok": "bold green",
        "bad": "bold red",
        "warn": "yellow",
        "muted": "grey50",
        "accent": "bold cyan",
        "id": "magenta",
        "loc": "cyan",
    }
)

# emoji=False: ":x:" in a student's answer or a formula stays as written
console = Console(theme=THEME, highlight=False, emoji=False)
err_console = Console(theme=THEME, stderr=True, highlight=False, emoji=False)


def print_error(message: str) -> None:
    """An expected failure: one located message on stderr, never a traceback."""
    from rich.markup import escape

    err_console.print(f"[bad]error:[/bad] {escape(message)}", highlight=False, soft_wrap=True)

