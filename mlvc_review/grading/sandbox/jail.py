"""Isolation steps for one sandboxed submission, through libc (Python 3.11 has no os.unshare).

Three levels, chosen once per pool by `probe()`:

- ``"ns"`` (root and unshare(2) works): new net, mount, pid, ipc and uts namespaces;
  private tmpfs over /tmp, /var/tmp and /dev/shm; the grader's package and reference
  directories hidden under empty read-only tmpfs; a fresh /proc; then the submission
  runs as its own unprivileged uid (no access to /root, the grader's files are read-only).
- ``"uid"`` (root, namespaces refused): the same uid drop and rlimits, no namespaces.
- ``"weak"`` (not root): rlimits, setsid and no-new-privs only.

Every level sets RLIMIT_CORE=0, RLIMIT_NPROC, RLIMIT_FSIZE, RLIMIT_NOFILE and
RLIMIT_DATA (see `sandbox` for why DATA and not AS) and PR_SET_NO_NEW_PRIVS.
"""

from __future__ import annotations

import ctypes
import os
import resource
import select
import signal
import tempfile

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NS_FLAGS = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 1 << 14, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
PRIVATE_TMP = ("/tmp", "/var/tmp", "/dev/shm")
SANDBOX_UID_BASE = 2_000_000_000  # one fresh uid per submission: its own RLIMIT_NPROC count
NPROC_LIMIT = 64
OPEN_FILES_LIMIT = 256
CPU_SECONDS_LIMIT = 3600  # backstop for a sandbox orphaned by a dead grader; calls have wall-time limits

_libc = ctypes.CDLL(None, use_errno=True)


def _check(ret: int, what: str) -> None:
    if ret != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    enc = lambda s: None if s is None else s.encode()  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)), f"mount {target}")


