"""`mlvc-review quiz|review|exam|stats|progress`: parse options, call the quiz core, render.

Imports only Typer at module level; the bank, the store, fsrs and Rich views are
imported inside the commands so that start-up stays fast. Annotations are real
objects (no `from __future__ import annotations`): Typer would otherwise compile
every string annotation of every command at each start.
"""

from pathlib import Path
from typing import Optional

import typer

from mlvc_review.cli.options import BankOpt, Format, Lang, lang_option
from mlvc_review.cli.pathcheck import output_file, typer_callback, work_dir
from mlvc_review.errors import UnknownQuestion, UsageError

quiz_app = typer.Typer(help="Revise with an interactive quiz (answers scheduled by FSRS).", no_args_is_help=True)
progress_app = typer.Typer(help="Export, reset or tune your stored progress and settings.", no_args_is_help=True)


OnlyOpt = typer.Option(False, "--only-bank", help="Use only the --bank directories, not the shipped questions.")
LangOpt = lang_option("Language of questions and messages.")
MessagesLangOpt = lang_option("Language of the messages.")
SeedOpt = typer.Option(None, "--seed", help="Make the session reproducible (variants and order).")
LimitOpt = typer.Option(10, "--limit", "-n", min=1, help="Ask at most this many questions.")
TypeOpt = typer.Option(None, "--type", "-t", help="Only this question type (choice, numeric, ...).")
NewOpt = typer.Option(False, "--new", help="Only questions you have never answered.")
DueOpt = typer.Option(False, "--due", help="Only questions that are due for review.")
WorkdirOpt = typer.Option(None, "--workdir", help="Where code questions write starter files (default: cwd).",
                          callback=typer_callback(work_dir, "--workdir"))
NewPerDayOpt = typer.Option(None, "--new-per-day", min=0, metavar="N",
                            help="New questions a day (stored: later sessions keep it; default 20).")


