"""One error hierarchy for expected failures; the CLI maps each class to an exit code.

Core modules raise these and never print; `mlvc_review.cli` catches `MlvcError`
once, prints `str(err)` without a traceback and exits with `err.exit_code`.
"""

from __future__ import annotations


class MlvcError(Exception):
    """Base of every expected failure. `exit_code` is what the CLI exits with."""

    exit_code = 1


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
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


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
