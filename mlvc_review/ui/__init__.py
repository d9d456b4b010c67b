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


def print_error(message: str, lang: str = "en") -> None:
    """An expected failure: one located message on stderr, never a traceback ("错误：" in Chinese)."""
    from rich.markup import escape

    head = "错误：" if lang == "zh" else "error: "
    err_console.print(f"[bad]{head}[/bad]{escape(message)}", highlight=False, soft_wrap=True)



def bar(fraction: float, width: int = 10) -> str:
    """A text bar: '█████░░░░░' for 0.5."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)
