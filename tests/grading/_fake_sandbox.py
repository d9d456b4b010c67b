"""An in-process stand-in for the sandbox's WorkerPool, for unit tests of the grader core only.

It runs TRUSTED test sources in this process (never student code) and returns
values through the real wire format, so the grader sees the same plain data.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from mlvc_review.grading.sandbox.protocol import CallableSpec, decode, encode
from mlvc_review.grading.sandbox.pool import CallOutcome as Outcome
from mlvc_review.grading.checks.values import materialize


@dataclass
class FakeSession:
    source: str
    filename: str
    namespace: dict = field(default_factory=dict)
    calls: int = 0
    closed: bool = False

    def __post_init__(self) -> None:
        try:
            exec(compile(self.source, self.filename, "exec"), self.namespace)
            self.import_outcome = Outcome("ok")
        except BaseException as err:  # noqa: BLE001 - tests feed trusted sources only
            self.import_outcome = Outcome("error", error=f"{type(err).__name__}: {err}")

    def call(self, function: str, args: list, kwargs: dict | None = None, *, mode: str = "numpy", echo_args: bool = False,
             grad_wrt: list | None = None, grad_output: Any = None, dtype: str = "float64", device: str = "cpu", timeout: float | None = None) -> Outcome:
        self.calls += 1
        args = decode(encode(list(args)))
        live = [materialize(a) if isinstance(a, CallableSpec) else a for a in args]
        try:
            value = self.namespace[function](*live, **(kwargs or {}))
        except TimeoutError:
            return Outcome("timeout", error="call exceeded the time limit")
        except Exception as err:
            return Outcome("error", error="".join(traceback.format_exception_only(err)).strip())
        value = decode(encode(_plain(value)))
        after = decode(encode([a for a in live])) if echo_args else None
        return Outcome("ok", value, args_after=after)

    def close(self) -> None:
        self.closed = True


def _plain(value: Any) -> Any:
    if hasattr(value, "detach"):
        return value.detach().numpy()
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(v) for v in value)
    return value


class FakePool:
    isolation = "none (in-process test fake)"

    def __init__(self) -> None:
        self.sessions: list[FakeSession] = []

    def open(self, source: str, filename: str) -> FakeSession:
        self.sessions.append(FakeSession(source, filename))
        return self.sessions[-1]

    def __enter__(self) -> "FakePool":
        return self

    def __exit__(self, *exc: object) -> None:
        pass
