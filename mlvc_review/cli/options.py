"""Option types and options shared by several command groups."""

from __future__ import annotations

from enum import Enum

import typer


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Format(str, Enum):
    table = "table"
    json = "json"


BankOpt = typer.Option(
    None, "--bank", "-b", metavar="DIR", help="Extra bank directory (repeatable); MLVC_REVIEW_BANK adds more."
)
