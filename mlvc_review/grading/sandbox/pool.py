"""The grader's sandbox: warm worker processes that import and call untrusted submissions.

`WorkerPool` starts one template process (`worker.py`) that imports numpy (and
torch) once and forks an isolated child per `open()`ed submission; a
`SandboxSession` sends calls as plain data (`protocol`) and gets plain data back.
Student code never runs in the grading process.

Memory cap, as measured on this machine (Linux 6.18, 2 cores, 24 GiB, Python 3.11,
numpy 2.4, torch 2.x CPU; the forked child starts at VmData ~90 MiB with numpy,
~220 MiB with torch, VmSize ~620 MiB):

- RLIMIT_AS counts every mapping (libraries, thread stacks, reservations). A 2 GiB AS
  cap happened to leave CPU torch working here, but CUDA initialisation reserves far
  more address space than that and the cap would also count what the student never
  touches, so it is not used.
- RLIMIT_DATA (private writable mappings, since Linux 4.7), set in the child to its own
  VmData + `memory_mb`, keeps numpy/BLAS/torch working (matmul and autograd tested
  under it) and turns a many-GiB ``np.ones``/``bytearray``/list grab into a clean
  ``MemoryError`` (torch: "DefaultCPUAllocator: can't allocate memory") in the
  student's frame -> status "memory", "memory limit exceeded (2048 MB)". It is not
  set when the pool's device is not "cpu" (CUDA), where only the watchdog applies.
- RLIMIT_DATA sees neither shared memory (``mmap(-1, n)``) nor the sum over forked
  processes, so the grader also polls /proc every 50 ms while a call runs: the
  sandbox process's RssAnon+RssShmem above its post-import baseline (and, once a
  second, the same summed over every process of the sandbox's own uid) over
  `memory_mb` kills the sandbox -> status "memory". The cgroup v1 memory controller
  is writable here (we are root) and would be stricter, but it is not portable
  (v1/v2, delegation), so it is not relied on.
"""

from __future__ import annotations

import importlib.util
import json
import os
import select
import shutil
import site
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from mlvc_review.errors import GradingError
from mlvc_review.grading.sandbox.jail import PRIVATE_TMP, within

Status = Literal["ok", "error", "timeout", "memory", "crashed", "output"]
_WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
_KEPT_VARS = ("CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH", "SYSTEMROOT")


@dataclass
class Limits:
    """Per-call and per-submission limits.

    Args:
        call_timeout: seconds of wall time per call.
        import_timeout: seconds to import the submission.
        memory_mb: memory the submission may add on top of the warm interpreter.
        output_bytes: stdout/stderr kept per call; more ends the call as "output".
        grace: seconds between SIGTERM and SIGKILL.
    """

    call_timeout: float = 10.0
    import_timeout: float = 30.0
    memory_mb: int = 2048
    output_bytes: int = 20_000
    grace: float = 0.5


