"""Several calls in one message (`SandboxSession.call_many`): same outcomes as one at a time, same limits.

A batch is answered call by call; each answer is awaited under that call's own time
limit, so a hang in the middle costs one timeout, not one per call left, and the
calls after a kill run in a restarted process.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from mlvc_review.grading.sandbox.pool import Limits, WorkerPool

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
SOURCE = """
import numpy as np

def add(a, b, scale=1.0):
    return (a + b) * scale

def divide(a, b):
    return a / b

def mutate(x):
    x[0] = -1.0
    return x.sum()

def nap(seconds):
    import time
    time.sleep(seconds)
    return seconds

def shout(x):
    print("x is", x)
    return x
"""


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(Limits(call_timeout=2.0, import_timeout=10, memory_mb=512, grace=0.5)) as p:
        yield p


def calls(function, *argss, **options):
    return [{"function": function, "args": list(args), **options} for args in argss]


def shown(outcome):
    return (outcome.status, outcome.error, outcome.stdout, repr(outcome.value), repr(outcome.args_after))


def test_a_batch_answers_like_single_calls_in_order(pool):
    batch = [
        *calls("add", (np.arange(3.0), np.ones(3)), (1, 2)),
        {"function": "add", "args": [1, 2], "kwargs": {"scale": 3.0}},
        *calls("divide", ("a", 2)),
        *calls("mutate", (np.zeros(2),), echo_args=True),
        *calls("shout", (7,)),
        *calls("missing", (1,)),
    ]
    with pool.open(SOURCE, "mine.py") as s:
        together = [shown(o) for o in s.call_many(batch)]
        one_by_one = [shown(s.call(**c)) for c in batch]
        assert s.restarts == 0
    assert together == one_by_one
    assert [t[0] for t in together] == ["ok", "ok", "ok", "error", "ok", "ok", "error"]
    assert together[4][4] == repr([np.array([-1.0, 0.0])]) and together[5][2] == "x is 7\n"


def test_a_hang_in_a_batch_costs_one_timeout_and_the_rest_run_after_a_restart(pool):
    with pool.open((HOSTILE / "infinite_loop.py").read_text(), "loop.py") as s:
        start = time.monotonic()
        out = list(s.call_many([*calls("echo", (1,)), *calls("spin", (2,), timeout=0.5), *calls("echo", (3,), (4,))]))
        assert time.monotonic() - start < 0.5 + 0.5 + 2.0  # the hang's own limit, not the others'
        assert [o.status for o in out] == ["ok", "timeout", "ok", "ok"]
        assert out[1].error == "time limit exceeded (0.5 s)"
        assert [out[0].value, out[2].value, out[3].value] == [1, 3, 4] and s.restarts == 1


def test_slow_calls_each_get_their_own_limit_from_when_they_start(pool):
    with pool.open(SOURCE, "mine.py") as s:
        out = list(s.call_many(calls("nap", (0.6,), (0.6,), (0.6,), timeout=1.0)))
        assert [o.status for o in out] == ["ok"] * 3 and s.restarts == 0  # 1.8 s in all, 0.6 s each


def test_a_crash_or_garbage_mid_batch_ends_that_call_only(pool):
    with pool.open((HOSTILE / "dies_in_call.py").read_text(), "dies.py") as s:
        out = list(s.call_many([*calls("echo", (1,)), *calls("hard_exit", (1,)), *calls("echo", (2,))]))
        assert [o.status for o in out] == ["ok", "crashed", "ok"] and out[2].value == 2
    with pool.open((HOSTILE / "garbage_reply.py").read_text(), "garbage.py") as s:
        out = list(s.call_many(calls("echo", (1,)) + calls("garbage", (1,)) + calls("echo", (2,))))
        assert [o.status for o in out] == ["ok", "crashed", "ok"] and "malformed" in out[1].error
        assert s.call("echo", [5]).value == 5


def test_answers_nobody_read_are_drained_before_the_next_call(pool):
    with pool.open(SOURCE, "mine.py") as s:
        batch = s.call_many(calls("add", *[(i, 0) for i in range(6)]))
        assert next(iter(batch)).value == 0  # read one answer of six, then move on
        assert s.call("add", [10, 5]).value == 15
        assert [o.value for o in s.call_many(calls("add", (1, 1), (2, 2)))] == [2, 4]
        assert [o.value for o in batch] == [1, 2, 3, 4, 5]  # the rest, read (and kept) before the next call
        assert s.restarts == 0


def test_a_failed_import_answers_every_call_of_a_batch(pool):
    with pool.open("raise ValueError('no')\n", "bad.py") as s:
        out = list(s.call_many(calls("add", (1, 2), (3, 4))))
        assert [o.status for o in out] == ["error", "error"] and all("could not be imported" in o.error for o in out)
