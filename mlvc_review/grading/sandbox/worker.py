"""Warm sandbox workers: a template process that forks one isolated child per submission.

`sandbox.WorkerPool` starts ``python -I -B worker.py CONFIG_JSON`` with a scrubbed
environment and its cwd in a private 0700 directory. The template imports numpy
(and torch, one thread) once, loads the worker modules without running any package
``__init__`` (stub package objects), listens on a Unix socket in that directory and
prints one JSON line ``{"level", "isolation"}``. Then, per connection:

    template --fork--> intermediate: setsid, namespaces + private mounts ("ns" level),
                       a scratch dir; --fork--> sandbox process (pid-ns init);
                       sends {"kind": "hello", "pid", "uid", "level"}, lets the child
                       run, waits for it, sends {"kind": "died", "code"} and exits.
    sandbox process:   `worker_child.serve` (jail, import the submission, answer calls).

The grader kills only the sandbox process (by pid): as pid-namespace init, its death
takes every process the student started with it. The template exits when its stdin
(a pipe from the grader) closes, so whatever kills the grader (SIGKILL included) ends
it; each intermediate then gets SIGTERM (parent-death signal) and kills its sandbox;
the sandbox also has its own parent-death signal, armed after its uid switch.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import site
import socket
import sys
import tempfile
import types


def _stub_packages() -> None:
    """Make ``mlvc_review.grading.sandbox.*`` importable without executing any package ``__init__``."""
    here = os.path.dirname(os.path.abspath(__file__))
    grading = os.path.dirname(here)
    packages = (("mlvc_review", os.path.dirname(grading)), ("mlvc_review.grading", grading), ("mlvc_review.grading.sandbox", here))
    for name, path in packages:
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = [path]
            sys.modules[name] = module


def _intermediate(conn: socket.socket, cfg: dict, level: str, template_pid: int) -> None:
    """Set up isolation for one submission, fork its sandbox process, report its death."""
    from mlvc_review.grading.sandbox import jail as worker_jail, worker_child
    from mlvc_review.grading.sandbox.wire import Channel

    os.setsid()
    worker_jail.die_with_parent()
    if os.getppid() != template_pid:
        os._exit(0)
    chan = Channel(conn)
    uid = worker_jail.SANDBOX_UID_BASE + os.getpid() % 100_000_000 if os.geteuid() == 0 else os.getuid()
    try:
        if level == "ns":
            worker_jail.enter_namespaces(cfg["hide"], cfg["expose"])
            scratch = "/tmp/submission"
            os.mkdir(scratch, 0o700)
        else:
            scratch = tempfile.mkdtemp(prefix="mlvc-submission-")
    except OSError as err:
        chan.send({"kind": "hello", "error": f"sandbox set-up failed: {err}"})
        os._exit(1)
    r, w = os.pipe()
    life_r, life_w = os.pipe()  # we hold life_w until we die: the child's `jail.parent_alive`
    pid = os.fork()
    if pid == 0:
        os.close(w)
        os.close(life_w)
        worker_jail.die_with_parent()  # until the uid switch clears it; `serve` arms it again
        os.read(r, 1)  # wait until the grader knows our pid
        os.close(r)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        try:
            worker_child.serve(chan, uid, scratch, level, life_r)
        except BaseException as err:  # noqa: BLE001 - report set-up failures, never raise
            try:
                chan.send({"kind": "ready", "status": "crashed", "error": f"sandbox set-up failed: {err!r}"})
            finally:
                os._exit(70)
        os._exit(0)
    os.close(r)
    os.close(life_r)
    _end_with_template(pid, uid if os.geteuid() == 0 and level != "ns" else None, template_pid,
                       None if level == "ns" else scratch)
    chan.send({"kind": "hello", "pid": pid, "uid": uid if os.geteuid() == 0 else None, "level": level})
    os.write(w, b"x")
    os.close(w)
    _, status = os.waitpid(pid, 0)
    if level != "ns":
        try:
            os.killpg(pid, 9)  # what the student left in its process group
        except OSError:
            pass
        shutil.rmtree(scratch, ignore_errors=True)
    try:
        chan.send({"kind": "died", "code": os.waitstatus_to_exitcode(status)})
    except Exception:  # noqa: BLE001 - the grader may be gone already
        pass
    os._exit(0)


def _end_with_template(pid: int, uid: int | None, template_pid: int, scratch: str | None) -> None:
    """When the template dies (and so the grader), kill the sandbox process `pid` first.

    The sandbox arms its own parent-death signal, but student code could disarm it; this
    intermediate runs only our code. As pid-namespace init, the sandbox takes every
    process of the submission with it; without namespaces its group and its `uid` go too,
    and its `scratch` directory is removed.
    """
    from mlvc_review.grading.sandbox import jail

    def parent_gone(*_: object) -> None:
        for kill in (os.kill, os.killpg):
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if uid is not None:
            jail.kill_uid(uid)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, parent_gone)
    jail.die_with_parent(signal.SIGTERM)
    if os.getppid() != template_pid:  # it died before the signal was armed
        parent_gone()


def _reap() -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def main(argv: list[str]) -> None:
    """Template process: warm imports, then fork an intermediate per accepted connection."""
    cfg = json.loads(argv[1])
    import numpy  # noqa: F401 - warm import shared by every fork

    if cfg["torch"]:
        import torch

        torch.set_num_threads(1)
    _stub_packages()
    from mlvc_review.grading.sandbox import jail as worker_jail, worker_child  # noqa: F401 - loaded before any fork

    # what the sandbox uid must be able to read: the interpreter, stdlib and site-packages
    cfg["expose"] = [sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages()]

    if cfg["isolate"]:
        level = worker_jail.probe()
    else:
        level = "uid" if os.geteuid() == 0 else "weak"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(cfg["socket"])
    listener.listen(64)
    sys.stdout.write(json.dumps({"level": level, "isolation": worker_jail.describe(level)}) + "\n")
    sys.stdout.flush()
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    me = os.getpid()
    while True:
        readable = select.select([listener, 0], [], [], 1.0)[0]
        if 0 in readable and not os.read(0, 1):
            os._exit(0)  # the grader closed our stdin: it is gone (skip slow interpreter teardown)
        _reap()
        if listener in readable:
            conn, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                try:
                    _intermediate(conn, cfg, level, me)
                finally:
                    os._exit(0)
            conn.close()


if __name__ == "__main__":
    main(sys.argv)
