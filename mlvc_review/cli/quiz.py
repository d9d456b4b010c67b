"""`mlvc-review quiz|review|exam|stats|progress`: parse options, call the quiz core, render.

Imports only Typer at module level; the bank, the store, fsrs and Rich views are
imported inside the commands so that start-up stays fast. Annotations are real
objects (no `from __future__ import annotations`): Typer would otherwise compile
every string annotation of every command at each start.
"""

from pathlib import Path
from typing import Optional

import typer

from mlvc_review.cli.options import BankOpt, Format, Lang
from mlvc_review.cli.pathcheck import output_file, typer_callback, work_dir
from mlvc_review.errors import UnknownQuestion, UsageError

quiz_app = typer.Typer(help="Revise with an interactive quiz (answers scheduled by FSRS).", no_args_is_help=True)
progress_app = typer.Typer(help="Export or reset your stored progress.", no_args_is_help=True)


OnlyOpt = typer.Option(False, "--only-bank", help="Use only the --bank directories, not the shipped questions.")
LangOpt = typer.Option(Lang.en, "--lang", help="Language of questions and messages.")
SeedOpt = typer.Option(None, "--seed", help="Make the session reproducible (variants and order).")
LimitOpt = typer.Option(10, "--limit", "-n", min=1, help="Ask at most this many questions.")
TypeOpt = typer.Option(None, "--type", "-t", help="Only this question type (choice, numeric, ...).")
NewOpt = typer.Option(False, "--new", help="Only questions you have never answered.")
DueOpt = typer.Option(False, "--due", help="Only questions that are due for review.")
WorkdirOpt = typer.Option(None, "--workdir", help="Where code questions write starter files (default: cwd).",
                          callback=typer_callback(work_dir, "--workdir"))


def _load(bank: Optional[list[str]], only: bool = False, chapter: Optional[str] = None):
    from mlvc_review.bank.loader import load_bank

    if only and not bank:
        raise UsageError("--only-bank needs at least one --bank DIR")
    return load_bank(bank or [], include_shipped=not only, chapter=chapter)


def _open_store(read_only: bool = False):
    from rich.markup import escape

    from mlvc_review.quiz.store import open_store
    from mlvc_review.ui import err_console

    store = open_store(read_only=read_only)  # read_only: still read where it cannot be written
    if store.notice:
        err_console.print(f"[warn]warning:[/warn] {escape(store.notice)}", highlight=False, soft_wrap=True)
    return store


def _run(items, store, loaded, *, seed: int, lang: Lang, mode: str, minutes: float | None = None,
         workdir: Path | None = None) -> None:
    from mlvc_review.quiz.events import Notice
    from mlvc_review.quiz.session import Session
    from mlvc_review.quiz.strings import t
    from mlvc_review.ui.quiz import TerminalIO, render

    if not items:
        render(Notice(t("nothing", lang.value), "warn"))
        return
    titles = {n: c.title.get(lang.value) for n, c in loaded.chapters.items()}
    Session(items, TerminalIO(), store, seed=seed, lang=lang.value, mode=mode, minutes=minutes,
            chapter_titles=titles, workdir=workdir).run()


def _quiz(questions, bank_loaded, *, limit, qtype, seed, lang, new, due, workdir) -> None:
    from mlvc_review.bank.model import QUESTION_TYPES
    from mlvc_review.quiz.selection import plan_quiz, session_seed
    from mlvc_review.quiz.store import utc_now

    if qtype is not None:
        if qtype not in QUESTION_TYPES:
            raise UsageError(f"--type '{qtype}': one of {', '.join(QUESTION_TYPES)}")
        questions = [q for q in questions if q.type == qtype]
    seed = session_seed(seed)
    with _open_store() as store:
        items = plan_quiz(questions, store.cards(), utc_now(), limit=limit, seed=seed, only_new=new, only_due=due)
        _run(items, store, bank_loaded, seed=seed, lang=lang, mode="quiz", workdir=workdir)


@quiz_app.command("chapter")
def chapter_cmd(chapter: str = typer.Argument(..., help="Chapter number or slug."), limit: int = LimitOpt,
                qtype: Optional[str] = TypeOpt, seed: Optional[int] = SeedOpt, lang: Lang = LangOpt,
                new: bool = NewOpt, due: bool = DueOpt, bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
                workdir: Optional[Path] = WorkdirOpt) -> None:
    """Quiz one chapter: due questions first, then new ones."""
    loaded = _load(bank, only_bank, chapter)  # builds only that chapter's questions
    number = loaded.chapter(chapter).number
    _quiz(loaded.select(chapter=number), loaded, limit=limit, qtype=qtype, seed=seed, lang=lang, new=new, due=due,
          workdir=workdir)


@quiz_app.command("topic")
def topic_cmd(tag: str = typer.Argument(..., help="A tag or topic, e.g. attention."), limit: int = LimitOpt,
              qtype: Optional[str] = TypeOpt, seed: Optional[int] = SeedOpt, lang: Lang = LangOpt,
              new: bool = NewOpt, due: bool = DueOpt, bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
              workdir: Optional[Path] = WorkdirOpt) -> None:
    """Quiz every question with a tag (or topic) across chapters."""
    loaded = _load(bank, only_bank)
    questions = loaded.select(tag=tag)
    if not questions:
        known = sorted({t for q in loaded.questions for t in [q.topic, *q.tags]})
        raise UnknownQuestion(f"no question has the tag '{tag}'; tags: {', '.join(known) or 'none'}")
    _quiz(questions, loaded, limit=limit, qtype=qtype, seed=seed, lang=lang, new=new, due=due, workdir=workdir)


