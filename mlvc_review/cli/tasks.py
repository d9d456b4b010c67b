"""`mlvc-review tasks`: the coding-task contract, for one function, a chapter or all of it.

Parses options, asks the core (grading.contract_doc) for the entries and their
grading status, and renders them: Rich text (mlvc_review.ui.tasks), Markdown or JSON.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Optional

import typer

from mlvc_review.cli.completion import tasks as complete_tasks

from mlvc_review.cli.options import Lang


class TasksFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def tasks(
    target: Optional[list[str]] = typer.Argument(
        None, metavar="[FUNCTION | chapter N]...", help="A function or class name, a bank task id, or 'chapter N'; "
        "none: the whole contract with its conventions.", autocompletion=complete_tasks),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of the contract text."),
    fmt: TasksFormat = typer.Option(TasksFormat.text, "--format", "-f", help="text | markdown | json."),
) -> None:
    """Show the coding-task contract: signature, shapes, meaning, requirements, tolerance, grading status."""
    from mlvc_review.grading.contract_doc import as_json, markdown, select
    from mlvc_review.grading.contract_status import statuses

    entries = select(list(target or []))
    status = statuses(entries)
    whole = not target
    if fmt is TasksFormat.markdown:
        sys.stdout.write(markdown(entries, lang.value, status, preamble=whole))
        return
    doc = as_json(entries, lang.value, status)
    if fmt is TasksFormat.json:
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    from mlvc_review.ui import console
    from mlvc_review.ui.tasks import render_tasks

    render_tasks(doc, console, whole=whole)


def register(app: typer.Typer) -> None:
    """Add `tasks` to the root app."""
    app.command("tasks")(tasks)
