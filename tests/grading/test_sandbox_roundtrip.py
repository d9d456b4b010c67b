"""Normal submissions through the real sandbox: values, errors, modes, isolation facts."""

from __future__ import annotations

import os
import textwrap
import threading
import time

import numpy as np
import pytest
from _exact import same

from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.sandbox.pool import Limits, WorkerPool

IS_ROOT = os.geteuid() == 0

SOURCE = textwrap.dedent(
    """
    import os, sys
    import numpy as np

    def identity(*args):
        return args

    def kinds(*args):
        return [type(a).__name__ for a in args]

    def add(a, b, scale=1.0):
        return (a + b) * scale

    def divide(a, b):
        print("dividing", a, "by", b)
        return a / b  # the failing line

    def mutate(x):
        x[0] = -1.0
        return x.sum()

    def pure(x):
        return x.sum()

    def as_tensor(x):
        import torch
        return torch.as_tensor(x) * 2

    def facts():
        return {"cwd": os.getcwd(), "path": sys.path, "env": dict(os.environ), "uid": os.getuid(),
                "torch": "torch" in sys.modules, "file": __file__, "name": __name__}

    def uses_eps_model(eps_model, x_t, t):
        return eps_model(x_t, t)

    def many_values(n):
        return [1.0] * n
    """
)


@pytest.fixture(scope="module")
def pool():
    os.environ["MLVC_TEST_SECRET"] = "hunter2"  # must not reach the sandbox
    try:
        with WorkerPool(Limits(call_timeout=5, import_timeout=10)) as p:
            yield p
    finally:
        del os.environ["MLVC_TEST_SECRET"]


@pytest.fixture(scope="module")
def session(pool):
    with pool.open(SOURCE, "my_solution.py") as s:
        assert s.import_outcome.status == "ok", s.import_outcome.error
        yield s


def test_values_round_trip_exactly(session):
    args = [
        np.arange(6, dtype=np.float64).reshape(2, 3), np.array(2.5), np.array([np.nan, np.inf, -np.inf]),
        np.arange(4, dtype=np.int32), np.array([True, False]), np.zeros((0, 3), dtype=np.uint8),
        np.ones(3, dtype=np.float32), 3, 2.0, float("nan"), "text", None, True, (1, [2.0]), {"k": np.eye(2)},
    ]
    out = session.call("identity", args)
    assert out.status == "ok", out.error
    assert same(out.value, tuple(args))
    assert session.call("kinds", args[:3]).value == ["ndarray"] * 3


def test_kwargs_and_numpy_scalars(session):
    out = session.call("add", [np.float32(1.5), np.ones(2)], {"scale": 2.0})
    assert out.status == "ok" and np.array_equal(out.value, np.array([5.0, 5.0]))


def test_error_names_type_message_and_student_line(session):
    out = session.call("divide", [1, 0])
    assert out.status == "error"
    line = next(i for i, text in enumerate(SOURCE.splitlines(), 1) if "the failing line" in text)
    assert out.error == f"ZeroDivisionError: division by zero\n  at line {line} of my_solution.py: return a / b  # the failing line"
    assert out.stdout == "dividing 1 by 0\n"


def test_missing_function_is_an_error_not_a_crash(session):
    out = session.call("no_such_function", [])
    assert out.status == "error" and "no_such_function" in out.error


def test_echo_args_reveals_in_place_mutation(session):
    x = np.arange(3.0)
    mutated = session.call("mutate", [x], echo_args=True)
    clean = session.call("pure", [x], echo_args=True)
    assert not np.array_equal(mutated.args_after[0], x) and mutated.args_after[0][0] == -1.0
    assert np.array_equal(clean.args_after[0], x)
    assert np.array_equal(x, np.arange(3.0))  # the grader's copy is untouched either way


def test_linear_eps_callable_numpy(session):
    rng = np.random.default_rng(0)
    A, c = rng.normal(size=(6, 6)), 0.3
    x_t, t = rng.normal(size=(4, 2, 3)), np.array([0, 5, 2, 9])
    out = session.call("uses_eps_model", [CallableSpec("linear_eps", {"A": A, "c": c}), x_t, t])
    assert out.status == "ok", out.error
    expected = (x_t.reshape(4, 6) @ A + c * t[:, None]).reshape(4, 2, 3)
    np.testing.assert_allclose(out.value, expected, rtol=1e-12)


