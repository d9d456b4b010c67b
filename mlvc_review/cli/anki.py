"""`mlvc-review export anki`: the bank's flashcards, choice and numeric questions as an Anki deck."""

from pathlib import Path
from typing import Optional

import typer

from mlvc_review.cli.options import BankOpt, Lang, lang_option
from mlvc_review.cli.pathcheck import output_file, typer_callback


def export_anki(
    out: Path = typer.Option(..., "--out", "-o", help="The .apkg file to write.",
                             callback=typer_callback(output_file, "--out")),
    chapter: Optional[str] = typer.Option(None, "--chapter", "-c", help="Only this chapter (number or slug)."),
    lang: Lang = lang_option("Language of the cards and messages."),
    bank: Optional[list[str]] = BankOpt,
) -> None:
    """Write an Anki deck (import it on your phone); re-importing a later export updates the same notes."""
    from mlvc_review.bank.loader import load_bank
    from mlvc_review.errors import StoreError, UsageError
    from mlvc_review.quiz.anki import EXPORTED, note_data, write_deck

    if out.suffix.lower() != ".apkg":  # Anki's File > Import goes by the extension
        raise UsageError.of("--out {out}: an Anki deck must be written to a .apkg file (Anki imports by the extension)",
                            "--out {out}：Anki 卡组须写入 .apkg 文件（Anki 按扩展名导入）", out=out)
    loaded = load_bank(bank or [])
    number = None if chapter is None else loaded.chapter(chapter).number
    questions = loaded.select(chapter=number)
    titles = {n: c.title.get(lang.value) for n, c in loaded.chapters.items()}
    notes = [n for n in (note_data(q, titles.get(q.chapter, ""), lang.value) for q in questions) if n is not None]
    if not notes:
        raise UsageError.of("no {kinds} question to export", "没有可导出的题目（{kinds}）", kinds=", ".join(EXPORTED))
    name = "mlvc-review" + (f"::{number} {titles[number]}" if number is not None else "")
    try:
        write_deck(notes, out, name=name, lang=lang.value)
    except OSError as err:
        raise StoreError.of("cannot write {out}: {why}; nothing was written", "无法写入 {out}：{why}；未写入任何内容",
                            out=out, why=err.strerror or err) from None
    from mlvc_review.quiz.strings import t

    typer.echo(t("anki_written", lang.value, n=len(notes), out=out, name=name))
