"""Nothing is left running: killing the grader mid-call ends every process of the submission.

The grader (`mlvc-review grade`, a child of this test in a session of its own) grades a
submission whose function loops forever, after forking a second looping process. Once
the loop is burning CPU, the grader is killed: SIGKILL, SIGTERM, or SIGINT to its
process group (Ctrl-C in a terminal). Two seconds later no process that descended from
it, the submission's included, may still run. Processes are told apart by pid and start
time, so a reused pid is not mistaken for a survivor.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOLUTION = """\
import ctypes
import os


def causal_mask(n):
    if {disarm}:  # hostile: clear our own parent-death signal (PR_SET_PDEATHSIG = 1)
        ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)
    if os.fork() == 0:  # a second process of the submission, looping too
        while True:
            pass
    while True:
        pass
"""
SURVIVAL_S = 2.0


def _stat(pid: int) -> tuple[int, int, int] | None:
    """(parent pid, start time, CPU ticks) of a live, non-zombie process; None when gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if fields[0] in ("Z", "X"):
        return None
    return int(fields[1]), int(fields[19]), int(fields[11]) + int(fields[12])


def _descendants(root: int) -> dict[int, int]:
    """pid -> start time of every live descendant of `root`."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))) is not None:
            table[int(entry)] = st
    found: dict[int, int] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, start, _) in table.items():
            if ppid == parent and pid not in found:
                found[pid] = start
                frontier.append(pid)
    return found


def _looping(pids: dict[int, int]) -> int:
    """How many of `pids` have used more than 0.3 s of CPU (the student's loops)."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(1 for pid in pids if (st := _stat(pid)) is not None and st[2] > 0.3 * ticks)


def _survivors(pids: dict[int, int]) -> list[int]:
    return [pid for pid, start in pids.items() if (st := _stat(pid)) is not None and st[1] == start]


@pytest.mark.parametrize(("how", "disarm"), [("SIGKILL", False), ("SIGTERM", False), ("Ctrl-C", False),
                                           ("SIGKILL", True)])
def test_killing_the_grader_mid_loop_leaves_no_process_of_the_submission(tmp_path, how, disarm):
    solution = tmp_path / "loop.py"
    solution.write_text(SOLUTION.format(disarm=disarm))
    grader = subprocess.Popen(
        [sys.executable, "-m", "mlvc_review", "grade", str(solution), "--timeout", "60", "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        tree: dict[int, int] = {}
        while time.monotonic() < deadline and grader.poll() is None:
            tree |= _descendants(grader.pid)
            if _looping(tree) >= 2:
                break
            time.sleep(0.1)
        assert grader.poll() is None, grader.stderr.read().decode()
        assert _looping(tree) >= 2, f"the submission's two loops never ran: {tree}"
        tree |= _descendants(grader.pid)
        if how == "Ctrl-C":
            os.killpg(grader.pid, signal.SIGINT)  # what the terminal sends its foreground group
        else:
            os.kill(grader.pid, getattr(signal, how))
        try:
            grader.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the grader did not end within 30 s of {how}: {_where(grader.pid)}")
        time.sleep(SURVIVAL_S)
        left = _survivors(tree)
        for pid in left:  # leave nothing behind for the next test, whatever happened
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        assert not left, f"still running {SURVIVAL_S} s after the grader died ({how}): {left}"
    finally:
        if grader.poll() is None:
            grader.kill()
            grader.wait()
        grader.stderr.close()


def _where(pid: int) -> str:
    """What a hung grader is doing: each thread's state and kernel wait channel, and its process tree."""
    rows = []
    for task in sorted(Path(f"/proc/{pid}/task").glob("*")):
        try:
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
            rows.append(f"thread {task.name} {state} in {(task / 'wchan').read_text() or '-'}")
        except OSError:
            continue
    return "; ".join(rows) + f"; descendants {_descendants(pid)}"


PROBE = """\
import ctypes
import os


def death_signal():
    value = ctypes.c_int(-1)
    ctypes.CDLL(None).prctl(2, ctypes.byref(value), 0, 0, 0)  # PR_GET_PDEATHSIG
    return [value.value, os.getuid()]
"""


def test_the_sandbox_process_is_armed_after_its_uid_switch():
    """The kernel clears the parent-death signal on a uid change: the submission must still see it armed."""
    from mlvc_review.grading.sandbox.pool import WorkerPool

    with WorkerPool() as pool, pool.open(PROBE, "probe.py") as session:
        out = session.call("death_signal", [])
        assert out.status == "ok", out.error
        signal_number, uid = out.value
        assert signal_number == signal.SIGKILL
        if os.geteuid() == 0:
            assert uid != 0  # the switch did happen before


def test_parent_alive_reads_the_end_of_a_pipe_only_the_parent_holds():
    from mlvc_review.grading.sandbox.jail import parent_alive

    r, w = os.pipe()
    try:
        assert parent_alive(r)
        os.close(w)
        assert not parent_alive(r)
    finally:
        os.close(r)
