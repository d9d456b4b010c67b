"""`mlvc-review grade` and `mlvc-review start`: parse options, call the grader core, render.

Imports nothing heavy at start-up: the grader core (and with it hypothesis) is
imported inside the commands; torch and sympy never in the grading process of a
NumPy task.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

FORMATS = ("text", "json", "junit", "gradescope")


def grade(
    paths: list[Path] = typer.Argument(..., help="A .py file, a .ipynb notebook, or a directory of them (one submission per file)."),
    task: list[str] = typer.Option([], "--task", "-t", help="Grade only this function or bank task id (repeatable)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | junit | gradescope."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Submissions graded at once."),
    seed: int | None = typer.Option(None, "--seed", help="Hypothesis seed (printed in every report; reuse it to reproduce)."),
    examples: int | None = typer.Option(None, "--examples", min=1, help="Generated inputs per check (default: each check's own)."),
    timeout: float | None = typer.Option(None, "--timeout", min=0.1, help="Seconds per call before it is killed (default 10)."),
    device: str = typer.Option("auto", "--device", help="auto | cpu | cuda: where heavy checks run."),
    lang: str = typer.Option("en", "--lang", help="Language of explanations and hints: en | zh."),
    hints: int = typer.Option(1, "--hints", min=0, help="How many bank hints to show per task."),
) -> None:
    """Grade submissions in a sandbox against the reference implementations."""
    from mlvc_review.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    if lang not in ("en", "zh"):
        raise UsageError(f"--lang must be en or zh, not '{lang}'")
    from mlvc_review.grading.device import resolve_device
    from mlvc_review.grading.runner import Options

    choice = resolve_device(device)
    if seed is None:
        import secrets

        seed = secrets.randbelow(2**31)
    options = Options(seed=seed, examples=examples, timeout=timeout, heavy_ok=choice.heavy_ok, device=choice.device, lang=lang, hints=hints)
    document_out = sys.stdout
    if fmt != "text" and output is None:
        sys.stdout = sys.stderr  # stray prints (hypothesis, warnings) never mix into the document
    try:
        doc = _run(paths, task, options, jobs)
    finally:
        sys.stdout = document_out
    _emit(doc, fmt, output)
    subs = doc["submissions"]
    from mlvc_review.grading.reports.document import passed

    if subs and all(s["error"] for s in subs):
        raise typer.Exit(2)
    raise typer.Exit(0 if passed(doc) else 1)


def _run(paths: list[Path], task: list[str], options: object, jobs: int) -> dict:
    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.reports.document import document
    from mlvc_review.ui.grade import progress_for

    with progress_for(paths) as on_done:
        results, isolation, seconds = grade_paths(paths, task, options, jobs=jobs, progress=on_done)  # type: ignore[arg-type]
    return document(results, seed=options.seed, isolation=isolation, duration=seconds)  # type: ignore[attr-defined]


def _emit(doc: dict, fmt: str, output: Path | None) -> None:
    from mlvc_review.errors import UsageError

    if fmt == "text":
        from rich.console import Console

        from mlvc_review.ui import THEME, console
        from mlvc_review.ui.grade import render_report

        if output is None:
            render_report(doc, console)
            return
        with output.open("w", encoding="utf-8") as f:
            render_report(doc, Console(file=f, theme=THEME, width=120, no_color=True))
        return
    from mlvc_review.grading.reports.document import FORMATS as RENDER

    text = RENDER[fmt](doc)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err}") from None


def start(
    target: list[str] = typer.Argument(..., help="A contract function name, or 'chapter N'."),
    out: Path = typer.Option(Path("solution.py"), "--out", "-o", help="File to write (never overwritten)."),
) -> None:
    """Write a starter file with the contract's signatures and docstrings."""
    from mlvc_review.grading.starter import select, write_starter
    from mlvc_review.ui import console

    entries = select(target)
    path = write_starter(entries, out)
    console.print(f"wrote {len(entries)} stub(s) to [loc]{path}[/loc]; grade it with: mlvc-review grade {path}")


def register(app: typer.Typer) -> None:
    """Add `grade` and `start` to the root app."""
    app.command("grade")(grade)
    app.command("start")(start)
