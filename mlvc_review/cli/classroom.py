"""Class-scale commands: `gradebook`, `class-report` and `export gradescope`.

`grade DIR --output OUTDIR` (cli/grade.py) writes one document per student; these
commands read such directories (several shards merge) or build the Gradescope bundle.
"""

from __future__ import annotations

from pathlib import Path

import typer

from mlvc_review.cli import pathcheck
from mlvc_review.errors import UsageError


def _check_dirs(dirs: list[Path]) -> None:
    for d in dirs:
        if pathcheck.kind(d, "DIRS") != pathcheck.DIR:
            raise UsageError(f"{d} is not a directory (expected the --output directory of `mlvc-review grade DIR`)")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err.strerror or err}") from None


def _check_output(output: Path | None, option: str = "--output") -> None:
    """Say before any work that the output file cannot be written (a missing folder, a directory)."""
    pathcheck.output_file(output, option)


def gradebook(
    dirs: list[Path] = typer.Argument(..., help="Output directories of `grade DIR --output OUTDIR` (shards merge)."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE instead of stdout."),
) -> None:
    """One row per student, one score column per task, totals and the diagnosed mistake per failed task."""
    from mlvc_review.grading.classroom.gradebook import FORMATS
    from mlvc_review.grading.classroom.results import load_records

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    _check_dirs(dirs)
    _check_output(output)
    _write(FORMATS[fmt](load_records(dirs)), output)


def class_report(
    dirs: list[Path] = typer.Argument(..., help="Output directories of `grade DIR --output OUTDIR` (shards merge)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | markdown | html."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE instead of the terminal."),
) -> None:
    """What to re-teach: per task the pass rate, the most frequent mistakes and the checks failed most."""
    from mlvc_review.grading.classroom.class_report import class_stats, render_html, render_markdown
    from mlvc_review.grading.classroom.results import load_records

    renderers = {"markdown": render_markdown, "html": render_html}
    if fmt not in ("text", *renderers):
        raise UsageError(f"--format must be one of text, markdown, html, not '{fmt}'")
    _check_dirs(dirs)
    _check_output(output)
    records = load_records(dirs)
    stats = class_stats(records)
    if fmt == "text":
        from mlvc_review.ui import console
        from mlvc_review.ui.classroom import render_class_report

        if output is None:
            render_class_report(stats, len(records), console)
            return
        fmt = "markdown"
    _write(renderers[fmt](stats, len(records)), output)


def export_gradescope(
    task: list[str] = typer.Option([], "--task", "-t", help="A contract function or bank task id to grade (repeatable)."),
    chapter: list[int] = typer.Option([], "--chapter", "-c", help="Grade every graded task of chapter N (repeatable)."),
    hidden_after_due: bool = typer.Option(False, "--hidden-after-due", help="Tasks with hidden checks show only after the due date."),
    seed: int = typer.Option(0, "--seed", help="Hypothesis seed: every student's file is checked on the same inputs."),
    torch_index: str = typer.Option("https://download.pytorch.org/whl/cpu", "--torch-index",
                                    help="Package index torch is installed from ('' for the default index, e.g. CUDA builds)."),
    out: Path = typer.Option(Path("autograder.zip"), "--out", "-o", help="The zip to upload to Gradescope."),
) -> None:
    """Build a Gradescope autograder zip (setup.sh, run_autograder, this exact mlvc-review as a wheel)."""
    from mlvc_review.grading.classroom.gradescope_bundle import build_bundle
    from mlvc_review.ui import console

    if not task and not chapter:
        raise UsageError("name what to grade: --task FUNCTION (repeatable) and/or --chapter N")
    _check_output(out, "--out")
    config = build_bundle(out, tasks=task, chapters=chapter, hidden_after_due=hidden_after_due, seed=seed, torch_index=torch_index)
    console.print(f"wrote [loc]{out}[/loc]: {len(config['tasks'])} task(s), mlvc-review {config['mlvc_review']}, seed {seed}; "
                  "upload it as the assignment's autograder (Gradescope: Configure Autograder -> Zip file upload)")


def register(app: typer.Typer) -> None:
    """Add `gradebook`, `class-report` and `export gradescope` to the root app."""
    app.command("gradebook")(gradebook)
    app.command("class-report")(class_report)
    export = typer.Typer(help="Build bundles for the infrastructure courses already run.", rich_markup_mode="rich")
    export.command("gradescope")(export_gradescope)
    from mlvc_review.cli.anki import export_anki  # the quiz's own export: the bank as an Anki deck

    export.command("anki")(export_anki)
    app.add_typer(export, name="export")
