"""The sandboxed process of one submission: jail, import the student file, serve calls.

Messages (dicts) it reads: ``{"kind": "load", "source", "filename", "limits": {...}}``
once, then ``{"kind": "call", ...}`` (fields of `SandboxSession.call`), ``{"kind":
"calls", "calls": [call, ...]}`` (a batch, run in order) or ``{"kind": "exit"}``. It
answers ``{"kind": "ready", ...}`` after the import and ``{"kind": "result", ...}``
per call, both with status/value/error/stdout/stderr/seconds. It holds no grader
data: only the submission and the arguments of the current batch of calls.

A call with ``"mode": "train"`` is a training check (`sandbox.training`): the
student's class is built, probed and trained here, by the grader's loop and loss
but inside this jailed process, and only the loss curve and output arrays go
back; metrics and thresholds stay in the trusted process. As with every value
from this process, a hostile submission can forge what it returns (it shares the
interpreter with the loop): the sandbox keeps it from harming the grader, not
from lying about its own result.
"""

from __future__ import annotations

import importlib.util
import linecache
import os
import re
import signal
import sys
import time
from typing import Any

from mlvc_review.grading.sandbox import callables as worker_callables, jail as worker_jail, worker_values
from mlvc_review.grading.sandbox import training as worker_training
from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.sandbox.watchdog import memory_kb
from mlvc_review.grading.sandbox.wire import Channel
from mlvc_review.grading.sandbox.capture import Capture, OutputLimit

_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}\.py")
_MEMORY_TEXT = ("can't allocate memory", "DefaultCPUAllocator", "out of memory")


class Submission:
    """State of the process: the imported module and how to report on it."""

    def __init__(self, path: str, limits: dict, capture: Capture):
        self.path = path
        self.limits = limits
        self.capture = capture
        self.module: Any = None


def describe_error(exc: BaseException, path: str) -> str:
    """The exception as a student needs it: type, message, and the innermost line of their own file.

    ``"AttributeError: module 'numpy' has no attribute 'int'.\n  at line 84 of my_solution.py: n = np.int(x)"``:
    the message's first lines (at most 2, each at most 200 characters), then the student's
    frame with its source line, so a long message never hides what went wrong.
    """
    try:
        text = str(exc.msg if isinstance(exc, SyntaxError) else exc)[:2000]
    except BaseException:  # noqa: BLE001 - a hostile __str__
        text = "<unprintable message>"
    line = None
    if isinstance(exc, SyntaxError) and exc.filename == path:
        line = exc.lineno
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    name = type.__getattribute__(type(exc), "__name__")
    lines = [t.strip()[:200] for t in text.splitlines() if t.strip()][:2]
    head = f"{name}: " + "\n  ".join(lines) if lines else name
    if not line:
        return head
    source = linecache.getline(path, line).strip()[:200]
    return f"{head}\n  at line {line} of {os.path.basename(path)}" + (f": {source}" if source else "")


def classify(exc: BaseException, sub: Submission) -> tuple[str, str]:
    """(status, error) of an exception raised by student code."""
    if isinstance(exc, OutputLimit):
        return "output", f"output limit exceeded ({sub.limits['output_bytes']} bytes)"
    text = describe_error(exc, sub.path)
    memory = f"memory limit exceeded ({sub.limits['memory_mb']} MB)"
    if isinstance(exc, MemoryError) or (isinstance(exc, RuntimeError) and any(s in text for s in _MEMORY_TEXT)):
        return "memory", f"{memory}: {text}"
    return "error", text


def run_student(sub: Submission, action: Any) -> dict:
    """Run `action()` with output captured; returns the reply fields (value still raw)."""
    sub.capture.start()
    start = time.perf_counter()
    reply: dict = {"status": "ok", "error": None}
    try:
        reply["raw"] = action()
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt included
        reply["status"], reply["error"] = classify(exc, sub)
    reply["seconds"] = time.perf_counter() - start
    reply["stdout"], reply["stderr"], flooded = sub.capture.finish()
    if flooded and reply["status"] in ("ok", "error"):  # an EFBIG error is the flood's doing
        reply["status"], reply["error"] = "output", f"output limit exceeded ({sub.limits['output_bytes']} bytes)"
    return reply


