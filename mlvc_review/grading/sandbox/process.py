"""Grader-side handle on one forked sandbox process: its channel, its pid, how to end it.

The template's intermediate process sends ``{"kind": "hello", "pid", "uid"}`` first,
and ``{"kind": "died", "code"}`` once the sandbox process is gone. Signals go
through a pidfd where the kernel has them (no pid-reuse race).
"""

from __future__ import annotations

import os
import signal
import socket
import time

from mlvc_review.grading.sandbox.protocol import ProtocolError
from mlvc_review.grading.sandbox.wire import Channel, ChannelClosed, ChannelTimeout


def death_text(code: object) -> str:
    """Human text for the exit code the intermediate reported (negative: killed by a signal)."""
    if type(code) is not int:
        return "the submission process died"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the submission process was killed by {name}"
    return f"the submission process exited with code {code}"


class SandboxProcess:
    """A connected sandbox process.

    Args:
        sock: a fresh connection to the pool's template.
        hello_timeout: seconds to wait for the intermediate's hello.

    Raises:
        ChannelClosed, ChannelTimeout, ProtocolError: it did not start.
    """

    def __init__(self, sock: socket.socket, hello_timeout: float = 30.0):
        sock.settimeout(30.0)  # a sandbox that stops reading cannot block a send forever
        self.chan = Channel(sock)
        self.pidfd: int | None = None
        try:
            hello = self.chan.recv(time.monotonic() + hello_timeout)
            if type(hello) is not dict or type(hello.get("pid")) is not int:
                raise ProtocolError(str(hello.get("error") if type(hello) is dict else "bad hello"))
        except BaseException:
            sock.close()
            raise
        self.pid: int = hello["pid"]
        uid = hello.get("uid")
        self.uid: int | None = uid if type(uid) is int else None
        self.alive = True
        try:
            self.pidfd = os.pidfd_open(self.pid)
        except OSError:
            self.pidfd = None

    def signal(self, sig: int) -> None:
        """Send `sig` to the process and, while it lives, to its process group."""
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, sig)
            else:
                os.kill(self.pid, sig)
        except OSError:
            pass
        if self.alive:  # in a pid namespace, init's death ends the rest anyway
            try:
                os.killpg(self.pid, sig)
            except OSError:
                pass

    def kill(self, grace: float) -> None:
        """SIGTERM, then SIGKILL after `grace`; returns once its death is reported (or 5 s)."""
        if self.alive:
            self.signal(signal.SIGTERM)
            if not self.await_death(grace):
                self.signal(signal.SIGKILL)
                self.await_death(5.0)
        self.discard()

    def stop(self, grace: float) -> None:
        """Ask it to exit; force it after a second."""
        if self.alive:
            try:
                self.chan.sock.settimeout(1.0)  # a sandbox that stopped reading must not hold the grader 30 s
                self.chan.send({"kind": "exit"})
                if self.await_death(1.0):
                    self.alive = False
            except ChannelClosed:
                self.alive = False
        self.kill(grace)

    def await_death(self, seconds: float) -> bool:
        """Wait for the "died" report or EOF; True when it came."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                msg = self.chan.recv(deadline)
            except ChannelTimeout:
                return False
            except ChannelClosed:
                return True
            except ProtocolError:
                self.chan.drop()  # garbage from the student: skip it, keep waiting for EOF
                continue
            if type(msg) is dict and msg.get("kind") == "died":
                return True

    def discard(self) -> None:
        """Forget the process: close the pidfd and the socket."""
        self.alive = False
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None
        self.chan.sock.close()
