"""Task specs and code questions across chapters, plus helpers the per-chapter task tests share.

The per-chapter files (test_tasks_ch*.py) prove each spec through the real grader
and sandbox; this file checks what holds for every headline task without a sandbox:
one question per task with its known mistakes, the expected checks, and
strategies whose every drawn case the reference accepts.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from mlvc_review.bank.loader import load_bank
from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.spec import Case, get_task, resolve
from mlvc_review.grading.checks.values import materialize


SUBMISSIONS = Path(__file__).parents[1] / "fixtures" / "submissions"
# The first styles cover the first wave's tasks; each chapter's later tasks have their own
# honest files under submissions/ch<N>/ (each file is graded on the tasks it defines).
HONEST = ["honest_loops.py", "honest_einsum.py", "honest_torch.py"]
EXAMPLES = 25  # generated inputs per check in these tests (the grader's --examples)


def _headline() -> dict[int, list[str]]:
    """chapter -> the graded contract functions of that chapter, in contract order (classes are trained, not here)."""
    from mlvc_review.grading.contract import CONTRACT
    from mlvc_review.grading.spec import load_all

    registered = load_all()
    out: dict[int, list[str]] = {}
    for name, entry in CONTRACT.items():
        if name in registered and entry.kind == "function":
            out.setdefault(entry.chapter, []).append(name)
    return dict(sorted(out.items()))


HEADLINE = _headline()
ALL = [f for fs in HEADLINE.values() for f in fs]


def defined_functions(path: Path) -> set[str]:
    """Top-level function names a fixture file defines (read with ast, never imported)."""
    import ast

    return {n.name for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef)}


def honest_files(chapter: int) -> list[Path]:
    """Honest fixture files that define at least one of `chapter`'s graded functions."""
    files = [SUBMISSIONS / n for n in HONEST] + sorted((SUBMISSIONS / f"ch{chapter}").glob("honest_*.py"))
    return [f for f in files if defined_functions(f) & set(HEADLINE[chapter])]


@lru_cache(maxsize=1)
def _bank() -> Any:
    return load_bank()


def code_questions(chapter: int) -> list[Any]:
    """The bank's code questions of `chapter` for the headline tasks, in contract order."""
    by_function = {q.function: q for q in _bank().select(chapter=chapter, qtype="code")}
    return [by_function[f] for f in HEADLINE[chapter]]


def grade(path: Path, functions: list[str]) -> dict[str, dict]:
    """function -> task dict of the JSON report, graded through the real sandbox."""
    from mlvc_review.grading.api import grade_file

    doc = grade_file(path, functions, seed=0, examples=EXAMPLES)
    return {task["function"]: task for task in doc["submissions"][0]["tasks"]}


def grade_source(tmp_path: Path, source: str, function: str) -> dict:
    """The task dict of `function` for a submission made of `source` (written to tmp_path/mine.py)."""
    path = tmp_path / "mine.py"
    path.write_text(source)
    return grade(path, [function])[function]


def grade_many(tmp_path: Path, source: str, functions: list[str]) -> dict[str, dict]:
    """function -> task dict for one submission of `source` (numpy imported), several tasks in one session."""
    path = tmp_path / "mine.py"
    path.write_text("import numpy as np\n" + source)
    return grade(path, functions)


def failed_checks(task: dict) -> set[str]:
    """Names of the task's checks that did not pass."""
    return {c["name"] for c in task["checks"] if c["status"] != "passed"}


def diagnosis_name(task: dict) -> str | None:
    return (task.get("diagnosis") or {}).get("name")


