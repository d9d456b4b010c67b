"""Option types and options shared by several command groups."""

from __future__ import annotations

from enum import Enum
from typing import Any

import typer

from mlvc_review.cli.pathcheck import readable, typer_callback


class Lang(str, Enum):
    en = "en"
    zh = "zh"


_SESSION = {"lang": "en"}  # the language of the command being run (set by its --lang, reset at each start)


def remember_lang(value: object) -> object:
    """A `--lang` callback: the command's language, for the error printer (an eager option: read first).

    Returns the plain string: Typer converts what a callback returns to the enum once more.
    """
    raw = getattr(value, "value", value)
    _SESSION["lang"] = "zh" if raw == "zh" else "en"
    return raw


def session_lang() -> str:
    """The `--lang` of the command being run ("en" when it has none)."""
    return _SESSION["lang"]


def reset_session_lang() -> None:
    _SESSION["lang"] = "en"


def lang_option(help: str, *short: str) -> Any:
    """A `--lang` option that also sets the language of the command's error messages."""
    return typer.Option(Lang.en, "--lang", *short, help=help, callback=remember_lang, is_eager=True)


class Format(str, Enum):
    table = "table"
    json = "json"


BankOpt = typer.Option(
    None, "--bank", "-b", metavar="DIR", help="Extra bank directory (repeatable); MLVC_REVIEW_BANK adds more.",
    callback=typer_callback(readable, "--bank"),  # a missing one is the loader's (exit 3) to report
)
