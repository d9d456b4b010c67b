"""`mlvc-review bank ...` and `mlvc-review chapters`: inspect, validate and extend the bank."""

from __future__ import annotations

import json
from typing import Optional

import typer

from mlvc_review.cli.options import BankOpt, Format, Lang, lang_option
from mlvc_review.errors import UsageError

bank_app = typer.Typer(help="Inspect, validate and extend the question bank.", no_args_is_help=True)


def _load(bank: Optional[list[str]]):
    from mlvc_review.bank.loader import load_bank

    return load_bank(bank or [])


def _chapter_number(loaded, chapter: Optional[str]) -> Optional[int]:
    return None if chapter is None else loaded.chapter(chapter).number


@bank_app.command("validate")
def validate_cmd(
    bank: Optional[list[str]] = BankOpt,
    quick: bool = typer.Option(False, "--quick", help="Schema and consistency only; skip answer and code-task proofs."),
    require_zh: bool = typer.Option(False, "--require-zh", help="A missing Chinese text is an error, not a warning."),
) -> None:
    """Load every bank, check each question's schema, consistency, answers and code-task checks."""
    from mlvc_review.bank.validate import validate
    from mlvc_review.ui.bank import render_validation

    loaded = _load(bank)
    report = validate(loaded, deep=not quick, require_zh=require_zh)
    render_validation(loaded, report)
    if not report.ok:
        raise typer.Exit(1)


@bank_app.command("list")
def list_cmd(
    chapter: Optional[str] = typer.Option(None, "--chapter", "-c", help="Chapter number or slug."),
    qtype: Optional[str] = typer.Option(None, "--type", "-t", help="Question type."),
    tag: Optional[str] = typer.Option(None, "--tag", help="Tag or topic."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    lang: Lang = lang_option("Language of the table's headings and messages.", "-l"),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """List questions, as a table or as JSON for scripts."""
    from mlvc_review.bank.model import QUESTION_TYPES

    if qtype is not None and qtype not in QUESTION_TYPES:
        from mlvc_review.quiz.strings import STRINGS

        raise UsageError.of(*STRINGS["unknown_type"], qtype=qtype, types=", ".join(QUESTION_TYPES))
    loaded = _load(bank)
    questions = loaded.select(_chapter_number(loaded, chapter), qtype, tag)
    if fmt is Format.json:
        rows = [
            {"id": q.id, "chapter": q.chapter, "type": q.type, "topic": q.topic, "tags": q.tags,  # type: ignore[attr-defined]
             "difficulty": q.difficulty, "languages": q.languages}
            for q in questions
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from mlvc_review.ui.bank import render_list

    render_list(loaded, questions, lang.value)


@bank_app.command("search")
def search_cmd(
    text: list[str] = typer.Argument(..., metavar="TEXT...", help="Words that must all occur (any language)."),
    lang: Lang = lang_option("Language of the prompts shown and messages.", "-l"),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Show at most this many."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """Search ids, topics, tags and every text of the bank (both languages); quiz a hit with `bank show ID`."""
    from mlvc_review.quiz.search import search

    query = " ".join(text)
    hits = search(_load(bank).questions, query)
    if fmt is Format.json:
        typer.echo(json.dumps([{"id": h.question.id, "chapter": h.question.chapter, "type": h.question.type,  # type: ignore[attr-defined]
                                "topic": h.question.topic, "matched_in": h.where} for h in hits],
                              ensure_ascii=False, indent=2))
        return
    from mlvc_review.ui.bank import render_search

    render_search(hits[:limit], len(hits), query, lang.value)


@bank_app.command("show")
def show_cmd(
    question_id: str = typer.Argument(..., metavar="ID", help="Question id (see `bank list`)."),
    lang: Lang = lang_option("Language of the text and messages.", "-l"),
    seed: int = typer.Option(0, "--seed", help="Which variant of a parameterised question."),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """Show one question as the student sees it, then its answer and explanation."""
    from mlvc_review.bank.params import draw_variant
    from mlvc_review.ui.bank import render_question

    loaded = _load(bank)
    question = loaded.get(question_id)
    render_question(loaded, question, draw_variant(question, seed), lang.value)


@bank_app.command("new")
def new_cmd(
    qtype: str = typer.Option(..., "--type", "-t", help="choice, multi, numeric, symbolic, matrix_expr, flashcard, code or derivation."),
    chapter: str = typer.Option(..., "--chapter", "-c", help="Chapter number or slug."),
) -> None:
    """Print a commented YAML template that validates once its TODOs are filled."""
    from mlvc_review.bank.loader import find_chapter, load_chapters
    from mlvc_review.bank.template import template, types
    from mlvc_review.paths import CHAPTERS_FILE, shipped_bank_dir

    if qtype not in types():
        raise UsageError(f"unknown type '{qtype}'; the types are {', '.join(types())}")
    found = find_chapter(load_chapters(shipped_bank_dir() / CHAPTERS_FILE), chapter)
    typer.echo(template(qtype, found.number, found.slug), nl=False)


@bank_app.command("stats")
def stats_cmd(
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    focus: bool = typer.Option(False, "--focus", help="Only the coverage of the notes' priority list (重点)."),
    lang: Lang = typer.Option(Lang.en, "--lang", "-l"),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """Question counts per chapter and type, and per priority item of the notes (重点) against its rank."""
    from mlvc_review.bank.focus import coverage
    from mlvc_review.bank.stats import counts

    loaded = _load(bank)
    rows = coverage(loaded.questions)
    if fmt is Format.json:
        if focus:
            data = [{"item": r.item.key if r.item else None, "rank": r.item.rank if r.item else None,
                     "questions": r.questions, "derivations": r.derivations, "share": round(r.share, 4),
                     "target": round(r.target, 4)} for r in rows]
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            typer.echo(json.dumps(counts(loaded), ensure_ascii=False, indent=2))
        return
    from mlvc_review.ui.bank import render_stats
    from mlvc_review.ui.focus import render_focus

    if not focus:
        render_stats(loaded, counts(loaded))
    render_focus(rows, lang.value)


def chapters_cmd(
    lang: Lang = lang_option("Language of the text and messages.", "-l"),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """The nine chapters with their question counts."""
    from mlvc_review.ui.bank import render_chapters

    render_chapters(_load(bank), lang.value)


def register(app: typer.Typer) -> None:
    app.add_typer(bank_app, name="bank")
    app.command("chapters")(chapters_cmd)