@lru_cache(maxsize=None)
def graded_fixtures(chapter: int) -> dict[str, dict[str, dict]]:
    """fixture name -> function -> task dict: each honest file on the chapter's tasks it defines,
    and the starter stubs of the whole chapter ("stub_all.py"), graded in one batch each."""
    import tempfile

    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.contract import CONTRACT
    from mlvc_review.grading.reports.document import document
    from mlvc_review.grading.runner import Options
    from mlvc_review.grading.starter import starter_source

    out: dict[str, dict[str, dict]] = {}
    options = Options(seed=0, examples=EXAMPLES)
    for path in honest_files(chapter):
        functions = [f for f in HEADLINE[chapter] if f in defined_functions(path)]
        results, isolation, seconds = grade_paths([path], functions, options)
        doc = document(results, seed=0, isolation=isolation, duration=seconds)
        out[str(path.relative_to(SUBMISSIONS))] = {t["function"]: t for t in doc["submissions"][0]["tasks"]}
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / "stub_all.py"
        stub.write_text(starter_source([CONTRACT[f] for f in HEADLINE[chapter]]))
        results, isolation, seconds = grade_paths([stub], HEADLINE[chapter], options)
        doc = document(results, seed=0, isolation=isolation, duration=seconds)
    out["stub_all.py"] = {t["function"]: t for t in doc["submissions"][0]["tasks"]}
    return out


def not_passed(tasks: dict[str, dict]) -> dict[str, list[tuple[str, str, str]]]:
    """function -> [(check, status, message)] for every check that did not pass or skip."""
    bad = {}
    for f, task in tasks.items():
        checks = [(c["name"], c["status"], c.get("message", "")) for c in task["checks"] if c["status"] not in ("passed", "skipped")]
        if checks or task["status"] != "passed":
            bad[f] = checks or [("", task["status"], task.get("message", ""))]
    return bad


def drawn(strategy: Any, n: int = 15) -> list[Case]:
    """`n` cases drawn from a hypothesis strategy (reproducibly)."""
    out: list[Case] = []

    @settings(max_examples=n, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(case: Case) -> None:
        out.append(case)

    collect()
    return out


def cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


def check_named(function: str, name: str) -> Any:
    return next(c for c in get_task(function).checks if c.name == name)


def test_each_task_has_one_bilingual_question_with_its_known_mistakes():
    questions = [q for q in _bank().select(qtype="code") if q.function in ALL]
    assert sorted(q.function for q in questions) == sorted(ALL)
    for q in questions:
        assert q.chapter in HEADLINE and q.function in HEADLINE[q.chapter]
        assert q.reference == get_task(q.function).reference
        assert q.checks == []
        assert "zh" in q.languages, q.id
        assert len(q.mistakes) >= 3, q.id
        assert len({m.name for m in q.mistakes}) == len(q.mistakes), q.id
        assert all(m.impl.startswith("mlvc_reference.mistakes.") for m in q.mistakes), q.id
        assert 2 <= len(q.hints) <= 3, q.id


def test_notes_slips_name_the_alpha_bar_typo_where_it_matters():
    q = next(q for q in _bank().select(chapter=8, qtype="code") if q.function == "q_sample")
    assert q.notes_slip is not None and "ᾱ_t" in q.notes_slip.en and "α_t" in q.notes_slip.en


@pytest.mark.parametrize("function", ALL)
def test_every_task_has_values_and_edge_checks_and_a_mutation_check_where_arrays_go_in(function):
    spec = get_task(function)
    names = {c.name: c for c in spec.checks}
    from mlvc_review.grading.checks.kinds import KINDS

    # values: generated inputs, judged against the reference (or by properties where the answer is not unique)
    assert names["values"].kind in KINDS and names["values"].strategy is not None
    assert names["edge shapes"].kind in KINDS and len(names["edge shapes"].examples()) >= 4
    assert all(case.label for case in names["edge shapes"].examples())
    has_mutation = any(c.kind == "mutation" for c in spec.checks)
    args = [a for case in names["edge shapes"].examples() for a in case.args]
    takes_arrays = any(isinstance(a, np.ndarray) for a in args)
    nested = any(isinstance(leaf, np.ndarray) for a in args for leaf in _leaves(a))
    assert has_mutation or not takes_arrays  # every task that takes arrays checks it leaves them alone
    assert nested or not has_mutation  # (arrays inside lists count: a pyramid goes in as a list)


@pytest.mark.parametrize("function", ALL)
def test_the_reference_accepts_every_generated_case_and_returns_finite_values(function):
    spec = get_task(function)
    ref = resolve(spec.reference)
    for check in spec.checks:
        if check.kind not in ("compare", "mutation") or check.heavy:
            continue
        cases = (check.examples() if check.examples else []) + (drawn(check.strategy()) if check.strategy else [])
        for case in cases:
            out = ref(*materialize(case.args), **materialize(case.kwargs))
            assert all(np.all(np.isfinite(np.asarray(v, dtype=np.float64))) for v in _leaves(out)), (check.name, case.label)


def _leaves(value: Any) -> list[Any]:
    """Arrays and numbers of a result, through tuples and lists (a pyramid is a list of arrays)."""
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value.detach().numpy() if hasattr(value, "detach") else value]


