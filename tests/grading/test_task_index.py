"""The task index: complete and current, and grading one task imports only that task's module."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from mlvc_review.grading import spec
from mlvc_review.grading.tasks._index import MODULES


def test_the_checked_in_index_is_what_the_task_modules_register():
    assert MODULES == spec.build_index(), "stale: run  python -m mlvc_review.grading.spec"


def test_looking_up_one_numpy_task_imports_only_its_module_and_neither_torch_nor_sympy():
    probe = textwrap.dedent("""
        import sys
        from mlvc_review.grading.spec import get_task
        get_task("softmax")
        tasks = sorted(m for m in sys.modules if m.startswith("mlvc_review.grading.tasks."))
        print(tasks, "torch" in sys.modules, "sympy" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd="/").stdout.split()
    assert out == ["['mlvc_review.grading.tasks._index',", "'mlvc_review.grading.tasks.ch1_softmax',", "'mlvc_review.grading.tasks.strategies']", "False", "False"]
