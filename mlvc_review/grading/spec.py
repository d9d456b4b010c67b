"""Task specs: what the grader checks for each contract function.

A `TaskSpec` names the reference implementation and a tuple of `Check`s; each
check is run by the runner registered for its `kind` (see `checks.py`). Chapter
modules in `mlvc_review.grading.tasks` call `register(...)` at import; the
registry is filled lazily by `get_task`/`all_tasks`, so importing this module
costs nothing (no hypothesis, numpy or torch).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Case:
    """One input: positional args (plain data: arrays, numbers, CallableSpec) and kwargs."""

    args: tuple
    kwargs: dict = field(default_factory=dict)
    label: str = ""  # e.g. "batch 1", "d != d_v", shown in reports


@dataclass(frozen=True)
class Check:
    """One named check of a task; `kind` selects its runner in the check registry."""

    name: str  # shown to students: "values", "edge shapes", "stability", "no mutation", "errors", ...
    kind: str  # "compare", "raises", "mutation", "property", "gradient"
    strategy: Callable[[], Any] | None = None  # () -> hypothesis SearchStrategy[Case]
    examples: Callable[[], list[Case]] | None = None  # fixed cases, run before the strategy
    rtol: float = 1e-6
    atol: float = 1e-8
    max_examples: int = 100
    raises: type[Exception] | None = None  # kind "raises": the exception the contract demands
    prop: Callable[[Case, Any], str | None] | None = None  # kind "property": failure text or None
    compare: Callable[[Any, Any, Case], str | None] | None = None  # (expected, got, case) -> failure text
    nan_policy: str = "equal"  # "equal" | "forbid"
    heavy: bool = False  # runs only with a CUDA device (or --device cpu explicitly)
    timeout: float | None = None  # seconds per call when this check needs more than the run's limit
    mode: str = "numpy"  # sandbox call mode
    dtype: str = "float64"


@dataclass(frozen=True)
class TaskSpec:
    """Everything the grader needs for one contract function."""

    function: str
    reference: str  # "mlvc_reference.attention:scaled_dot_product_attention"
    checks: tuple[Check, ...]
    framework: str = "numpy"  # "numpy" | "torch"
    integer_output: bool = False  # integer results must have an integer dtype


TASKS: dict[str, TaskSpec] = {}
_ORIGIN: dict[str, str] = {}  # function -> the module that registered it
_loaded = False


def register(spec: TaskSpec) -> TaskSpec:
    """Add `spec` to the registry (a later registration of the same function replaces it)."""
    TASKS[spec.function] = spec
    _ORIGIN[spec.function] = sys._getframe(1).f_globals.get("__name__", "")
    return spec


def _task_modules() -> list[str]:
    package = importlib.import_module("mlvc_review.grading.tasks")
    return [f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_")]


def load_all() -> dict[str, TaskSpec]:
    """Import every module of `mlvc_review.grading.tasks` once; returns the registry."""
    global _loaded
    if not _loaded:
        for module in _task_modules():
            importlib.import_module(module)
        _loaded = True
    return TASKS


def _indexed_module(function: str) -> str | None:
    """The task module that registers `function`, from the checked-in index (`tasks/_index.py`)."""
    from mlvc_review.grading.tasks._index import MODULES

    return MODULES.get(function)


def get_task(function: str) -> TaskSpec:
    """The spec for `function`; raises KeyError when no task module declares it.

    Only the module the index names is imported, so grading one task neither imports
    nor builds the others (nor torch, for a NumPy task); a function missing from the
    index (a task module added without regenerating it) falls back to importing all.
    """
    if function not in TASKS:
        module = _indexed_module(function)
        if module is not None:
            importlib.import_module(f"mlvc_review.grading.tasks.{module}")
        if function not in TASKS:
            load_all()
    return TASKS[function]


def has_task(function: str) -> bool:
    """Whether any task module declares checks for `function`."""
    try:
        get_task(function)
    except KeyError:
        return False
    return True


def build_index() -> dict[str, str]:
    """function -> task module (its name inside `tasks`), by importing every task module: what `_index.py` must hold."""
    load_all()
    return {f: _ORIGIN[f].rsplit(".", 1)[1] for f in sorted(TASKS)}


def write_index(path: str) -> None:
    """Regenerate `tasks/_index.py` (run `python -m mlvc_review.grading.spec` after adding a task module)."""
    lines = [f"    {f!r}: {m!r},\n" for f, m in build_index().items()]
    text = ('"""Which task module registers each contract function (generated: python -m mlvc_review.grading.spec).\n\n'
            'Lets the grader import only the modules of the tasks it grades; tests/grading/test_task_index.py\n'
            'fails when this file is stale."""\n\nMODULES: dict[str, str] = {\n' + "".join(lines) + "}\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def resolve(path: str) -> Callable[..., Any]:
    """Import "module:attr" (a reference or a known mistake) in the trusted process."""
    module_name, _, attr = path.partition(":")
    return getattr(importlib.import_module(module_name), attr)


if __name__ == "__main__":
    import os

    from mlvc_review.grading import spec as registry  # the module the task modules register into, not __main__

    registry.write_index(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tasks", "_index.py"))