def test_sandbox_facts_isolation_environment_and_paths(pool, session):
    facts = session.call("facts", []).value
    assert facts["name"] == "my_solution" and os.path.basename(facts["file"]) == "my_solution.py"
    assert facts["cwd"] == os.path.dirname(facts["file"]) != os.getcwd()
    assert os.getcwd() not in facts["path"] and "" not in facts["path"]
    env = facts["env"]
    assert "MLVC_TEST_SECRET" not in env and env["LANG"] == "C.UTF-8" and env["PATH"] == "/usr/bin:/bin"
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "1"
    assert facts["torch"] is False  # a NumPy pool never imports torch
    if IS_ROOT:
        assert pool.level == "ns" and "namespaces" in pool.isolation
        assert facts["uid"] != 0 and facts["cwd"].startswith("/tmp/")
    else:
        assert pool.isolation.startswith("weak")


def test_grading_process_never_imports_submission_torch_or_sympy():
    from import_probe import imported_after

    code = textwrap.dedent(
        """
        from mlvc_review.grading.sandbox.pool import WorkerPool
        with WorkerPool() as pool, pool.open("import numpy\\ndef f(x):\\n    return x + 1\\n", "sneaky_mod.py") as s:
            assert s.call("f", [1]).value == 2
        """
    )
    assert imported_after(code, ("torch", "sympy", "sneaky_mod"), timeout=60)[0] == []


