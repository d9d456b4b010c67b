"""The bank as an Anki deck (`mlvc-review export anki`): flashcards, choice and numeric questions.

Each note carries its question id; its GUID is derived from the id and the language,
so importing a later export into Anki updates the notes instead of adding copies.
A choice question shows its options (in the order of variant 0) on the front and
the right one(s) with the explanation on the back; a parameterised numeric question
is exported as variant 0, its numbers filled in. The deck and note type have fixed
ids (one deck per language and chapter selection). genanki is imported only here.
"""

from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from mlvc_review.bank.model import QuestionBase

EXPORTED = ("flashcard", "choice", "multi", "numeric")
FIELDS = ("QuestionId", "Front", "Back", "Chapter")
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .muted { color: #888; font-size: 14px; }"


class NoteData(NamedTuple):
    """One exported question as plain data: HTML front and back, Anki tags."""

    question_id: str
    front: str
    back: str
    chapter: str
    tags: list[str]


def _stable_id(*parts: str) -> int:
    """A 31-bit id that is the same at every export (Anki model and deck ids)."""
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:8], 16) >> 1


def _html(text: str) -> str:
    return html.escape(text.strip()).replace("\n", "<br>")


def note_data(question: QuestionBase, chapter_title: str, lang: str) -> NoteData | None:
    """The note of one question (None for a type Anki cannot check: symbolic, matrix, code ...)."""
    from mlvc_review.bank.params import draw_variant
    from mlvc_review.quiz.checkers import get_checker

    qtype = question.type  # type: ignore[attr-defined]
    if qtype not in EXPORTED:
        return None
    variant = draw_variant(question, 0)
    front = _html(variant.render(question.prompt, lang))
    if qtype in ("choice", "multi"):
        from mlvc_review.quiz.checkers.choice import LETTERS, options_for

        options = options_for(question, variant)
        front += "<br><br>" + "<br>".join(f"<b>{LETTERS[i]})</b> {_html(variant.render(o.text, lang))}"
                                          for i, o in enumerate(options))
    if qtype == "flashcard":
        answer = variant.render(question.answer, lang)  # type: ignore[attr-defined]
    else:
        answer = get_checker(qtype).expected(question, variant, lang)
    back = f"<b>{_html(answer)}</b><br><br>{_html(variant.render(question.explanation, lang))}"
    if question.notes_slip:
        back += f"<br><br><i>{_html(variant.render(question.notes_slip, lang))}</i>"
    back += f'<br><br><span class="muted">{html.escape(question.id)}</span>'
    tags = [f"mlvc::ch{question.chapter}", f"mlvc::{question.topic}", *(f"mlvc::{t}" for t in question.tags)]
    return NoteData(question.id, front, back, f"{question.chapter} {chapter_title}", [t.replace(" ", "_") for t in tags])


def write_deck(notes: Sequence[NoteData], path: Path, *, name: str, lang: str) -> Path:
    """Write `notes` as an .apkg at `path`; the GUIDs and ids are stable across exports."""
    import genanki

    model = genanki.Model(
        _stable_id("mlvc-review", "model", "v1"), "mlvc-review question",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        css=CSS,
    )
    deck = genanki.Deck(_stable_id("mlvc-review", "deck", name, lang), name)
    for n in notes:
        deck.add_note(genanki.Note(model=model, fields=[n.question_id, n.front, n.back, n.chapter], tags=n.tags,
                                   guid=genanki.guid_for("mlvc-review", n.question_id, lang)))
    # written beside the target, then renamed: a full disk leaves neither a torn deck nor a lost older one
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        genanki.Package(deck).write_to_file(str(partial))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
