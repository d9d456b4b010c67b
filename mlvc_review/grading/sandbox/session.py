"""One submission in its own sandbox process: import once, call many times, restart after a kill.

Everything the sandbox sends is decoded by `protocol.decode` (plain data only) and
checked field by field here; a malformed answer is a crash of that call, never an
exception in the grader.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from mlvc_review.errors import GradingError
from mlvc_review.grading.sandbox.protocol import ProtocolError
from mlvc_review.grading.sandbox.pool import CallOutcome, Limits
from mlvc_review.grading.sandbox.watchdog import MemoryExceeded, Watchdog
from mlvc_review.grading.sandbox.process import SandboxProcess, death_text
from mlvc_review.grading.sandbox.wire import ChannelClosed, ChannelTimeout

_STATUSES = ("ok", "error", "timeout", "memory", "crashed", "output")


class SandboxSession:
    """A submission imported in an isolated worker; use as a context manager (one thread at a time).

    Attributes:
        import_outcome: the import's `CallOutcome` ("ok", or error/timeout/memory/crashed).
        restarts: how many times the process was replaced after a kill or crash.
    """

    def __init__(self, pool: Any, source: str, filename: str, limits: Limits):
        self.pool, self.source, self.filename, self.limits = pool, source, filename, limits
        self.restarts = 0
        self._proc: SandboxProcess | None = None
        self._watchdog: Watchdog | None = None
        self._closed = False
        self._batch: Batch | None = None  # the batch whose answers are still coming
        self.import_outcome = self._start()

    @property
    def _alive(self) -> bool:
        return self._proc is not None and self._proc.alive

    def _start(self) -> CallOutcome:
        try:
            self._proc = SandboxProcess(self.pool.connect())
        except (ChannelTimeout, ChannelClosed, ProtocolError) as err:
            self._proc = None
            return CallOutcome("crashed", error=f"the sandbox did not start: {err}")
        self._watchdog = Watchdog(self._proc.pid, self._proc.uid, self.limits.memory_mb)
        limits = {"memory_mb": self.limits.memory_mb, "output_bytes": self.limits.output_bytes}
        load = {"kind": "load", "source": self.source, "filename": self.filename, "limits": limits}
        try:
            self._proc.chan.send({**load, "device": self.pool.device})
        except ChannelClosed:
            pass  # it died at once: _wait reads its last words or the EOF
        outcome, reply = self._wait("ready", self.limits.import_timeout)
        if outcome.status == "ok" and type(reply.get("base_kb")) is int:
            self._watchdog.base_kb = reply["base_kb"]
        return outcome

    def call(
        self,
        function: str,
        args: list,
        kwargs: dict | None = None,
        *,
        mode: Literal["numpy", "torch"] = "numpy",
        echo_args: bool = False,
        grad_wrt: list[int] | None = None,
        grad_output: Any = None,
        dtype: str = "float64",
        device: str | None = None,
        timeout: float | None = None,
    ) -> CallOutcome:
        """Call `function(*args, **kwargs)` in the sandbox (see the package docs for modes).

        Raises:
            ProtocolError: the arguments are not plain data (a grader bug, not the student's).
            GradingError: the session is closed.
        """
        refused = self._refused()
        if refused is not None:
            return refused
        request = _request(function, args, kwargs, mode=mode, echo_args=echo_args, grad_wrt=grad_wrt,
                           grad_output=grad_output, dtype=dtype, device=device or self.pool.device)
        not_sent = self._send(request)
        if not_sent is not None:
            return not_sent
        return self._wait("result", self.limits.call_timeout if timeout is None else timeout)[0]

    def call_many(self, calls: list[dict]) -> "Batch":
        """Send several calls in one message; iterate the returned `Batch` for their outcomes, in order.

        Each item of `calls` holds the keyword arguments of `call` (``function``, ``args``, ...).
        The sandbox runs them one after the other and answers each as soon as it ends. Each
        answer is awaited under that call's own time limit, counted from when it is awaited
        (never before the call started), so a call that hangs is killed as in `call`. After a
        kill, the calls not yet run are made one at a time in a restarted process. Answers
        nobody read yet are read (and kept for the batch) before the session's next call.

        Raises:
            ProtocolError: an argument is not plain data (a grader bug, not the student's).
            GradingError: the session is closed.
        """
        return Batch(self, calls)

    def _refused(self) -> CallOutcome | None:
        """None when calls can be made, else what every call gets (the import failed)."""
        if self._closed:
            raise GradingError("this sandbox session is closed")
        batch, self._batch = self._batch, None
        if batch is not None:
            batch.drain()  # the answers nobody read: the next answer must be the next call's
        if self.import_outcome.status != "ok":
            return CallOutcome("error", error=f"the submission could not be imported: {self.import_outcome.error}")
        return None

    def _send(self, message: dict) -> CallOutcome | None:
        """Send to a live process, restarting it (once more if it died between calls); None when sent."""
        for attempt in range(2):
            if not self._alive:
                self.restarts += 1
                restarted = self._start()
                if restarted.status != "ok":
                    return CallOutcome(restarted.status, error=f"restarting the sandbox failed: {restarted.error}")
            try:
                self._proc.chan.send(message)
                return None
            except ChannelClosed:
                self._proc.kill(self.limits.grace)  # it died between calls; restart once and resend
        return CallOutcome("crashed", error="the sandbox process died before the call")

    def _wait(self, kind: str, timeout: float, sent: float | None = None) -> tuple[CallOutcome, dict]:
        """One answer of `kind`, awaited for `timeout` seconds from now (`sent`: when its call was sent)."""
        start = time.monotonic()
        self._watchdog.reset()
        try:
            msg = self._proc.chan.recv(start + timeout, tick=self._watchdog.check)
        except ChannelTimeout:
            return self._failed("timeout", f"time limit exceeded ({timeout:g} s)", start)
        except MemoryExceeded:
            return self._failed("memory", f"memory limit exceeded ({self.limits.memory_mb} MB)", start)
        except ProtocolError as err:
            return self._failed("crashed", f"the sandbox sent malformed data: {err}", start)
        except ChannelClosed:
            return self._failed("crashed", "the submission process died", start)
        if type(msg) is dict and msg.get("kind") == "died":
            self._proc.alive = False
            return self._failed("crashed", death_text(msg.get("code")), start)
        if type(msg) is not dict or msg.get("kind") != kind or msg.get("status") not in _STATUSES:
            return self._failed("crashed", "the sandbox sent an unexpected message", start)
        return self._outcome(msg, time.monotonic() - (start if sent is None else sent)), msg

    def _outcome(self, msg: dict, wall: float) -> CallOutcome:
        cap = self.limits.output_bytes + 100

        def text(key: str) -> str:
            value = msg.get(key)
            return value[:cap] if type(value) is str else ""

        seconds = msg.get("seconds")
        notes = msg.get("notes")
        return CallOutcome(
            status=msg["status"],
            value=msg.get("value"),
            args_after=msg.get("args_after") if type(msg.get("args_after")) is list else None,
            grads=msg.get("grads") if type(msg.get("grads")) is list else None,
            error=msg["error"][:4000] if type(msg.get("error")) is str else None,
            stdout=text("stdout"),
            stderr=text("stderr"),
            seconds=seconds if type(seconds) is float and 0 <= seconds <= wall else wall,
            notes=[n for n in notes if type(n) is str] if type(notes) is list else [],
        )

    def _failed(self, status: str, error: str, start: float) -> tuple[CallOutcome, dict]:
        self._proc.kill(self.limits.grace)
        return CallOutcome(status, error=error, seconds=time.monotonic() - start), {}

    def close(self) -> None:
        """End the sandbox process (politely, then by force) and leave the pool."""
        if self._closed:
            return
        self._closed = True
        self._batch = None  # answers still coming die with the process
        if self._proc is not None:
            self._proc.stop(self.limits.grace)
        self.pool.forget(self)

    def __enter__(self) -> "SandboxSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _request(function: str, args: list, kwargs: dict | None = None, *, mode: str = "numpy", echo_args: bool = False,
             grad_wrt: list[int] | None = None, grad_output: Any = None, dtype: str = "float64", device: str = "cpu",
             timeout: float | None = None) -> dict:
    """The "call" message of `SandboxSession.call` (the time limit stays in the grader)."""
    return {
        "kind": "call", "function": function, "args": list(args), "kwargs": dict(kwargs or {}),
        "mode": mode, "echo_args": echo_args, "grad_wrt": list(grad_wrt) if grad_wrt else None,
        "grad_output": grad_output, "dtype": dtype, "device": device,
    }


class Batch:
    """The outcomes of `SandboxSession.call_many`, in order: sent in one message, each read when asked for."""

    def __init__(self, session: SandboxSession, calls: list[dict]):
        self.session, self.calls = session, [dict(c) for c in calls]
        self._next = 0  # the next call whose outcome is handed out
        self._read_up_to = 0  # answers read so far (drained ones wait in _kept)
        self._kept: list[CallOutcome] = []
        self._streaming = False  # answers are coming (False: the calls left are made one at a time)
        self._sent = 0.0
        self._refused = session._refused()
        if self._refused is not None or not self.calls:
            return
        device = session.pool.device
        message = {"kind": "calls", "calls": [_request(**{**c, "device": c.get("device") or device}) for c in self.calls]}
        try:
            sent = session._send(message) is None
        except ProtocolError:  # e.g. over the message size limit: each call alone says what is wrong
            sent = False
        if sent:
            self._streaming, self._sent = True, time.monotonic()
            session._batch = self

    def __iter__(self) -> "Batch":
        return self

    def __next__(self) -> CallOutcome:
        if self._next >= len(self.calls):
            raise StopIteration
        self._next += 1
        if self._refused is not None:
            return self._refused
        if self._kept:
            return self._kept.pop(0)
        if self._streaming:
            return self._read()
        self._read_up_to += 1
        return self.session.call(**self.calls[self._next - 1])

    def _read(self) -> CallOutcome:
        """The next answer of the stream; a kill (timeout, memory, bad answer) ends the stream."""
        timeout = self.calls[self._read_up_to].get("timeout")
        self._read_up_to += 1
        outcome = self.session._wait("result", self.session.limits.call_timeout if timeout is None else timeout, sent=self._sent)[0]
        if not self.session._alive or self._read_up_to == len(self.calls):
            self._streaming = False
            if self.session._batch is self:
                self.session._batch = None
        return outcome

    def drain(self) -> None:
        """Read the answers still coming and keep them for later (the session does this before its next call)."""
        while self._streaming:
            self._kept.append(self._read())
