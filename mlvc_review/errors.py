"""One error hierarchy for expected failures; the CLI maps each class to an exit code.

Core modules raise these and never print; `mlvc_review.cli` catches `MlvcError`
once, prints `err.text(lang)` (the session's language) without a traceback and
exits with `err.exit_code`. A message a student can meet carries its Chinese
version: `UsageError.of(en, zh, **values)`, or a `Text` for a line that is part
of a longer message (a bank problem, a store notice).
"""

from __future__ import annotations


class Text(str):
    """An English message (the string itself) carrying its Chinese version as `zh`."""

    zh: str

    def __new__(cls, en: str, zh: str | None = None) -> "Text":
        self = super().__new__(cls, en)
        self.zh = en if zh is None else zh
        return self

    @classmethod
    def of(cls, en: str, zh: str, **values: object) -> "Text":
        """Both texts with `{name}` fields filled from `values`."""
        return cls(en.format(**values), zh.format(**values))


def in_lang(message: str, lang: str) -> str:
    """`message` in `lang`: a `Text`'s Chinese in "zh", else the message as it is."""
    return getattr(message, "zh", message) if lang == "zh" else str(message)


class MlvcError(Exception):
    """Base of every expected failure. `exit_code` is what the CLI exits with; `zh` the message in Chinese."""

    exit_code = 1

    def __init__(self, message: str = "", zh: str | None = None):
        super().__init__(str(message))
        self.zh = zh if zh is not None else getattr(message, "zh", None)

    @classmethod
    def of(cls, en: str, zh: str, **values: object) -> "MlvcError":
        """The error in both languages, `{name}` fields filled from `values`."""
        return cls(en.format(**values), zh.format(**values))

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (English where there is no Chinese version)."""
        return self.zh if lang == "zh" and self.zh else str(self)


class UsageError(MlvcError):
    """The command line asks for something that cannot be done (unknown chapter, bad option)."""

    exit_code = 2


class BankError(MlvcError):
    """The question bank is malformed. `problems` holds every located message found in one run."""

    exit_code = 3

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        n = len(self.problems)
        head = "the question bank has 1 problem" if n == 1 else f"the question bank has {n} problems"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems),
                         f"题库有 {n} 个问题：\n" + "\n".join(f"  {in_lang(p, 'zh')}" for p in self.problems))


class UnknownQuestion(UsageError):
    """An id, chapter, tag or type that the loaded banks do not contain."""


class StoreError(MlvcError):
    """The progress store cannot be opened or written."""

    exit_code = 4


class SubmissionError(MlvcError):
    """No submission could be read (missing file, unsupported kind)."""

    exit_code = 2


class GradingError(MlvcError):
    """The grader itself could not run (sandbox could not start)."""

    exit_code = 5
