"""Grading status of contract entries: the task registry's names, read without importing a task module."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

from mlvc_review.grading.contract import CONTRACT
from mlvc_review.grading.contract_status import bank_function, graded_functions, statuses
from mlvc_review.grading.taskinfo import code_tasks


def test_graded_is_what_the_task_modules_register():
    # a fresh interpreter: this process's registry may have been touched by other tests
    probe = "from mlvc_review.grading import spec\nprint(sorted(spec.load_all()))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd="/").stdout
    registered = set(ast.literal_eval(out))
    assert graded_functions() == registered & set(CONTRACT)
    assert graded_functions(), "no contract function is graded"


def test_graded_imports_no_task_module_and_no_numpy():
    probe = textwrap.dedent("""
        import sys
        from mlvc_review.grading.contract_status import graded_functions
        assert "softmax" in graded_functions()
        print(sorted(m for m in sys.modules if m == "numpy" or m.startswith("mlvc_review.grading.tasks.")))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd="/").stdout
    assert out.strip() == "['mlvc_review.grading.tasks._index']"


def test_statuses_name_the_bank_questions_of_each_function():
    by_function: dict[str, list[str]] = {}
    for task in code_tasks():
        by_function.setdefault(task.function, []).append(task.id)
    found = statuses(list(CONTRACT.values()))
    assert {n for n, s in found.items() if s.graded} == graded_functions()
    assert {n: list(s.bank_ids) for n, s in found.items() if s.bank_ids} == by_function
    assert found["softmax"].bank_ids == ("opt.code.softmax",)
    assert bank_function("opt.code.softmax") == "softmax" and bank_function("softmax") is None
