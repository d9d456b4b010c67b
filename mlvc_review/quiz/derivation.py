"""How a derivation is asked: its steps one at a time, in one panel that grows with the working.

Before each step the panel shows the steps so far (what was typed, the answer, the
working) and the step now asked. A step's answer is revealed as soon as the step is
attempted — right, wrong or given up with `:s` — so a student stuck on step 2 can
still do step 3. The derivation is one FSRS card: its score is the mean of the step
scores; all steps right rates as any right answer does, at least half the credit
rates Hard, less rates Again. Giving up every step is a skip. Quitting (or the
end of input, or an exam's time limit) part-way still commits the steps answered,
the rest scoring 0. In an exam the answers are still revealed (later steps build
on them) but marks and feedback wait for the report.
"""

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # the events are imported by the terminal UI at start-up; the rest only when a derivation is asked
    from mlvc_review.quiz.checkers.base import Grade
    from mlvc_review.quiz.session import Ctx, Session


class StepShown(NamedTuple):
    """One attempted step of a derivation, as the panel shows it."""

    number: int
    prompt: str
    raw: str  # what was typed; "" when given up
    understood: str | None
    expected: str
    score: float | None  # None: given up
    feedback: list[str]
    explanation: str | None  # the working, revealed once the step is attempted


class DerivationPanel(NamedTuple):
    """A derivation so far: the steps done and the step now asked (`current` None when all are done)."""

    question_id: str
    total: int
    done: tuple[StepShown, ...]
    current: int | None
    prompt: str | None
    unit: str | None
    marks: bool  # False in an exam: answers are revealed, marks wait for the report
    lang: str = "en"


def rating(grade: "Grade", hints_used: int, seconds: float) -> int:
    """FSRS rating of a derivation: all right as any answer; half the credit or more Hard; less Again."""
    from mlvc_review.quiz.scheduler import AGAIN, HARD, rating_for

    if grade.correct:
        return rating_for("derivation", True, hints_used, seconds)
    return HARD if grade.score >= 0.5 else AGAIN


def ask_derivation(session: "Session", ctx: "Ctx") -> None:
    """Ask every step of the derivation `ctx.question`, then commit one graded attempt (or a skip)."""
    from mlvc_review.quiz.asking import read_graded
    from mlvc_review.quiz.checkers.base import tr
    from mlvc_review.quiz.checkers.derivation import steps_of
    from mlvc_review.quiz.keys import reserved_answers
    from mlvc_review.quiz.session import _End

    q, variant, lang = ctx.question, ctx.variant, session.lang
    steps = steps_of(q)
    done: list[StepShown] = []
    grades: list["Grade | None"] = []
    raws: list[str] = []

    def panel(current: int | None) -> DerivationPanel:
        step = None if current is None else q.steps[current - 1]
        unit = variant.render(step.unit, lang) if step is not None and step.unit else None
        return DerivationPanel(q.id, len(steps), tuple(done), current,
                               None if step is None else variant.render(step.prompt, lang), unit,
                               not session.exam, lang)

    try:
        for number, step in enumerate(steps, 1):
            ctx.reserved = reserved_answers(step.question)  # this step's variables are answers, not commands
            session.io.show(panel(number))
            answer = read_graded(session, ctx, step, tr(lang, "step {n}", "第 {n} 步", n=number))
            raw, parsed, grade = answer if answer is not None else ("", None, None)
            grades.append(grade)
            raws.append(raw)
            working = q.steps[number - 1].explanation
            done.append(StepShown(number, variant.render(q.steps[number - 1].prompt, lang), raw,
                                  getattr(parsed, "understood", None), step.expected(q, variant, lang),
                                  None if grade is None else grade.score, [] if grade is None else grade.feedback,
                                  variant.render(working, lang) if working else None))
    except _End:
        _commit(session, ctx, grades + [None] * (len(steps) - len(grades)), raws, attempted=bool(grades))
        raise
    session.io.show(panel(None))
    _commit(session, ctx, grades, raws, attempted=True)


def _commit(session: "Session", ctx: "Ctx", grades: list["Grade | None"], raws: list[str], attempted: bool) -> None:
    """One graded attempt when any step was answered; a skip when every step reached was given up."""
    if not attempted:
        return
    if all(g is None for g in grades):
        return session.skip(ctx)
    from mlvc_review.quiz.checkers import get_checker
    from mlvc_review.quiz.checkers.derivation import combine

    q, lang = ctx.question, session.lang
    grade = combine(grades, get_checker("derivation").expected(q, ctx.variant, lang), lang)
    raw = "\n".join(raws + [""] * (len(grades) - len(raws)))
    session.finish(ctx, raw, grade, rating(grade, ctx.hints_used, session.clock() - ctx.started), None)