def test_pool_is_reused_cheaply_and_concurrently(pool):
    start = time.monotonic()
    for i in range(10):
        with pool.open(f"def f(x):\n    return x + {i}\n", f"s{i}.py") as s:
            assert s.call("f", [1]).value == 1 + i
    assert (time.monotonic() - start) / 10 < 1.0  # fork + import, not a new interpreter
    results: dict[int, int] = {}

    def worker(k: int) -> None:
        with pool.open(f"def f(x):\n    return x * {k}\n", f"t{k}.py") as s:
            results[k] = sum(s.call("f", [j]).value for j in range(5))

    threads = [threading.Thread(target=worker, args=(k,)) for k in (2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == {2: 20, 3: 30}


def test_fallback_without_namespaces_still_limits_time():
    with WorkerPool(Limits(call_timeout=1.0), isolate=False) as pool:
        assert "no namespaces" in pool.isolation
        with pool.open("def spin():\n    while True:\n        pass\ndef ok():\n    return 1\n", "f.py") as s:
            assert s.call("spin", []).status == "timeout"
            assert s.call("ok", []).value == 1 and s.restarts == 1


@pytest.fixture(scope="module")
def torch_session():
    with WorkerPool(Limits(call_timeout=10), torch=True) as pool:
        with pool.open(SOURCE + TORCH_SOURCE, "torch_solution.py") as s:
            assert s.import_outcome.status == "ok", s.import_outcome.error
            yield s


TORCH_SOURCE = textwrap.dedent(
    """
    import torch

    def linear(x, W, b):
        return x @ W.T + b

    def half_used(x, W):
        return (x * 2, W)

    def not_differentiable(x):
        return x.detach().numpy() * 2

    def describe(x, t):
        return [str(x.dtype), str(t.dtype), x.requires_grad, torch.get_num_threads()]

    def torch_grab(gib):
        return torch.ones(int(gib * 2**30) // 4).sum()

    def inplace_after_use(x):
        y = x.exp()
        y.add_(1)  # exp's backward needs its output: autograd refuses
        return y

    def ddpm_simple_loss(eps_model, x0, t, noise, alpha_bar):
        ab = alpha_bar[t][:, None]
        x_t = ab.sqrt() * x0 + (1 - ab).sqrt() * noise
        return ((eps_model(x_t, t) - noise) ** 2).mean()
    """
)


def test_torch_gradients_match_analytic(torch_session):
    rng = np.random.default_rng(1)
    x, W, b, g = rng.normal(size=(4, 3)), rng.normal(size=(2, 3)), rng.normal(size=2), rng.normal(size=(4, 2))
    out = torch_session.call("linear", [x, W, b], mode="torch", grad_wrt=[0, 1, 2], grad_output=g)
    assert out.status == "ok", out.error
    np.testing.assert_allclose(out.value, x @ W.T + b, rtol=1e-12)
    dx, dW, db = out.grads
    np.testing.assert_allclose(dx, g @ W, rtol=1e-12)
    np.testing.assert_allclose(dW, g.T @ x, rtol=1e-12)
    np.testing.assert_allclose(db, g.sum(0), rtol=1e-12)
    plain = torch_session.call("linear", [x, W, b], mode="torch", grad_wrt=[2])
    np.testing.assert_allclose(plain.grads[0], np.full(2, 4.0))  # grad_output None: sum(out)


def test_torch_missing_gradients_are_reported_not_crashing(torch_session):
    x, W = np.ones((2, 2)), np.ones((2, 2))
    out = torch_session.call("half_used", [x, W], mode="torch", grad_wrt=[0, 1])
    assert out.status == "ok" and np.array_equal(out.grads[0], np.full((2, 2), 2.0)) and out.grads[1] is None
    assert out.notes == ["no gradient flows to argument 1"]
    cut = torch_session.call("not_differentiable", [x], mode="torch", grad_wrt=[0])
    assert cut.status == "ok" and cut.grads == [None] and "autograd" in cut.notes[0]


def test_torch_dtypes_and_single_thread(torch_session):
    out = torch_session.call("describe", [np.ones(2), np.arange(2)], mode="torch", dtype="float32", grad_wrt=[0])
    assert out.value[:3] == ["torch.float32", "torch.int64", True] and out.value[3] == 1


def test_tensor_results_become_numpy_even_in_numpy_mode(torch_session):
    out = torch_session.call("as_tensor", [np.arange(3.0)])
    assert type(out.value) is np.ndarray and np.array_equal(out.value, [0.0, 2.0, 4.0])


def test_linear_eps_callable_torch_with_gradients(torch_session):
    rng = np.random.default_rng(2)
    A, c = rng.normal(size=(2, 2)), 0.3
    x0, noise, t = rng.normal(size=(5, 2)), rng.normal(size=(5, 2)), np.array([0, 3, 9, 2, 1])
    alpha_bar = np.linspace(0.99, 0.1, 10)
    spec = CallableSpec("linear_eps", {"A": A, "c": c})
    out = torch_session.call("ddpm_simple_loss", [spec, x0, t, noise, alpha_bar], mode="torch", grad_wrt=[1])
    assert out.status == "ok", out.error
    ab = alpha_bar[t][:, None]
    x_t = np.sqrt(ab) * x0 + np.sqrt(1 - ab) * noise
    np.testing.assert_allclose(out.value, np.mean((x_t @ A + c * t[:, None] - noise) ** 2), rtol=1e-12)
    assert out.grads[0].shape == (5, 2) and np.all(np.isfinite(out.grads[0]))


def test_backward_failures_are_reported_with_the_student_line(torch_session):
    out = torch_session.call("inplace_after_use", [np.ones(3)], mode="torch", grad_wrt=[0])
    assert out.status == "error" and out.error.startswith("computing gradients failed: RuntimeError")


def test_unpreparable_arguments_are_an_error_not_a_crash(torch_session):
    out = torch_session.call("describe", [np.ones(2), np.arange(2)], mode="torch", grad_wrt=[1])
    assert out.status == "error" and out.error.startswith("preparing the arguments failed")
    assert torch_session.call("describe", [np.ones(2), np.arange(2)], mode="torch").status == "ok"
    assert torch_session.restarts == 0


def test_huge_nested_results_are_refused_with_a_clear_message(session):
    out = session.call("identity", [1])
    assert out.status == "ok"
    many = session.call("many_values", [200_000])
    assert many.status == "error" and "expected arrays" in many.error


def test_torch_allocation_over_the_limit_is_memory(torch_session):
    out = torch_session.call("torch_grab", [16])
    assert out.status == "memory" and out.error.startswith("memory limit exceeded (2048 MB)")
    assert torch_session.call("describe", [np.ones(2), np.arange(2)], mode="torch").status == "ok"


def test_odd_file_names_cannot_steer_the_copy(pool):
    with pool.open("import os\ndef where():\n    return __file__\n", "../../etc/evil name.py") as s:
        assert s.import_outcome.status == "ok"
        assert os.path.basename(s.call("where", []).value) == "submission.py"
    with pool.open("def where():\n    return __file__\n", "/some/dir/my_solution.py") as s:
        assert os.path.basename(s.call("where", []).value) == "my_solution.py"
