"""The question loop of a quiz, review or exam session, over an abstract IO.

`io.ask(prompt)` returns the next line typed (None at end of input) and
`io.show(event)` receives the plain events of `mlvc_review.quiz.events`. The
question type's asker (`mlvc_review.quiz.asking`) reads the answer: it is parsed
(malformed input is shown back, never counted) and graded; the session writes it
to the store with its FSRS card in one transaction, then explains it. An exam
shows no feedback until its report, and an answer given after its time limit is
not counted.

With `relearn` a wrong answer comes back a few questions later (`SessionQueue`).
`:u` takes the last answer back (its attempt is deleted, its card restored) and asks
that question again; `:!` suspends the question shown. Ctrl-C ends the session with
its summary (`ended_by` "interrupt"); every answer given before it is already saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from mlvc_review.bank.params import Variant, draw_variant
from mlvc_review.quiz import events as ev
from mlvc_review.quiz.keys import command_of, keys_line, reserved_answers
from mlvc_review.quiz.asking import asker_for
from mlvc_review.quiz.scheduler import AGAIN, RATING_NAMES, review
from mlvc_review.quiz.selection import Item, SessionQueue
from mlvc_review.quiz.store import Attempt, CardRow, ProgressStore, utc_now
from mlvc_review.quiz.strings import t


class QuizIO(Protocol):
    def ask(self, prompt: str) -> str | None: ...

    def show(self, event: object) -> None: ...


class _End(Exception):
    def __init__(self, reason: str):  # quit | eof | time
        self.reason = reason


class _Back(Exception):
    """`:u`: take the last answer back and ask its question again."""


@dataclass
class _Done:
    """How to take one finished question back: its item, its result, the card before it, a relearning step."""

    item: Item
    result: ev.Result
    card_before: CardRow | None
    reviewed: bool
    step: Item | None = None


@dataclass
class Ctx:
    """The question being asked: its variant, the inputs reserved as answers, hints used, start time."""

    item: Item
    variant: Variant
    reserved: set[str]
    started: float
    hints_used: int = 0
    suspended: bool = False
    keys: str | None = None  # the answer is one of these keys (a rating): read without Enter where possible

    @property
    def question(self) -> Any:
        return self.item.question


@dataclass
class Session:
    """One run over `items`. `mode` is quiz | review | exam; `minutes` limits the time."""

    items: Sequence[Item]
    io: QuizIO
    store: ProgressStore
    seed: int | None = None
    lang: str = "en"
    mode: str = "quiz"
    minutes: float | None = None
    chapter_titles: dict[int, str] = field(default_factory=dict)
    workdir: Path | None = None
    grader: Any = None  # an object with write_starter/grade_file; None means mlvc_review.grading.api
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = utc_now
    results: list[ev.Result] = field(default_factory=list)
    relearn: bool = False  # a wrong answer comes back later in the session (never in an exam)
    retention: float = 0.9  # FSRS desired retention
    parameters: tuple[float, ...] | None = None  # FSRS weights (None: the defaults)
    suspend: Callable[[str], object] | None = None  # stores a suspension (`:!`); None: not offered

    def __post_init__(self) -> None:
        self.queue = SessionQueue(self.items)
        self._done: list[_Done] = []  # what `:u` can take back, latest last
        self._deadline: float | None = None

    def checker(self, qtype: str) -> Any:
        """The answer checker of `qtype`, from the lazy registry."""
        from mlvc_review.quiz.checkers import get_checker

        return get_checker(qtype)

    @property
    def exam(self) -> bool:
        return self.mode == "exam"

    def run(self) -> ev.Summary:
        """Ask every item (until quit, end of input, Ctrl-C or the time limit) and show the summary."""
        started = self.clock()
        deadline = started + 60 * self.minutes if self.minutes else None
        self._deadline = deadline
        self.queue = SessionQueue(self.items)
        self._done = []
        ended, item = "done", None
        try:
            while self.queue:
                self._check_time()
                item = self.queue.pop()
                try:
                    self._ask(self.queue.asked, item)
                except _Back:
                    self._undo(item)
                item = None
        except _End as end:
            ended = end.reason
        except KeyboardInterrupt:
            ended = "interrupt"
        first = [r for r in self.results if not r.relearn]
        if self.exam:
            from mlvc_review.quiz.exam import exam_report

            left = list(self.queue.pending)
            if item is not None and not (self._done and self._done[-1].item is item):
                left.insert(0, item)  # the question shown when the session ended
            unreached = [self._unreached(i) for i in left]
            self.io.show(exam_report(self.items, first + unreached, self.chapter_titles, ended == "time", self.lang))
        answered = [r for r in first if not r.skipped]
        missed = tuple(ev.Missed(r.question_id, r.expected, r.score, r.skipped) for r in first
                       if not r.correct)
        summary = ev.Summary(self.mode, len(answered), sum(r.correct for r in answered),
                             len(first) - len(answered), sum(r.score for r in answered), len(self.items),
                             self.seed, ended, self.lang, self.clock() - started, missed,
                             sum(1 for r in self.results if r.relearn), not self.exam)
        self.io.show(summary)
        return summary

    def _undo(self, current: Item) -> None:
        """Delete the last answer and restore its card; ask that question again, then `current`."""
        done = self._done.pop()
        q = done.item.question
        self.store.undo(q.id, done.card_before, restore_card=done.reviewed)
        self.results.remove(done.result)
        if done.step is not None:
            self.queue.withdraw(done.step)
        self.queue.back(done.item, current)
        self.io.show(ev.Notice(t("undone", self.lang, id=q.id)))

    def _unreached(self, item: Item) -> ev.Result:
        """An exam question the time limit (or a quit) left unanswered, for the report."""
        q = item.question
        ctx = Ctx(item, draw_variant(q, item.seed), set(), self.clock())
        return self._result(ctx, "", 0.0, False, "", skipped=True)._replace(reached=False)

    def _check_time(self) -> None:
        if self._deadline is not None and self.clock() > self._deadline:
            self.io.show(ev.Notice(t("time_up", self.lang), "warn"))
            raise _End("time")

    def _ask(self, index: int, item: Item) -> None:
        q = item.question
        variant = draw_variant(q, item.seed)
        ctx = Ctx(item, variant, reserved_answers(q), self.clock())
        options: tuple[tuple[str, str], ...] = ()
        if q.type in ("choice", "multi"):
            from mlvc_review.quiz.checkers.choice import LETTERS, options_for

            options = tuple((LETTERS[i], variant.render(o.text, self.lang)) for i, o in enumerate(options_for(q, variant)))
        unit = variant.render(q.unit, self.lang) if getattr(q, "unit", None) else None
        self.io.show(ev.QuestionShown(index, self.queue.total, q.id, q.type, q.chapter,
                                      variant.render(q.prompt, self.lang), options, unit, len(q.hints),
                                      keys_line(ctx.reserved, self.lang), self.lang,
                                      None if self._deadline is None else self._deadline - self.clock(), item.relearn))
        asker_for(q.type)(self, ctx)

    def read_answer(self, ctx: Ctx, prompt: str, allow_empty: bool = False, keys: str | None = None) -> str | None:
        """The next answer typed; hints, help, undo and suspend are handled here; None means skip.

        `keys`: the answer is one of these keys, read without Enter where the IO can (`ask_key`).
        """
        keys = keys or ctx.keys
        ask_key = getattr(self.io, "ask_key", None) if keys else None
        while True:
            raw = ask_key(prompt, keys) if ask_key else self.io.ask(prompt)
            if raw is None:
                raise _End("eof")
            command = command_of(raw, ctx.reserved)
            self._check_time()
            if command == "quit":
                raise _End("quit")
            if command == "skip":
                return None
            if command == "undo":
                if self.exam:
                    self.io.show(ev.Notice(t("no_undo_exam", self.lang), "warn"))
                elif not self._done:
                    self.io.show(ev.Notice(t("nothing_to_undo", self.lang), "warn"))
                else:
                    raise _Back()
                continue
            if command == "suspend":
                if self.exam or self.suspend is None:
                    self.io.show(ev.Notice(t("no_suspend", self.lang), "warn"))
                    continue
                self.suspend(ctx.question.id)
                ctx.suspended = True
                return None
            if command == "help":
                fmt = t("help_answer", self.lang, fmt=t(f"fmt_{ctx.question.type}", self.lang))
                self.io.show(ev.HelpShown([keys_line(ctx.reserved, self.lang), t("help_rule", self.lang), fmt]))
            elif command == "hint":
                self._hint(ctx)
            elif raw.strip() or allow_empty:
                return raw.strip()
            else:
                self.io.show(ev.InvalidInput(t("empty", self.lang), None, self.lang))

    def _hint(self, ctx: Ctx) -> None:
        hints = ctx.question.hints
        if self.exam:
            self.io.show(ev.Notice(t("no_hints_exam", self.lang), "warn"))
        elif ctx.hints_used >= len(hints):
            self.io.show(ev.Notice(t("no_more_hints", self.lang), "warn"))
        else:
            ctx.hints_used += 1
            text = ctx.variant.render(hints[ctx.hints_used - 1], self.lang)
            self.io.show(ev.HintShown(ctx.hints_used, len(hints), text, self.lang))

    def skip(self, ctx: Ctx) -> None:
        """Log a skip (no FSRS review) and move on; a suspended question is only reported."""
        q = ctx.question
        if ctx.suspended:
            self.io.show(ev.Notice(t("suspended", self.lang, id=q.id)))
            return
        self.store.record(Attempt(q.id, q.chapter, q.type, ctx.item.seed, "", 0.0, False, None, ctx.hints_used,
                                  self.clock() - ctx.started, self.mode, skipped=True))
        result = self._result(ctx, "", 0.0, False, "", skipped=True)
        self.results.append(result)
        self._done.append(_Done(ctx.item, result, None, reviewed=False))
        if not self.exam:
            self.io.show(ev.Skipped(q.id, self.lang))

    def finish(self, ctx: Ctx, raw: str, grade: Any, rating: int, parsed: Any) -> None:
        """Commit the graded attempt and its card, then show the feedback (not in an exam)."""
        q, now = ctx.question, self.now()
        attempt = Attempt(q.id, q.chapter, q.type, ctx.item.seed, raw, grade.score, grade.correct, rating,
                          ctx.hints_used, self.clock() - ctx.started, self.mode)
        before: list[CardRow | None] = []

        def reviewed(current: CardRow | None) -> CardRow:
            before.append(current)
            return review(current, q.id, q.chapter, rating, now, self.retention, self.parameters)

        card = self.store.record(attempt, reviewed)
        result = self._result(ctx, raw, grade.score, grade.correct, grade.expected)
        self.results.append(result)
        if self.exam:
            return
        step = None
        if self.relearn and rating == AGAIN and q.type != "code":  # a file is fixed at leisure, not in a minute
            step = self.queue.again(ctx.item)
        self._done.append(_Done(ctx.item, result, before[0] if before else None, reviewed=True, step=step))
        self.io.show(ev.Feedback(
            q.id, grade.correct, grade.score, grade.expected, list(grade.feedback),
            getattr(parsed, "understood", None), list(getattr(parsed, "warnings", []) or []),
            ctx.variant.render(q.explanation, self.lang), ctx.variant.render(q.notes_slip, self.lang) or None,
            RATING_NAMES[rating], card.due if card else None, self.lang, step is not None, q.type,
        ))

    def _result(self, ctx: Ctx, raw: str, score: float, correct: bool, expected: str, skipped: bool = False) -> ev.Result:
        q, v = ctx.question, ctx.variant
        if not expected:
            expected = self.checker(q.type).expected(q, v, self.lang)
        return ev.Result(q.id, q.chapter, q.type, v.render(q.prompt, self.lang), raw, score, correct, expected,
                         v.render(q.explanation, self.lang), v.render(q.notes_slip, self.lang) or None, skipped,
                         ctx.item.relearn > 0)