@dataclass
class CallOutcome:
    """What one call (or the import) of student code produced; plain data only.

    `notes` holds remarks that are not errors (e.g. "no gradient flows to argument 2").
    """

    status: Status
    value: Any = None
    args_after: list | None = None
    grads: list | None = None
    error: str | None = None
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _clean_env(home: str) -> dict[str, str]:
    """Minimal environment for the template: no secrets, one thread per BLAS/OpenMP pool."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": home}
    env.update({k: "1" for k in _THREAD_VARS})
    env.update({k: os.environ[k] for k in _KEPT_VARS if k in os.environ})
    return env




_SYSTEM = ("/dev", "/proc", "/sys", "/etc", "/usr", "/lib", "/bin")  # the system the sandbox runs on


def _hidden_dirs() -> list[str]:
    """The grader's code, the references, the project and the cwd, outermost first.

    Each is covered by an empty tmpfs inside the sandbox. One that holds the Python
    install (a checkout with its virtual environment inside, as in CI) is covered too:
    the sandbox binds the install back into it (`jail.enter_namespaces`). Never
    hidden: "/", a directory the system lives in, the install itself, or one whose cover
    would hide the sandbox's private /tmp.
    """
    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # mlvc_review/
    candidates = {package, os.path.dirname(package), os.getcwd()}
    spec = importlib.util.find_spec("mlvc_reference")
    if spec is not None and spec.submodule_search_locations:
        candidates.update(os.path.abspath(p) for p in spec.submodule_search_locations)
    sites = {os.path.abspath(p) for p in site.getsitepackages()}
    install = {os.path.abspath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)} | sites

    def hideable(d: str) -> bool:
        if d == "/" or d in install or any(within(t, d) for t in PRIVATE_TMP):
            return False
        if any(within(s, d) for s in _SYSTEM):  # "/usr" itself, or an ancestor of it
            return False
        # inside the system only a package in site-packages (e.g. /usr/lib/python3/dist-packages/pkg)
        return not any(within(d, s) for s in _SYSTEM) or any(within(d, p) for p in sites)

    return sorted((d for d in candidates if hideable(d)), key=lambda d: (d.count("/"), d))


class WorkerPool:
    """A warm template process serving isolated sessions; use as a context manager.

    Args:
        limits: default limits of every session.
        torch: import torch in the template (one thread) so torch submissions start warm.
        device: default device of torch-mode calls.
        isolate: try namespaces (False: uid drop + rlimits only; for tests of the fallback).

    Raises:
        GradingError: the template process could not start.
    """

    def __init__(self, limits: Limits | None = None, *, torch: bool = False, device: str = "cpu", isolate: bool = True):
        self.limits = limits or Limits()
        self.device = device
        self._dir = tempfile.mkdtemp(prefix="mlvc-pool-")  # 0700: only we can reach the socket
        self.socket_path = os.path.join(self._dir, "template.sock")
        self._sessions: list[Any] = []
        self._lock = threading.Lock()
        cfg = {"torch": torch, "isolate": isolate, "socket": self.socket_path, "hide": _hidden_dirs()}
        start = time.monotonic()
        self._log = open(os.path.join(self._dir, "template.log"), "wb")
        self._proc = subprocess.Popen(
            [sys.executable, "-I", "-B", _WORKER, json.dumps(cfg)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
            env=_clean_env(self._dir), cwd=self._dir, start_new_session=True,
        )
        info = self._read_ready(start + 120)
        self.level: str = info["level"]
        self.isolation: str = info["isolation"]

    def _read_ready(self, deadline: float) -> dict:
        line = b""
        while not line.endswith(b"\n") and time.monotonic() < deadline:
            if select.select([self._proc.stdout], [], [], 0.2)[0]:
                chunk = os.read(self._proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                line += chunk
        try:
            return json.loads(line)
        except ValueError:
            with open(self._log.name, "rb") as f:
                tail = f.read()[-2000:].decode(errors="replace")
            self.close()
            raise GradingError(f"the sandbox could not start:\n{tail}") from None

    def open(self, source: str, filename: str, limits: Limits | None = None) -> Any:
        """Start an isolated session for one submission (imports it; see `import_outcome`)."""
        from mlvc_review.grading.sandbox.session import SandboxSession

        session = SandboxSession(self, source, filename, limits or self.limits)
        with self._lock:
            self._sessions.append(session)
        return session

    def connect(self) -> socket.socket:
        """A new connection to the template: one forked sandbox behind it."""
        if self._proc.poll() is not None:
            raise GradingError(f"the sandbox pool has stopped (template exit code {self._proc.returncode})")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(self.socket_path)
        except OSError as err:
            sock.close()
            raise GradingError(f"the sandbox pool is not running: {err}") from None
        return sock

    def forget(self, session: Any) -> None:
        """Drop a closed session from the pool's list."""
        with self._lock:
            if session in self._sessions:
                self._sessions.remove(session)

    def close(self) -> None:
        """Close every session and stop the template (idempotent)."""
        with self._lock:
            sessions = list(self._sessions)
        for session in sessions:
            session.close()
        if self._proc.poll() is None:
            self._proc.stdin.close()  # the template exits when its stdin closes
            try:
                self._proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc.stdout.close()
        self._log.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