@quiz_app.command("all")
def all_cmd(limit: int = LimitOpt, qtype: Optional[str] = TypeOpt, seed: Optional[int] = SeedOpt,
            lang: Lang = LangOpt, new: bool = NewOpt, due: bool = DueOpt, bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
            workdir: Optional[Path] = WorkdirOpt) -> None:
    """Quiz the whole bank."""
    loaded = _load(bank, only_bank)
    _quiz(loaded.questions, loaded, limit=limit, qtype=qtype, seed=seed, lang=lang, new=new, due=due,
          workdir=workdir)


def review_cmd(exam_date: Optional[str] = typer.Option(None, "--exam-date", metavar="YYYY-MM-DD",
                                                       help="Order every seen question by predicted recall then."),
               limit: int = typer.Option(20, "--limit", "-n", min=1, help="Ask at most this many questions."),
               seed: Optional[int] = SeedOpt, lang: Lang = LangOpt, bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
               workdir: Optional[Path] = WorkdirOpt) -> None:
    """Review what FSRS says is due now, across chapters (lowest predicted recall first with --exam-date)."""
    from datetime import datetime, timezone

    from mlvc_review.quiz.selection import plan_review, session_seed
    from mlvc_review.quiz.store import utc_now

    when = None
    if exam_date is not None:
        try:
            when = datetime.strptime(exam_date, "%Y-%m-%d").replace(hour=9, tzinfo=timezone.utc)
        except ValueError:
            raise UsageError(f"--exam-date '{exam_date}': write the date as YYYY-MM-DD") from None
    loaded = _load(bank, only_bank)
    seed = session_seed(seed)
    with _open_store() as store:
        items = plan_review(loaded.questions, store.cards(), utc_now(), limit=limit, seed=seed, exam_date=when)
        _run(items, store, loaded, seed=seed, lang=lang, mode="review", workdir=workdir)


def exam_cmd(chapters: str = typer.Option("1-9", "--chapters", help="Chapters, e.g. 1-9 or 1,3,5."),
             questions: int = typer.Option(20, "--questions", min=1, help="Number of questions."),
             minutes: float = typer.Option(60.0, "--minutes", min=0.1, help="Time limit; later answers do not count."),
             seed: Optional[int] = SeedOpt, lang: Lang = LangOpt, bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt) -> None:
    """A timed mock exam across chapters: no feedback until the end, then a report per chapter."""
    from mlvc_review.quiz.events import Notice
    from mlvc_review.quiz.exam import parse_chapters, plan_exam
    from mlvc_review.quiz.selection import session_seed
    from mlvc_review.quiz.strings import t
    from mlvc_review.ui.quiz import render

    loaded = _load(bank, only_bank)
    numbers = parse_chapters(chapters, sorted(loaded.chapters))
    seed = session_seed(seed)
    pool = [q for q in loaded.questions if q.chapter in numbers]
    items, excluded = plan_exam(pool, count=questions, seed=seed)
    if excluded:
        render(Notice(t("excluded", lang.value, n=excluded)))
    with _open_store() as store:
        _run(items, store, loaded, seed=seed, lang=lang, mode="exam", minutes=minutes)


def stats_cmd(fmt: Format = typer.Option(Format.table, "--format", help="table or json."), lang: Lang = LangOpt,
              bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt) -> None:
    """Progress per chapter: answered, accuracy, mean recall, due now, leeches (>= 8 lapses)."""
    import json
    from collections import Counter

    from mlvc_review.quiz.stats import chapter_stats
    from mlvc_review.quiz.store import utc_now

    loaded = _load(bank, only_bank)
    titles = {n: c.title.get(lang.value) for n, c in loaded.chapters.items()}
    counts = Counter(q.chapter for q in loaded.questions)
    with _open_store(read_only=True) as store:
        rows = chapter_stats(store, titles, dict(counts), utc_now())
    if fmt is Format.json:
        typer.echo(json.dumps({"chapters": rows}, ensure_ascii=False, indent=2))
    else:
        from mlvc_review.ui.quiz import render_stats

        render_stats(rows, lang.value)


@progress_app.command("export")
def export_cmd(file: Path = typer.Argument(..., help="JSON file to write.",
                                           callback=typer_callback(output_file, "the export file"))) -> None:
    """Write every attempt and card to a JSON file."""
    import json

    with _open_store(read_only=True) as store:
        data = store.export()
    try:
        file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write {file}: {err.strerror}") from None
    typer.echo(f"exported {len(data['attempts'])} attempts and {len(data['cards'])} cards to {file}")


@progress_app.command("reset")
def reset_cmd(chapter: Optional[int] = typer.Option(None, "--chapter", help="Only this chapter's progress."),
              yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation.")) -> None:
    """Delete stored progress (all of it, or one chapter's)."""
    what = f"chapter {chapter}'s progress" if chapter is not None else "ALL progress"
    if not yes and not typer.confirm(f"Delete {what}?", default=False):
        typer.echo("nothing deleted")
        raise typer.Exit(1)
    with _open_store() as store:
        removed = store.reset(chapter)
    typer.echo(f"deleted {what}: {removed} attempts")


def register(app: typer.Typer) -> None:
    """Add quiz, review, exam, stats and progress to the root app."""
    app.add_typer(quiz_app, name="quiz")
    app.command("review")(review_cmd)
    app.command("exam")(exam_cmd)
    app.command("stats")(stats_cmd)
    app.add_typer(progress_app, name="progress")