def import_submission(sub: Submission) -> dict:
    """Import the student's file as a module named after it."""
    stem = os.path.basename(sub.path)[:-3]
    name = stem if stem.isidentifier() else "submission"
    spec = importlib.util.spec_from_file_location(name, sub.path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module

    def load() -> None:
        spec.loader.exec_module(module)

    reply = run_student(sub, load)
    reply.pop("raw", None)
    sub.module = module
    return reply


def _prepare(req: dict) -> tuple[list, dict]:
    """Args and kwargs as the student function receives them (callables built, torch tensors)."""
    mode, dtype, device = req["mode"], req["dtype"], req["device"]
    args = worker_callables.build(list(req["args"]), mode=mode, dtype=dtype, device=device)
    kwargs = worker_callables.build(dict(req["kwargs"] or {}), mode=mode, dtype=dtype, device=device)
    if mode == "torch":
        args = worker_values.to_torch(args, dtype, device)
        kwargs = worker_values.to_torch(kwargs, dtype, device)
        for i in req["grad_wrt"] or []:
            args[i].requires_grad_(True)
    return args, kwargs


def call_function(sub: Submission, req: dict) -> dict:
    """One call of a student function (and its backward pass); the reply holds plain data only."""
    fn = vars(sub.module).get(req["function"]) if sub.module is not None else None
    if not callable(fn):
        return {"status": "error", "error": f"the submission defines no function {req['function']!r}"}
    try:
        args, kwargs = _prepare(req)
    except Exception as err:  # noqa: BLE001 - e.g. an unknown device: the grader's problem, reported
        return {"status": "error", "error": f"preparing the arguments failed: {describe_error(err, sub.path)}"}
    reply = run_student(sub, lambda: fn(*args, **kwargs))
    raw = reply.pop("raw", None)
    if reply["status"] == "ok" and req["grad_wrt"]:
        backward = run_student(sub, lambda: worker_values.gradients(raw, args, req["grad_wrt"], req["grad_output"]))
        reply["stdout"] += backward["stdout"]
        reply["stderr"] += backward["stderr"]
        if backward["status"] != "ok":
            return {**reply, "status": backward["status"], "error": f"computing gradients failed: {backward['error']}"}
        reply["grads"], reply["notes"] = backward["raw"]
    try:
        if reply["status"] == "ok":
            reply["value"] = worker_values.to_plain(raw)
        if req["echo_args"]:  # a grader callable (eps_model) comes back as None: nothing of the student's to check
            reply["args_after"] = [None if type(sent) is CallableSpec else worker_values.to_plain(a, "the call left an argument as")
                                   for sent, a in zip(req["args"], args)]
    except worker_values.NotPlain as err:
        reply.update(status="error", error=str(err), value=None)
    except MemoryError:
        reply.update(status="memory", error=f"memory limit exceeded ({sub.limits['memory_mb']} MB)", value=None)
    except Exception as err:  # noqa: BLE001 - e.g. a tensor that cannot be moved to the CPU
        reply.update(status="error", error=f"the result could not be read: {describe_error(err, sub.path)}", value=None)
    return reply


def serve(chan: Channel, uid: int, scratch: str, level: str, lifeline: int | None = None) -> None:
    """Main loop of the sandboxed process (never returns).

    Args:
        lifeline: read end of a pipe the parent holds open while it lives (`jail.parent_alive`).
    """
    me = os.getpid()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(128 + signal.SIGTERM))
    load = chan.recv()
    limits = load["limits"]
    if level == "ns":
        worker_jail.mount_proc()
    os.setsid()
    name = os.path.basename(load["filename"] or "")
    name = name if _SAFE_NAME.fullmatch(name) else "submission.py"
    path = os.path.join(scratch, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(load["source"])
    file_limit = 2**20 + limits["output_bytes"]
    capture = Capture(os.path.join(scratch, ".output"), limits["output_bytes"], file_limit)
    # CUDA maps large private regions at initialisation: on a GPU only the grader's watchdog caps memory
    data_limit = (_status_kb("VmData") + limits["memory_mb"] * 1024) * 1024 if load["device"] == "cpu" else None
    worker_jail.set_limits(data_limit, file_limit)
    worker_jail.drop_privileges(uid, scratch)
    # the uid switch cleared the parent-death signal: arm it again, then make sure the
    # parent did not die before it was armed (nothing would ever signal us then)
    worker_jail.die_with_parent()
    if lifeline is not None:
        if not worker_jail.parent_alive(lifeline):
            os._exit(0)
        os.close(lifeline)
    outside = ("", os.getcwd())
    os.chdir(scratch)
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratch, "TMPDIR": scratch})
    os.environ.update({k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})
    sys.path[:] = [scratch] + [p for p in sys.path if p not in outside and "__editable__" not in p]
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
    sub = Submission(path, limits, capture)
    base_kb = memory_kb("self")[0]  # memory_mb is counted from here, as the grader's watchdog counts
    ready = import_submission(sub)
    ready["base_kb"] = base_kb
    _reply(chan, me, "ready", ready)
    while True:
        req = chan.recv()
        batch = req.get("calls") if req.get("kind") == "calls" else [req] if req.get("kind") == "call" else None
        if type(batch) is not list:
            os._exit(0)
        for req in batch:  # a batch is answered call by call, each as soon as it ends
            reply = worker_training.run(sub, req, run_student) if req.get("mode") == "train" else call_function(sub, req)
            _reply(chan, me, "result", reply)
            _reap(level)


def _reply(chan: Channel, me: int, kind: str, reply: dict) -> None:
    if os.getpid() != me:  # a process the student forked must never answer
        os._exit(0)
    reply["kind"] = kind
    try:
        chan.send(reply)
    except Exception as err:  # noqa: BLE001 - e.g. a value over the message size limit
        chan.send({"kind": kind, "status": "error", "error": f"the result could not be sent: {err}"})


def _reap(level: str) -> None:
    """As pid-namespace init: kill whatever the student left running and reap zombies."""
    if level == "ns":
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0
