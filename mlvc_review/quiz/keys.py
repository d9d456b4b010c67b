"""In-session commands and the rule that keeps them apart from answers.

`:h` next hint, `:s` skip, `:u` undo the last answer (it is asked again), `:!`
suspend this question (never asked again until `progress unsuspend`), `:q` quit
(with a summary), `:?` help always work. The plain forms `h`, `s`, `u`, `!`, `q`,
`?` work too unless that text is a possible answer to the question shown: an
option letter (a choice question with 8 or more options has an option h) or a
declared variable or matrix symbol (`s` in `s*(1 - s)`).
"""

from __future__ import annotations

import string

from mlvc_review.bank.model import QuestionBase
from mlvc_review.quiz.strings import t

COMMANDS = {"h": "hint", "s": "skip", "u": "undo", "!": "suspend", "q": "quit", "?": "help"}


def reserved_answers(question: QuestionBase) -> set[str]:
    """Inputs that are answers to `question`, so a plain command letter must not take them."""
    qtype = getattr(question, "type", "")
    if qtype in ("choice", "multi"):
        return set(string.ascii_lowercase[: len(question.options)])  # type: ignore[attr-defined]
    if qtype == "symbolic":
        return set(question.variables) | set(question.functions)  # type: ignore[attr-defined]
    if qtype == "matrix_expr":
        return set(question.symbols)  # type: ignore[attr-defined]
    return set()


def command_of(raw: str, reserved: set[str]) -> str | None:
    """'hint' | 'skip' | 'undo' | 'suspend' | 'quit' | 'help' when `raw` is a command here, else None (an answer)."""
    text = raw.strip()
    if text.startswith(":") and text[1:].strip().lower() in COMMANDS:
        return COMMANDS[text[1:].strip().lower()]
    plain = text.lower()
    if plain in COMMANDS and plain not in reserved and text not in reserved:
        return COMMANDS[plain]
    return None


def key_label(key: str, reserved: set[str]) -> str:
    """How `key` is typed for this question: 'h' when free, ':h' when 'h' is an answer."""
    return key if key not in reserved else f":{key}"


def keys_line(reserved: set[str], lang: str = "en") -> str:
    """The one-line reminder of commands for a question."""
    return t("help_keys", lang, keys=key_label("h", reserved), skip=key_label("s", reserved),
             undo=key_label("u", reserved), suspend=key_label("!", reserved), quit=key_label("q", reserved),
             help=key_label("?", reserved))
