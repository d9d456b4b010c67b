"""Drawing and shrinking `cases` inputs without the hypothesis engine (checks/sampling.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from mlvc_review.grading.checks import sampling
from mlvc_review.grading.spec import Case, get_task
from mlvc_review.grading.tasks.strategies import Recipe, cases, recipe_of

sys.path.insert(0, str(Path(__file__).parents[1]))


def build(rng, n, k, mode):
    return Case((rng.standard_normal((n, k)), mode), label=f"n={n}, k={k}, {mode}")


RECIPE = Recipe(build, {"n": (1, 6), "k": (2, 40), "mode": ["sum", "mean", "max"]})


def test_a_cases_factory_gives_its_recipe_and_other_strategies_give_none():
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy

    assert recipe_of(lambda: cases(build, n=(1, 6), k=(2, 40), mode=["sum"])) == Recipe(build, {"n": (1, 6), "k": (2, 40), "mode": ["sum"]})
    assert recipe_of(lambda: st.just(Case((1,)))) is None
    assert isinstance(cases(build, n=(1, 6), k=(2, 3), mode=["sum"]), SearchStrategy)  # outside recipe_of: hypothesis as before
    values = get_task("normal_equation").checks[0]
    assert recipe_of(values.strategy) is not None


def test_draws_are_reproducible_start_simple_and_reach_every_edge():
    drawn = sampling.draws(RECIPE, 7, 200, "t/values")
    assert drawn == sampling.draws(RECIPE, 7, 200, "t/values")
    assert drawn != sampling.draws(RECIPE, 8, 200, "t/values") and drawn != sampling.draws(RECIPE, 7, 200, "t/other")
    assert drawn[0] == sampling.Draw(0, (1, 2, 0))  # the simplest input comes first
    n, k, mode = (sorted({d.picks[i] for d in drawn}) for i in range(3))
    assert n == [1, 2, 3, 4, 5, 6] and mode == [0, 1, 2] and {2, 40} <= set(k) and min(k) >= 2 and max(k) <= 40
    assert all(0 <= d.seed < 2**32 for d in drawn) and len({d.seed for d in drawn}) == 200
    both_edges = [d for d in drawn if d.picks[0] == 6 and d.picks[1] == 40]
    assert both_edges  # corners come up as under hypothesis, not once in 240 draws
    seed, (n, k, mode) = drawn[1]
    case, same = sampling.make(RECIPE, drawn[1]), build(np.random.default_rng(seed), n, k, RECIPE.dims["mode"][mode])
    assert case.label == same.label and np.array_equal(case.args[0], same.args[0]) and case.args[1] == same.args[1]


def test_shrinking_keeps_the_simplest_failing_value_of_each_dim():
    seen = []

    def first_failing(candidates):  # fails when k >= 7 and the mode is not "sum"
        seen.append(len(candidates))
        for i, case in enumerate(candidates):
            x, mode = case.args
            if x.shape[1] >= 7 and mode != "sum":
                return i, case
        return -1, None

    start = sampling.Draw(123456, (5, 33, 2))
    smallest, found = sampling.shrink(RECIPE, start, first_failing)
    assert smallest == sampling.Draw(0, (1, 7, 1)) and found.args[0].shape == (1, 7) and found.args[1] == "mean"
    assert sum(seen) < 60  # a handful of batches, not a search over every input


def test_a_give_up_while_shrinking_ends_it_at_once():
    class Stop:
        stop = True

    calls = []

    def first_failing(candidates):
        calls.append(1)
        return 0, Stop()

    draw, found = sampling.shrink(RECIPE, sampling.Draw(99, (4, 20, 2)), first_failing)
    assert isinstance(found, Stop) and len(calls) == 1


def test_grading_a_numpy_task_imports_no_hypothesis_even_to_shrink(tmp_path):
    from import_probe import imported_after

    right = tmp_path / "right.py"
    right.write_text("import numpy as np\ndef normal_equation(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)\n")
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def normal_equation(X, y):\n    return X.T @ y\n")
    code = ("import json, sys\nfrom pathlib import Path\nfrom mlvc_review.grading.batch import grade_paths\n"
            "from mlvc_review.grading.reports.document import document\nfrom mlvc_review.grading.runner import Options\n"
            "results, _, _ = grade_paths([Path(p) for p in sys.argv[1:]], ['normal_equation'], Options(seed=1))\n"
            "print(json.dumps(document(results, seed=1)))\n")
    imported, proc = imported_after(code, ("hypothesis", "torch", "sympy"), argv=[str(right), str(wrong)])
    assert imported == []
    subs = {Path(s["path"]).name: s["tasks"][0] for s in json.loads(proc.stdout)["submissions"]}
    assert subs["right.py"]["status"] == "passed"
    values = next(c for c in subs["wrong.py"]["checks"] if c["name"] == "values")
    assert values["status"] == "failed" and values["counterexample"]["args"][0]["shape"] == [1, 1]  # shrunk
    assert subs["wrong.py"]["diagnosis"]["name"] == "forgot the inverse"