def _complete_chapter(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of chapter numbers and slugs (from the shipped bank's chapter list)."""
    from mlvc_review.cli.completion import chapters

    return chapters(incomplete)


def _complete_topic(incomplete: str) -> list[tuple[str, str]]:
    from mlvc_review.cli.completion import topics

    return topics(incomplete)


def _load(bank: Optional[list[str]], only: bool = False, chapter: Optional[str] = None):
    from mlvc_review.bank.loader import load_bank

    if only and not bank:
        from mlvc_review.quiz.strings import STRINGS

        raise UsageError(*STRINGS["err_only_bank"])
    return load_bank(bank or [], include_shipped=not only, chapter=chapter)


def _open_store(read_only: bool = False, lang: str = "en"):
    from rich.markup import escape

    from mlvc_review.errors import in_lang
    from mlvc_review.quiz.store import open_store
    from mlvc_review.quiz.strings import t
    from mlvc_review.ui import err_console

    store = open_store(read_only=read_only)  # read_only: still read where it cannot be written
    if store.notice:
        head = t("warning", lang) + ("：" if lang == "zh" else ": ")
        err_console.print(f"[warn]{escape(head)}[/warn]{escape(in_lang(store.notice, lang))}", highlight=False,
                          soft_wrap=True)
    return store


def _run(items, store, loaded, *, seed: int, lang: Lang, mode: str, minutes: float | None = None,
         workdir: Path | None = None, settings=None) -> None:
    """Run the session; Ctrl-C ends it with its summary and exit status 130 (every answer is saved)."""
    from mlvc_review.quiz.events import Notice
    from mlvc_review.quiz.session import Session
    from mlvc_review.quiz.settings import load_settings, suspend
    from mlvc_review.quiz.strings import t
    from mlvc_review.ui.quiz import TerminalIO, render

    if not items:
        render(Notice(t("nothing", lang.value), "warn"))
        return
    settings = settings or load_settings()
    titles = {n: c.title.get(lang.value) for n, c in loaded.chapters.items()}
    summary = Session(items, TerminalIO(), store, seed=seed, lang=lang.value, mode=mode, minutes=minutes,
                      chapter_titles=titles, workdir=workdir, relearn=mode != "exam", retention=settings.retention,
                      parameters=settings.parameters, suspend=None if mode == "exam" else suspend).run()
    if summary.ended_by == "interrupt":
        from mlvc_review.ui import print_error

        print_error(t("interrupted", lang.value), lang.value)
        raise typer.Exit(130)


def _quiz(questions, bank_loaded, *, limit, qtype, seed, lang, new, due, workdir, new_per_day=None) -> None:
    from mlvc_review.bank.model import QUESTION_TYPES
    from mlvc_review.quiz.selection import introduced_today, new_held_back, plan_quiz, session_seed
    from mlvc_review.quiz.settings import load_settings, update_settings
    from mlvc_review.quiz.store import utc_now
    from mlvc_review.quiz.strings import STRINGS, t

    if qtype is not None:
        if qtype not in QUESTION_TYPES:
            raise UsageError.of(*STRINGS["unknown_type"], qtype=qtype, types=", ".join(QUESTION_TYPES))
        questions = [q for q in questions if q.type == qtype]
    settings = update_settings(new_per_day=new_per_day) if new_per_day is not None else load_settings()
    seed = session_seed(seed)
    now = utc_now()
    with _open_store(lang=lang.value) as store:
        attempts = store.attempts()
        cards = store.cards()
        new_left = settings.new_per_day - introduced_today(attempts, now)
        skipped = {a["question_id"] for a in attempts if a["skipped"]}
        items = plan_quiz(questions, cards, now, limit=limit, seed=seed, only_new=new, only_due=due,
                          new_left=new_left, suspended=set(settings.suspended), skipped=skipped)
        held = new_held_back(questions, cards, new_left, set(settings.suspended))
        if held and not due and len(items) < limit:
            from mlvc_review.quiz.events import Notice
            from mlvc_review.ui.quiz import render

            render(Notice(t("new_held", lang.value, n=held, limit=settings.new_per_day), "warn"))
        _run(items, store, bank_loaded, seed=seed, lang=lang, mode="quiz", workdir=workdir, settings=settings)


def _chapter(loaded, chapter: str, lang: Lang):
    from mlvc_review.errors import UnknownQuestion as Unknown

    try:
        return loaded.chapter(chapter)
    except Unknown:
        from mlvc_review.quiz.strings import STRINGS

        known = ", ".join(f"{c.number} ({c.slug})" for c in loaded.chapters.values())
        raise Unknown.of(*STRINGS["unknown_chapter"], chapter=chapter, known=known) from None


@quiz_app.command("chapter")
def chapter_cmd(chapter: str = typer.Argument(..., help="Chapter number or slug.", autocompletion=_complete_chapter),
                limit: int = LimitOpt, qtype: Optional[str] = TypeOpt, seed: Optional[int] = SeedOpt,
                lang: Lang = LangOpt, new: bool = NewOpt, due: bool = DueOpt, new_per_day: Optional[int] = NewPerDayOpt,
                bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
                workdir: Optional[Path] = WorkdirOpt) -> None:
    """Quiz one chapter: due questions first, then new ones (the most examined topics first)."""
    from mlvc_review.errors import UnknownQuestion as Unknown

    try:
        loaded = _load(bank, only_bank, chapter)  # builds only that chapter's questions
    except Unknown:
        loaded = _load(bank, only_bank)
    number = _chapter(loaded, chapter, lang).number
    _quiz(loaded.select(chapter=number), loaded, limit=limit, qtype=qtype, seed=seed, lang=lang, new=new, due=due,
          workdir=workdir, new_per_day=new_per_day)


@quiz_app.command("topic")
def topic_cmd(tag: str = typer.Argument(..., help="A tag or topic, e.g. attention.", autocompletion=_complete_topic),
              limit: int = LimitOpt, qtype: Optional[str] = TypeOpt, seed: Optional[int] = SeedOpt,
              lang: Lang = LangOpt, new: bool = NewOpt, due: bool = DueOpt, new_per_day: Optional[int] = NewPerDayOpt,
              bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
              workdir: Optional[Path] = WorkdirOpt) -> None:
    """Quiz every question with a tag (or topic) across chapters."""
    loaded = _load(bank, only_bank)
    questions = loaded.select(tag=tag)
    if not questions:
        from mlvc_review.quiz.strings import t
        from mlvc_review.quiz.topics import closest_tags

        close = closest_tags(tag, loaded.questions)
        en, zh = t("unknown_tag", "en", tag=tag), t("unknown_tag", "zh", tag=tag)
        if close:
            en += "; " + t("closest_tags", "en", tags=", ".join(close))
            zh += "；" + t("closest_tags", "zh", tags=", ".join(close))
        raise UnknownQuestion(en, zh)
    _quiz(questions, loaded, limit=limit, qtype=qtype, seed=seed, lang=lang, new=new, due=due, workdir=workdir,
          new_per_day=new_per_day)


@quiz_app.command("all")
def all_cmd(limit: int = LimitOpt, qtype: Optional[str] = TypeOpt, seed: Optional[int] = SeedOpt,
            lang: Lang = LangOpt, new: bool = NewOpt, due: bool = DueOpt, new_per_day: Optional[int] = NewPerDayOpt,
            bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt,
            workdir: Optional[Path] = WorkdirOpt) -> None:
    """Quiz the whole bank."""
    loaded = _load(bank, only_bank)
    _quiz(loaded.questions, loaded, limit=limit, qtype=qtype, seed=seed, lang=lang, new=new, due=due,
          workdir=workdir, new_per_day=new_per_day)


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
        from mlvc_review.quiz.strings import STRINGS

        try:
            when = datetime.strptime(exam_date, "%Y-%m-%d").replace(hour=9, tzinfo=timezone.utc)
        except ValueError:
            raise UsageError.of(*STRINGS["err_exam_date"], date=exam_date) from None
        if when.date() < utc_now().date():
            raise UsageError.of(*STRINGS["err_exam_date_past"], date=exam_date)
    from mlvc_review.quiz.settings import load_settings

    loaded = _load(bank, only_bank)
    seed = session_seed(seed)
    settings = load_settings()
    with _open_store(lang=lang.value) as store:
        items = plan_review(loaded.questions, store.cards(), utc_now(), limit=limit, seed=seed, exam_date=when,
                            suspended=set(settings.suspended))
        _run(items, store, loaded, seed=seed, lang=lang, mode="review", workdir=workdir, settings=settings)


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
    with _open_store(lang=lang.value) as store:
        _run(items, store, loaded, seed=seed, lang=lang, mode="exam", minutes=minutes)


def stats_cmd(fmt: Format = typer.Option(Format.table, "--format", help="table or json."), lang: Lang = LangOpt,
              forecast: bool = typer.Option(False, "--forecast", help="Also chart the reviews due each day."),
              days: int = typer.Option(21, "--days", min=1, max=365, help="Days the forecast covers."),
              bank: Optional[list[str]] = BankOpt, only_bank: bool = OnlyOpt) -> None:
    """Progress per chapter (answered, accuracy, mean recall, due now, leeches) and the weakest topics."""
    import json
    from collections import Counter

    from mlvc_review.quiz.settings import load_settings
    from mlvc_review.quiz.stats import chapter_stats, forecast as due_per_day
    from mlvc_review.quiz.store import utc_now
    from mlvc_review.quiz.topics import weakest_topics

    loaded = _load(bank, only_bank)
    titles = {n: c.title.get(lang.value) for n, c in loaded.chapters.items()}
    counts = Counter(q.chapter for q in loaded.questions)
    now = utc_now()
    with _open_store(read_only=True, lang=lang.value) as store:
        rows = chapter_stats(store, titles, dict(counts), now)
        weakest = weakest_topics(store.attempts(), {q.id: q.topic for q in loaded.questions}, MIN_TOPIC_ANSWERS)
        days_due = due_per_day(store.cards(), now, days) if forecast else None
    if fmt is Format.json:
        data = {"chapters": rows, "weakest_topics": weakest, "settings": _settings_json(load_settings())}
        if days_due is not None:
            data["forecast"] = days_due
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from mlvc_review.ui.stats import render_forecast, render_stats, render_weakest

    render_stats(rows, lang.value)
    render_weakest(weakest, MIN_TOPIC_ANSWERS, lang.value)
    if days_due is not None:
        render_forecast(days_due, lang.value)


MIN_TOPIC_ANSWERS = 3


def _settings_json(settings) -> dict:
    from mlvc_review.quiz.settings import as_dict

    return as_dict(settings)


@progress_app.command("settings")
def settings_cmd(new_per_day: Optional[int] = typer.Option(None, "--new-per-day", min=0, metavar="N",
                                                           help="New questions a day (default 20)."),
                 retention: Optional[float] = typer.Option(None, "--retention", metavar="R",
                                                           help="Desired recall when a card comes due, 0.70-0.99 "
                                                                "(FSRS's default 0.9; higher means more reviews)."),
                 default_weights: bool = typer.Option(False, "--default-weights",
                                                      help="Forget optimised FSRS weights; use FSRS's defaults."),
                 fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
                 lang: Lang = MessagesLangOpt) -> None:
    """Show the stored quiz settings, or change them."""
    import json

    from mlvc_review.quiz.settings import check_new_per_day, check_retention, load_settings, update_settings

    changes: dict = {}
    if new_per_day is not None:
        changes["new_per_day"] = check_new_per_day(new_per_day)
    if retention is not None:
        changes["retention"] = check_retention(retention)
    if default_weights:
        changes["parameters"] = None
    settings = update_settings(**changes) if changes else load_settings()
    data = _settings_json(settings)
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from mlvc_review.quiz.strings import t

    ui = lang.value
    weights = (t("weights_default", ui) if settings.parameters is None
               else t("weights_optimised", ui, n=len(settings.parameters)))
    typer.echo("\n".join([t("set_new_per_day", ui, n=settings.new_per_day), t("set_retention", ui, r=settings.retention),
                          t("set_weights", ui, weights=weights), t("set_suspended", ui, n=len(settings.suspended))]))


@progress_app.command("unsuspend")
def unsuspend_cmd(question_ids: Optional[list[str]] = typer.Argument(None, metavar="[ID]...",
                                                                     help="Question ids (none: list them)."),
                  every: bool = typer.Option(False, "--all", help="Unsuspend every suspended question."),
                  lang: Lang = MessagesLangOpt) -> None:
    """List suspended questions, or bring some (or all) back into the schedule."""
    from mlvc_review.quiz.settings import load_settings, unsuspend
    from mlvc_review.quiz.strings import STRINGS, t

    if not question_ids and not every:
        suspended = load_settings().suspended
        typer.echo("\n".join(suspended) if suspended else t("none_suspended", lang.value))
        return
    _, gone = unsuspend(None if every else list(question_ids or []))
    unknown = [q for q in question_ids or [] if q not in gone]
    if gone:
        typer.echo(t("unsuspended", lang.value, n=len(gone), ids=", ".join(gone)))
    if unknown:
        raise UsageError.of(*STRINGS["err_not_suspended"], ids=", ".join(unknown))


@progress_app.command("optimise")
def optimise_cmd(dry_run: bool = typer.Option(False, "--dry-run", help="Compute and show; do not store."),
                 lang: Lang = MessagesLangOpt) -> None:
    """Fit FSRS's weights to your own review history (needs enough of it) and use them from now on."""
    from mlvc_review.errors import in_lang
    from mlvc_review.quiz.optimise import optimise
    from mlvc_review.quiz.settings import update_settings
    from mlvc_review.quiz.strings import t

    with _open_store(read_only=True, lang=lang.value) as store:
        result = optimise(store.attempts())
    typer.echo(in_lang(result.message, lang.value))
    if not dry_run:
        update_settings(parameters=tuple(result.parameters))
        typer.echo(t("optimise_stored", lang.value))


@progress_app.command("export")
def export_cmd(file: Path = typer.Argument(..., help="JSON file to write.",
                                           callback=typer_callback(output_file, "FILE")),
               lang: Lang = MessagesLangOpt) -> None:
    """Write every attempt and card to a JSON file."""
    import json

    from mlvc_review.quiz.strings import STRINGS, t

    with _open_store(read_only=True, lang=lang.value) as store:
        data = store.export()
    try:
        file.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError.of(*STRINGS["err_cannot_write"], path=file, why=err.strerror) from None
    typer.echo(t("exported", lang.value, attempts=len(data["attempts"]), cards=len(data["cards"]), path=file))


@progress_app.command("reset")
def reset_cmd(chapter: Optional[int] = typer.Option(None, "--chapter", help="Only this chapter's progress."),
              yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
              lang: Lang = MessagesLangOpt) -> None:
    """Delete stored progress (all of it, or one chapter's)."""
    from mlvc_review.quiz.strings import t

    ui = lang.value
    what = t("reset_chapter", ui, chapter=chapter) if chapter is not None else t("reset_all", ui)
    if not yes and not typer.confirm(t("reset_confirm", ui, what=what), default=False):
        typer.echo(t("reset_none", ui))
        raise typer.Exit(1)
    from mlvc_review.quiz.settings import load_settings

    with _open_store(lang=ui) as store:
        removed = store.reset(chapter)
    typer.echo(t("reset_done", ui, what=what, n=removed))
    suspended = load_settings().suspended
    if suspended:
        typer.echo(t("reset_kept_suspended", ui, n=len(suspended)))


def register(app: typer.Typer) -> None:
    """Add quiz, review, exam, stats and progress to the root app."""
    app.add_typer(quiz_app, name="quiz")
    app.command("review")(review_cmd)
    app.command("exam")(exam_cmd)
    app.command("stats")(stats_cmd)
    app.add_typer(progress_app, name="progress")
