"""Hostile submissions (tests/fixtures/hostile/): each attack costs one call, never the grader or the pool.

Every test ends by checking that the same session (restarted if needed) or a new
one still works.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import numpy as np
import pytest

from mlvc_review.grading.sandbox.pool import Limits, WorkerPool

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
IS_ROOT = os.geteuid() == 0
needs_namespaces = pytest.mark.skipif(not IS_ROOT, reason="network/filesystem isolation needs root (namespaces)")


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(Limits(call_timeout=2.0, import_timeout=10, memory_mb=512, grace=0.5)) as p:
        yield p


def open_hostile(pool, name: str):
    session = pool.open((HOSTILE / name).read_text(), name)
    return session


def still_works(pool, session=None) -> None:
    """The session (after a restart if it was killed) and a brand-new one both answer."""
    if session is not None:
        assert session.call("echo", [41]).value == 41
    with pool.open("def echo(x):\n    return x\n", "fresh.py") as fresh:
        assert fresh.call("echo", ["alive"]).value == "alive"


def test_infinite_loop_costs_one_call(pool):
    with open_hostile(pool, "infinite_loop.py") as s:
        start = time.monotonic()
        out = s.call("spin", [1])
        assert out.status == "timeout" and out.error == "time limit exceeded (2 s)"
        assert time.monotonic() - start < 2.0 + 0.5 + 1.5
        assert s.call("echo", [1]).status == "ok" and s.restarts == 1
        assert s.call("spin", [1], timeout=0.3).status == "timeout" and s.restarts == 1
        still_works(pool, s)
        assert s.restarts == 2


def test_loop_ignoring_sigterm_still_dies(pool):
    with open_hostile(pool, "ignores_sigterm.py") as s:
        start = time.monotonic()
        assert s.call("stubborn", [1]).status == "timeout"
        assert time.monotonic() - start < 2.0 + 0.5 + 1.5  # SIGKILL after the grace period
        still_works(pool, s)


@pytest.mark.parametrize("function, gib", [("grab_array", 8), ("grab_bytes", 4), ("grab_shared", 2)])
def test_many_gib_grab_ends_as_memory(pool, function, gib):
    with open_hostile(pool, "memory_grab.py") as s:
        out = s.call(function, [gib], timeout=20)
        assert out.status == "memory", out
        assert out.error.startswith("memory limit exceeded (512 MB)")
        still_works(pool, s)


@pytest.mark.skipif(not IS_ROOT, reason="the per-uid memory sum needs a sandbox uid of its own")
def test_memory_spread_over_forked_children_is_summed(pool):
    with open_hostile(pool, "memory_grab.py") as s:
        start = time.monotonic()
        out = s.call("grab_in_children", [4, 300], timeout=20)
        assert out.status == "memory", out
        assert time.monotonic() - start < 10
        still_works(pool, s)


def test_sys_exit_at_import_is_an_import_error(pool):
    with open_hostile(pool, "exit_at_import.py") as s:
        assert s.import_outcome.status == "error"
        assert s.import_outcome.error == "SystemExit: 3\n  at line 3 of exit_at_import.py: sys.exit(3)"
        out = s.call("echo", [1])
        assert out.status == "error" and "could not be imported" in out.error
    still_works(pool)


def test_exits_and_segfault_in_a_call_end_that_call_only(pool):
    with open_hostile(pool, "dies_in_call.py") as s:
        hard = s.call("hard_exit", [1])
        assert hard.status == "crashed" and hard.error == "the submission process exited with code 7"
        soft = s.call("soft_exit", [1])
        assert soft.status == "error" and soft.error.startswith("SystemExit: 0\n  at line")
        segv = s.call("segfault", [1])
        assert segv.status == "crashed" and "SIGSEGV" in segv.error
        assert s.restarts == 1  # restarts happen lazily, before the next call
        still_works(pool, s)
        assert s.restarts == 2


def test_closing_stdout_does_not_break_the_session(pool):
    with open_hostile(pool, "dies_in_call.py") as s:
        assert s.call("close_output", [1]).status == "error"
        out = s.call("echo", [5])
        assert out.status == "ok" and out.stdout == "still talking 5\n" and s.restarts == 0


@pytest.mark.parametrize("function", ["flood_print", "flood_fd"])
def test_100_mb_output_flood_is_cut(pool, function):
    with open_hostile(pool, "output_flood.py") as s:
        start = time.monotonic()
        out = s.call(function, [1])
        assert out.status == "output" and out.error == "output limit exceeded (20000 bytes)"
        assert len(out.stdout) <= 20_000 + 100 and "truncated" in out.stdout
        assert time.monotonic() - start < 2.0
        small = s.call("chatty", [1])
        assert small.status == "ok" and small.stdout == "a little output\n"


def test_syntax_error_reports_the_line(pool):
    with open_hostile(pool, "syntax_error.py") as s:
        assert s.import_outcome.status == "error"
        assert s.import_outcome.error.startswith("SyntaxError: ")
        assert "\n  at line 4 of syntax_error.py" in s.import_outcome.error
    still_works(pool)


def test_patched_numpy_helpers_are_harmless(pool):
    with open_hostile(pool, "patches_numpy.py") as s:
        out = s.call("double", [np.arange(3.0)])
    assert out.status == "ok"
    assert type(out.value) is np.ndarray and np.array_equal(out.value, [0.0, 2.0, 4.0])
    assert np.allclose(out.value, [0.0, 2.0, 4.0]) and not np.allclose(out.value, [9.0, 9.0, 9.0])


def test_frame_walking_finds_no_grader_data(pool):
    secret_expected = "EXPECTED-" + "7f3a9c"  # what the trusted side would hold
    with open_hostile(pool, "frame_walk.py") as s:
        out = s.call("snoop", [np.arange(2.0)])
    assert out.status == "ok" and isinstance(out.value, str)
    assert "snoop" in out.value and len(out.value) > 1000  # it did look around
    assert secret_expected not in out.value


@pytest.mark.parametrize(
    "function, message",
    [
        ("liar", "returned a Liar, expected an array or number"),
        ("odd_array", "returned an OddArray, expected an array or number"),
        ("generator", "returned a generator, expected an array or number"),
        ("object_array", "returned an array of dtype object"),
        ("complex_array", "returned an array of dtype complex128"),
    ],
)
def test_values_that_lie_are_rejected(pool, function, message):
    with open_hostile(pool, "lying_values.py") as s:
        out = s.call(function, [np.arange(3.0)])
    assert out.status == "error" and out.error.startswith(message) and out.value is None


def test_tuple_subclass_is_read_through_the_base_class(pool):
    with open_hostile(pool, "lying_values.py") as s:
        out = s.call("lying_tuple", [1])
    assert type(out.value) is tuple and len(out.value) == 2
    assert all(np.array_equal(v, np.ones(2)) for v in out.value)


@needs_namespaces
def test_writes_outside_scratch_never_reach_the_host(pool, tmp_path):
    host_tmp = tmp_path / "planted.txt"
    with open_hostile(pool, "writes_outside.py") as s:
        assert s.call("write", ["/root/mlvc_sandbox_escape"]).status == "error"
        assert s.call("write", [str(host_tmp)]).status == "error"  # the host's /tmp is not mounted there
        assert s.call("write", ["/tmp/mlvc_sandbox_escape"]).value is True  # private tmpfs
        assert s.call("write", ["scratch_file.txt"]).value is True
        assert s.call("read", ["/root/.bashrc"]).status == "error"
        grader_file = str(Path(__file__).resolve())
        assert s.call("read", [grader_file]).status == "error"
        assert s.call("import_reference", []).status == "error"
    assert not os.path.exists("/root/mlvc_sandbox_escape")
    assert not os.path.exists("/tmp/mlvc_sandbox_escape")
    assert not host_tmp.exists()


@needs_namespaces
def test_no_network(pool):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    try:
        with open_hostile(pool, "network.py") as s:
            local = s.call("connect", ["127.0.0.1", port])
            public = s.call("connect", ["1.1.1.1", 80])
        assert local.status == "error" and "OSError" in local.error
        assert public.status == "error" and "OSError" in public.error
        with pytest.raises(socket.timeout):
            server.accept()  # nothing arrived on the host
    finally:
        server.close()


@pytest.mark.parametrize("function", ["kill_parent", "kill_group", "kill_init", "kill_everyone"])
def test_killing_parents_and_groups_leaves_grader_and_pool_alive(pool, function):
    with open_hostile(pool, "kills_parent.py") as s:
        out = s.call(function, [1])
        assert out.status in ("ok", "error", "crashed")
        assert s.call("kill_pid", [os.getpid()]).status == "error"
        still_works(pool, s)


def test_fork_bomb_costs_one_call(pool):
    with open_hostile(pool, "fork_bomb.py") as s:
        out = s.call("bomb", [1], timeout=10)
        assert out.status in ("error", "timeout", "crashed")
        still_works(pool, s)


def test_garbage_on_the_socket_is_a_crash_not_an_exception(pool):
    with open_hostile(pool, "garbage_reply.py") as s:
        out = s.call("garbage", [1])
        assert out.status == "crashed" and "malformed" in out.error
        still_works(pool, s)
        assert s.restarts == 1


@pytest.mark.skipif(not IS_ROOT, reason="the uid-drop fallback needs root")
def test_kill_attempts_in_the_uid_fallback_cannot_reach_grader_or_pool():
    with WorkerPool(Limits(call_timeout=2.0), isolate=False) as weak_pool:
        assert weak_pool.level == "uid"
        with open_hostile(weak_pool, "kills_parent.py") as s:
            for function in ("kill_parent", "kill_group", "kill_init", "kill_everyone"):
                assert s.call(function, [1]).status in ("ok", "error", "crashed")
            assert s.call("kill_pid", [os.getpid()]).status == "error"  # another uid: EPERM
            still_works(weak_pool, s)
