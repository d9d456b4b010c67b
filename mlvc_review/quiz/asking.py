"""How each question type is asked inside a session: a registry, type -> asker(session, ctx).

Auto-graded types read an answer until it parses (malformed input is shown back
and not counted), then grade it; a flashcard is revealed and then self-rated;
a code question goes through the grader (`code_task`). Every asker ends with
`session.finish(...)` (a graded attempt) or `session.skip(ctx)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mlvc_review.quiz import events as ev
from mlvc_review.quiz.scheduler import rating_for
from mlvc_review.quiz.strings import t

if TYPE_CHECKING:
    from mlvc_review.quiz.session import Ctx, Session

def read_parsed(session: "Session", ctx: "Ctx", checker: Any, prompt: str) -> tuple[str, Any] | None:
    """(raw, parsed) for the first input the checker accepts; None when the student skips."""
    from mlvc_review.quiz.checkers.base import InvalidAnswer

    while True:
        raw = session.read_answer(ctx, prompt)
        if raw is None:
            return None
        try:
            return raw, checker.parse(ctx.question, ctx.variant, raw, session.lang)
        except InvalidAnswer as err:
            session.io.show(ev.InvalidInput(err.text(session.lang), err.understood, session.lang))
        except Exception as err:  # a checker bug: reported, never a traceback, nothing counted
            not_checked(session, ctx, raw, "parse", err)


def read_graded(session: "Session", ctx: "Ctx", checker: Any, prompt: str) -> tuple[str, Any, Any] | None:
    """(raw, parsed, grade) of the first answer that parses and can be graded; None when the student skips."""
    while True:
        answer = read_parsed(session, ctx, checker, prompt)
        if answer is None:
            return None
        raw, parsed = answer
        try:
            return raw, parsed, checker.grade(ctx.question, ctx.variant, parsed, session.lang)
        except Exception as err:  # a checker bug: reported, never a traceback, nothing counted
            not_checked(session, ctx, raw, "grade", err)


def not_checked(session: "Session", ctx: "Ctx", raw: str, stage: str, err: Exception) -> None:
    """Tell the student the answer could not be checked and was not counted; log a report of the error."""
    from mlvc_review.quiz.incidents import report_checker_error

    path = report_checker_error(ctx.question, ctx.item.seed, raw, stage, session.lang, err)
    session.io.show(ev.Notice(t("not_checked", session.lang, report=path or "-"), "warn"))


def ask_graded(session: "Session", ctx: "Ctx") -> None:
    """choice, multi, numeric, symbolic, matrix_expr: parse, grade, rate from correctness, hints and time."""
    answer = read_graded(session, ctx, session.checker(ctx.question.type), t("answer", session.lang))
    if answer is None:
        return session.skip(ctx)
    raw, parsed, grade = answer
    rating = rating_for(ctx.question.type, grade.correct, ctx.hints_used, session.clock() - ctx.started)
    session.finish(ctx, raw, grade, rating, parsed)


def ask_flashcard(session: "Session", ctx: "Ctx") -> None:
    """Recall (anything typed, or nothing), reveal the answer, then the student's own rating."""
    q, checker = ctx.question, session.checker("flashcard")
    recall = session.read_answer(ctx, t("reveal", session.lang), allow_empty=True)
    if recall is None:
        return session.skip(ctx)
    session.io.show(ev.Revealed(ctx.variant.render(q.answer, session.lang), session.lang, recall))
    from mlvc_review.quiz.checkers.flashcard import RATING_ALIASES

    ctx.reserved = ctx.reserved | set(RATING_ALIASES)  # every rating is an answer now: 'h' means hard, not hint
    ctx.keys = "1234"  # on a terminal one key press rates it
    answer = read_graded(session, ctx, checker, t("rate", session.lang))
    if answer is None:
        return session.skip(ctx)
    raw, parsed, grade = answer
    rating = rating_for("flashcard", grade.correct, ctx.hints_used, 0.0, self_rating=str(parsed.value))
    session.finish(ctx, raw, grade, rating, parsed)


def ask_code(session: "Session", ctx: "Ctx") -> None:
    """Starter file, 'ready', the grader's report (imported only now: it may need torch)."""
    from mlvc_review.quiz.code_task import ask_code as run

    run(session, ctx)


def ask_derivation(session: "Session", ctx: "Ctx") -> None:
    """Steps one at a time, each answer revealed once attempted (`mlvc_review.quiz.derivation`)."""
    from mlvc_review.quiz.derivation import ask_derivation as run

    run(session, ctx)


ASKERS: dict[str, Callable[["Session", "Ctx"], None]] = {"flashcard": ask_flashcard, "code": ask_code,
                                                         "derivation": ask_derivation}


def asker_for(qtype: str) -> Callable[["Session", "Ctx"], None]:
    """The asker of a question type; every auto-graded type shares `ask_graded`."""
    return ASKERS.get(qtype, ask_graded)
