"""Option types and options shared by several command groups."""

from __future__ import annotations

from enum import Enum

import typer

from mlvc_review.cli.pathcheck import readable, typer_callback


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Format(str, Enum):
    table = "table"
    json = "json"


BankOpt = typer.Option(
    None, "--bank", "-b", metavar="DIR", help="Extra bank directory (repeatable); MLVC_REVIEW_BANK adds more.",
    callback=typer_callback(readable, "--bank"),  # a missing one is the loader's (exit 3) to report
)