@pytest.mark.parametrize("function", ["conv2d", "multi_head_attention"])
def test_heavy_checks_are_float32_gpu_checks_with_loose_tolerance(function):
    heavy = [c for c in get_task(function).checks if c.heavy]
    assert [c.name for c in heavy] == ["large float32 (GPU)"]
    check = heavy[0]
    assert (check.dtype, check.rtol, check.atol) == ("float32", 1e-3, 1e-4)
    arrays = [a for case in check.examples() for a in case.args if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    assert arrays and all(a.dtype == np.float32 for a in arrays)


def test_the_grader_callable_of_the_loss_is_plain_data_with_a_square_matrix():
    for case in check_named("ddpm_simple_loss", "edge shapes").examples():
        spec = case.args[0]
        assert isinstance(spec, CallableSpec) and spec.name == "linear_eps"
        d = int(np.prod(case.args[1].shape[1:]))
        assert spec.params["A"].shape == (d, d) and isinstance(spec.params["c"], float)


# The same three proofs for every chapter's tasks (the chapter files hold what is specific).
ALL_QUESTIONS = [q for chapter in sorted(HEADLINE) for q in code_questions(chapter)]


@pytest.mark.parametrize("question", ALL_QUESTIONS, ids=lambda q: q.id)
def test_reference_passes_stub_fails_and_each_known_mistake_fails_with_its_diagnosis(question):
    from mlvc_review.grading import bankcheck

    assert bankcheck.check_code_question(question, examples=EXAMPLES) == []


@pytest.mark.parametrize("chapter", sorted(HEADLINE))
def test_honest_alternative_submissions_pass_and_cover_every_task_twice(chapter):
    graded = graded_fixtures(chapter)
    honest = {name: tasks for name, tasks in graded.items() if name != "stub_all.py"}
    assert {name: not_passed(tasks) for name, tasks in honest.items()} == {name: {} for name in honest}
    styles = {f: [name for name, tasks in honest.items() if f in tasks] for f in HEADLINE[chapter]}
    assert {f: names for f, names in styles.items() if len(names) < 2} == {}, "each task needs two honest styles"


@pytest.mark.parametrize("chapter", sorted(HEADLINE))
def test_the_all_stub_file_fails_every_task(chapter):
    tasks = graded_fixtures(chapter)["stub_all.py"]
    assert sorted(tasks) == sorted(HEADLINE[chapter])
    assert all(t["status"] != "passed" for t in tasks.values())


# Each heavy (GPU) check: the reference and every honest style pass it, a known mistake fails it.
HEAVY = [
    ("conv2d", "mlvc_reference.convolution:conv2d", "mlvc_reference.mistakes.convolution:conv2d_flipped_kernel"),
    ("multi_head_attention", "mlvc_reference.attention:multi_head_attention",
     "mlvc_reference.mistakes.attention:mha_heads_strided"),
]


@pytest.mark.gpu
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("function, reference, mistake", HEAVY)
def test_on_cuda_the_heavy_check_passes_the_reference_and_honest_files_and_fails_a_mistake(
    tmp_path, function, reference, mistake
):
    from mlvc_review.grading.bankcheck import import_source
    from mlvc_review.grading.batch import grade_paths
    from mlvc_review.grading.runner import Options

    wrong = tmp_path / "mistake.py"
    wrong.write_text(import_source(mistake, function))
    ref = tmp_path / "reference.py"
    ref.write_text(import_source(reference, function))
    paths = [ref, *(SUBMISSIONS / n for n in HONEST), wrong]
    results, _, _ = grade_paths(paths, [function], Options(examples=10, heavy_ok=True, device="cuda"))
    heavy = [next(c for c in r.tasks[0].checks if c.name == "large float32 (GPU)") for r in results]
    assert [c.status for c in heavy] == ["passed"] * (1 + len(HONEST)) + ["failed"]
