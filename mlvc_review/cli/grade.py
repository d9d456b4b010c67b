"""`mlvc-review grade` and `mlvc-review start`: parse options, call the grader core, render.

Imports nothing heavy at start-up: the grader core (and with it hypothesis) is
imported inside the commands; torch and sympy never in the grading process of a
NumPy task.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from mlvc_review.cli.completion import tasks as complete_tasks

FORMATS = ("text", "json", "junit", "gradescope")


def grade(
    paths: list[Path] = typer.Argument(..., help="A .py file, a .ipynb notebook, or a directory of them (one submission per file)."),
    task: list[str] = typer.Option([], "--task", "-t", help="Grade only this function or bank task id (repeatable).",
                                   autocompletion=complete_tasks),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | junit | gradescope."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Submissions graded at once."),
    seed: int | None = typer.Option(None, "--seed", help="Hypothesis seed (printed in every report; reuse it to reproduce)."),
    examples: int | None = typer.Option(None, "--examples", min=1, help="Generated inputs per check (default: each check's own)."),
    timeout: float | None = typer.Option(None, "--timeout", min=0.1, help="Seconds per call before it is killed (default 10)."),
    device: str = typer.Option("auto", "--device", help="auto | cpu | cuda: where heavy checks run."),
    lang: str = typer.Option("en", "--lang", help="Language of explanations and hints: en | zh."),
    hints: int = typer.Option(1, "--hints", min=0, help="How many bank hints to show per task."),
    shard: str | None = typer.Option(None, "--shard", help="K/N: grade only the K-th of N equal shares of the class (0 <= K < N)."),
    combine: bool = typer.Option(False, "--combine", help="The files are one student's: one document for all of them."),
) -> None:
    """Grade submissions in a sandbox against the reference implementations.

    With several submissions and --output DIR, one document per student is written
    into DIR as each is graded; rerunning the command skips what is already graded.
    """
    from mlvc_review.cli import pathcheck
    from mlvc_review.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    if lang not in ("en", "zh"):
        raise UsageError(f"--lang must be en or zh, not '{lang}'")
    for path in paths:
        pathcheck.readable(path, "submission")  # a missing one is reported per submission
    if output is not None:
        pathcheck.readable(output, "--output")
    out_dir = _class_dir(paths, fmt, output, shard, combine)
    if out_dir is None:
        pathcheck.output_file(output, "--output")  # one document: said now, not after grading
    from mlvc_review.grading.device import resolve_device
    from mlvc_review.grading.runner import Options

    choice = resolve_device(device)
    if seed is None and out_dir is not None:
        seed = out_dir.previous_seed()  # a rerun resumes under the same key
        if seed is None and shard is not None:
            raise UsageError("the shards of one class must share a seed: pass the same --seed to every shard")
    if seed is None:
        import secrets

        seed = secrets.randbelow(2**31)
    options = Options(seed=seed, examples=examples, timeout=timeout, heavy_ok=choice.heavy_ok, device=choice.device, lang=lang, hints=hints)
    if out_dir is not None:
        _run_class(paths, task, options, jobs, out_dir, fmt, shard)
    document_out = sys.stdout
    if fmt != "text" and output is None:
        sys.stdout = sys.stderr  # stray prints (hypothesis, warnings) never mix into the document
    try:
        doc = _run(paths, task, options, jobs)
    finally:
        sys.stdout = document_out
    _emit(doc, fmt, output, lang)
    subs = doc["submissions"]
    from mlvc_review.grading.reports.document import passed

    if subs and all(s["error"] for s in subs):
        raise typer.Exit(2)
    raise typer.Exit(0 if passed(doc) else 1)


def _class_dir(paths: list[Path], fmt: str, output: Path | None, shard: str | None, combine: bool):  # -> ResultDir | None
    """The output directory of a class run, checked before any work; None for a single document.

    A class run: --output is a directory, or several submissions are graded with --output,
    or --shard is given. Gradescope results are one student's: several students never
    share one results.json.
    """
    from mlvc_review.errors import UsageError
    from mlvc_review.grading.discovery import expand

    several = len(expand(paths)) > 1
    if combine:
        if shard is not None:
            raise UsageError("--combine grades the files as one student's; --shard splits a class: use one of them")
        return None
    if shard is not None:
        from mlvc_review.grading.classroom.run import parse_shard

        parse_shard(shard)
    if output is None:
        if shard is not None:
            raise UsageError("--shard needs --output DIR: each shard writes its students' documents there")
        if several and fmt == "gradescope":
            raise UsageError("Gradescope results are one student's: give --output DIR for one results file per student, "
                             "or --combine when these files are one student's work")
        return None
    if not (output.is_dir() or several or shard is not None):
        return None
    from mlvc_review.grading.classroom.results import ResultDir

    out = ResultDir(output)
    out.prepare()
    return out


def _run_class(paths: list[Path], task: list[str], options, jobs: int, out, fmt: str, shard: str | None) -> None:
    """Grade a class into `out` (one document per student), print a summary, exit like `grade`."""
    from mlvc_review.grading.classroom.run import grade_class, parse_shard
    from mlvc_review.grading.reports.document import FORMATS as RENDER, passed
    from mlvc_review.ui import console
    from mlvc_review.ui.grade import progress_for, render_report_text

    render = (lambda doc: render_report_text(doc, options.lang)) if fmt == "text" else RENDER[fmt]
    with progress_for(paths) as on_done:
        run = grade_class(paths, task, options, out, fmt, render, jobs=jobs, shard=parse_shard(shard) if shard else None,
                          progress=on_done)
    docs = list(run.documents.values())
    ok = sum(passed(d) for d in docs)
    console.print(f"{len(docs)} student(s) in [loc]{out.root}[/loc]: {run.graded} graded now, {run.reused} already graded "
                  f"(skipped); {ok} passed every task. Seed {options.seed}.")
    console.print(f"next: mlvc-review gradebook {out.root}\n      mlvc-review class-report {out.root}", soft_wrap=True)
    if docs and all(d["submissions"][0]["error"] for d in docs):
        raise typer.Exit(2)
    raise typer.Exit(0 if docs and ok == len(docs) else 1)


def _run(paths: list[Path], task: list[str], options: object, jobs: int) -> dict:
    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.reports.document import document
    from mlvc_review.ui.grade import progress_for

    with progress_for(paths) as on_done:
        results, isolation, seconds = grade_paths(paths, task, options, jobs=jobs, progress=on_done)  # type: ignore[arg-type]
    return document(results, seed=options.seed, isolation=isolation, duration=seconds)  # type: ignore[attr-defined]


def _emit(doc: dict, fmt: str, output: Path | None, lang: str = "en") -> None:
    from mlvc_review.errors import UsageError

    if fmt == "text":
        from mlvc_review.ui import console
        from mlvc_review.ui.grade import render_report, render_report_text

        if output is None:
            render_report(doc, console, lang)
            return
        text = render_report_text(doc, lang)
    else:
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
    lang: str = typer.Option("en", "--lang", help="Language of the docstrings: en | zh."),
) -> None:
    """Write a starter file with the contract's signatures and docstrings."""
    from mlvc_review.cli.pathcheck import new_file
    from mlvc_review.grading.starter import select, write_starter
    from mlvc_review.ui import console

    if lang not in ("en", "zh"):
        from mlvc_review.errors import UsageError

        raise UsageError(f"--lang must be en or zh, not '{lang}'")
    new_file(out, "--out")
    entries = select(target)
    path = write_starter(entries, out, lang=lang)
    console.print(f"wrote {len(entries)} stub(s) to [loc]{path}[/loc]; grade it with: mlvc-review grade {path}")


def register(app: typer.Typer) -> None:
    """Add `grade` and `start` to the root app."""
    app.command("grade")(grade)
    app.command("start")(start)