def prctl(option: int, value: int) -> None:
    """`prctl(2)` with one integer argument."""
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Send this process `sig` when its parent dies.

    The kernel clears this setting when the process changes uid (or gid): a process
    that drops privileges must call it again afterwards, then `parent_alive` to catch
    a parent that died before the call.
    """
    prctl(PR_SET_PDEATHSIG, sig)


def parent_alive(lifeline: int) -> bool:
    """Whether the parent still holds the write end of the pipe whose read end is `lifeline`.

    The parent never writes to it, so the read end becomes readable (end of file) only
    once the parent is gone. Unlike getppid() this works for a pid-namespace init,
    whose parent lies outside its namespace.
    """
    return not select.select([lifeline], [], [], 0)[0]


def kill_uid(uid: int) -> None:
    """SIGKILL every process of `uid` (a sandbox uid is one submission's alone)."""
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                os.kill(int(entry), signal.SIGKILL)
        except OSError:
            continue


def enter_namespaces(hide: list[str], expose: list[str]) -> None:
    """Unshare namespaces and build the private mounts; the *next* child is the pid-ns init.

    Args:
        hide: directories to cover with an empty read-only tmpfs (the grader's code, the
            project), outermost first; exposed paths inside one are bound back.
        expose: directories the unprivileged sandbox uid must read (the Python install).
    """
    _check(_libc.unshare(NS_FLAGS), "unshare")
    # stop mount events propagating back to the host
    _mount(None, "/", None, MS_REC | MS_PRIVATE, None)
    held = _hold_inside_tmp(expose)
    for target in PRIVATE_TMP:
        if os.path.isdir(target):
            _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
    _bind_back(held)
    _expose([p for p in expose if p not in held])
    for target in hide:  # outermost first: a nested target may sit inside a kept path
        if os.path.isdir(target):
            _cover(target, expose)


def within(path: str, d: str) -> bool:
    """Whether `path` is `d` or lies below it (both absolute)."""
    return path == d or path.startswith(d.rstrip("/") + "/")


def _outermost(paths: list[str]) -> list[str]:
    """The existing directories of `paths` that are not inside another one of them."""
    paths = sorted({os.path.abspath(p) for p in paths if os.path.isdir(p)})
    return [p for p in paths if not any(p != q and within(p, q) for q in paths)]


def _cover(target: str, expose: list[str]) -> None:
    """Hide `target` under a read-only tmpfs whose only file makes importing it fail.

    An empty directory on sys.path would import as a namespace package, so
    `import mlvc_reference` would succeed (empty) instead of failing. Exposed paths
    inside `target` (a virtual environment inside the project) are bound back, read-only.
    """
    keep = [p for p in _outermost(expose) if p != target and within(p, target)]
    _replace_keeping(target, keep, MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=16k,mode=0555", hidden=True)


def _hold_inside_tmp(paths: list[str]) -> dict[str, int]:
    """O_PATH handles on exposed directories that a private tmpfs is about to cover.

    A Python (a virtual environment, say) installed under /tmp would vanish under the
    sandbox's private /tmp; a handle taken first lets `_bind_back` mount it again.
    """
    held: dict[str, int] = {}
    for path in sorted({os.path.abspath(p) for p in paths if os.path.isdir(p)}):
        inside = any(within(path, t) for t in PRIVATE_TMP)
        if inside and not any(within(path, q) for q in held):
            held[path] = os.open(path, os.O_PATH | os.O_DIRECTORY)
    return held


def _bind_back(held: dict[str, int]) -> None:
    """Mount each held directory, read-only, at its old path inside the new tmpfs."""
    for path, fd in held.items():
        os.makedirs(path, 0o755, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC, None)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
        os.close(fd)


def _closed_ancestor(path: str) -> str | None:
    """The outermost proper ancestor of `path` that others may not traverse (e.g. /root), if any."""
    parts = os.path.abspath(path).strip("/").split("/")
    for i in range(1, len(parts)):
        ancestor = "/" + "/".join(parts[:i])
        if not os.stat(ancestor).st_mode & 0o001:
            return ancestor
    return None


def _expose(paths: list[str]) -> None:
    """Make `paths` readable to any uid while hiding the rest of their closed ancestors.

    A Python installed under /root (mode 0700) is unreadable to the sandbox uid: each
    such ancestor is replaced by an empty tmpfs (so its other contents — keys, history —
    stay hidden) with the needed paths bound back read-only.
    """
    blocked: dict[str, list[str]] = {}
    for path in _outermost(paths):
        ancestor = _closed_ancestor(path)
        if ancestor is not None:
            blocked.setdefault(ancestor, []).append(path)
    for ancestor, inner in sorted(blocked.items()):
        _replace_keeping(ancestor, inner, MS_NOSUID | MS_NODEV, "size=1m,mode=0755", hidden=False)


def _replace_keeping(target: str, keep: list[str], flags: int, options: str, *, hidden: bool) -> None:
    """Mount an empty tmpfs on `target`, with each of `keep` (inside it) bound back read-only.

    The kept paths are first bound aside under the private /tmp, then onto directories
    recreated in the new tmpfs. `hidden` adds an ``__init__.py`` that refuses imports and
    makes the tmpfs itself read-only.
    """
    stages = []
    for path in keep:
        stages.append(tempfile.mkdtemp(prefix=".mlvc-stage-", dir="/tmp"))
        _mount(path, stages[-1], None, MS_BIND | MS_REC, None)
    _mount("tmpfs", target, "tmpfs", flags, options)
    if hidden:
        with open(os.path.join(target, "__init__.py"), "w") as f:
            f.write('raise ImportError("this directory is hidden inside the grading sandbox")\n')
    for path, stage in zip(keep, stages):
        os.makedirs(path, 0o755, exist_ok=True)
        _mount(stage, path, None, MS_BIND | MS_REC, None)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
        _check(_libc.umount2(stage.encode(), MNT_DETACH), f"umount {stage}")
        os.rmdir(stage)
    if hidden:
        _mount(None, target, None, MS_REMOUNT | MS_RDONLY | flags, None)


def mount_proc() -> None:
    """A /proc that shows only this pid namespace (call as its init)."""
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)


def probe() -> str:
    """The strongest level that works here: "ns", "uid" or "weak" (forks a throwaway child)."""
    if os.geteuid() != 0:
        return "weak"
    pid = os.fork()
    if pid == 0:
        try:
            enter_namespaces([], [])
            os._exit(0)
        except BaseException:  # noqa: BLE001 - any failure means no namespaces
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return "ns" if os.waitstatus_to_exitcode(status) == 0 else "uid"


def describe(level: str) -> str:
    """Human text for `WorkerPool.isolation`."""
    return {
        "ns": "namespaces (net, mount, pid, ipc, uts) + private /tmp + own uid; rlimits",
        "uid": "uid drop + rlimits (root, but unshare was refused: no namespaces)",
        "weak": "weak: not root - no namespaces, no uid drop; rlimits + setsid only",
    }[level]


def _tasks_of_user(uid: int) -> int:
    """Threads and processes `uid` runs now (RLIMIT_NPROC counts them all)."""
    count = 0
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                count += len(os.listdir(f"/proc/{entry}/task"))
        except OSError:
            continue
    return count


def set_limits(data_bytes: int | None, file_bytes: int) -> None:
    """Resource limits for the submission process and everything it forks.

    RLIMIT_NPROC counts per real uid: a fresh sandbox uid gets `NPROC_LIMIT`; without
    a uid drop the user's current task count is added so the worker can still start threads.
    """
    nproc = NPROC_LIMIT if os.geteuid() == 0 else _tasks_of_user(os.getuid()) + NPROC_LIMIT
    for which, value in (
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, nproc),
        (resource.RLIMIT_NOFILE, OPEN_FILES_LIMIT),
        (resource.RLIMIT_FSIZE, file_bytes),
        (resource.RLIMIT_DATA, resource.RLIM_INFINITY if data_bytes is None else data_bytes),
        (resource.RLIMIT_CPU, CPU_SECONDS_LIMIT),
    ):
        _, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else hard if value == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (value, value))
    # a write past RLIMIT_FSIZE fails with EFBIG instead of killing the process
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def drop_privileges(uid: int, scratch: str) -> None:
    """Become `uid` (owner of `scratch`) for good; nothing regains privileges afterwards."""
    if os.geteuid() == 0:
        os.chown(scratch, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    prctl(PR_SET_NO_NEW_PRIVS, 1)
