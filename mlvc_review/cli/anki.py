"""`mlvc-review export anki`: the bank's flashcards, choice and numeric questions as an Anki deck."""

from pathlib import Path
from typing import Optional

import typer

from mlvc_review.cli.options import BankOpt, Lang
from mlvc_review.cli.pathcheck import output_file, typer_callback


def export_anki(
    out: Path = typer.Option(..., "--out", "-o", help="The .apkg file to write.",
                             callback=typer_callback(output_file, "--out")),
    chapter: Optional[str] = typer.Option(None, "--chapter", "-c", help="Only this chapter (number or slug)."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of the cards."),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """Write an Anki deck (import it on your phone); re-importing a later export updates the same notes."""
    from mlvc_review.bank.loader import load_bank
    from mlvc_review.errors import UsageError
    from mlvc_review.quiz.anki import EXPORTED, note_data, write_deck

    loaded = load_bank(bank or [])
    number = None if chapter is None else loaded.chapter(chapter).number
    questions = loaded.select(chapter=number)
    titles = {n: c.title.get(lang.value) for n, c in loaded.chapters.items()}
    notes = [n for n in (note_data(q, titles.get(q.chapter, ""), lang.value) for q in questions) if n is not None]
    if not notes:
        raise UsageError(f"no {', '.join(EXPORTED)} question to export")
    name = "mlvc-review" + (f"::{number} {titles[number]}" if number is not None else "")
    try:
        write_deck(notes, out, name=name, lang=lang.value)
    except OSError as err:
        raise UsageError(f"cannot write {out}: {err.strerror}") from None
    typer.echo(f"wrote {len(notes)} notes to {out} (deck '{name}'); import it in Anki: File > Import")
