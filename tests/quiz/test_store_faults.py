"""The progress store on a full disk and in a read-only home: nothing is lost and nothing is renamed.

A full disk is a real one where the machine allows it (a 2 MiB tmpfs in a private
mount namespace, as root) and a simulated one everywhere (RLIMIT_FSIZE: SQLite sees
the short write or EFBIG a full disk gives). A read-only home is a read-only bind
mount (root ignores permission bits) or a 0555 directory for other users. Each
scenario runs in a child process; the store must come back with every answer that
was committed before the fault.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mlvc_review.errors import StoreError
from mlvc_review.quiz.scheduler import review
from mlvc_review.quiz.store import Attempt, open_store
from mlvc_review.quiz.store_errors import FULL, IOERR, Malformed, kind, store_error

COMMITTED = 25
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
IS_ROOT = os.geteuid() == 0
CAN_MOUNT = IS_ROOT and shutil.which("unshare") is not None and subprocess.run(
    ["unshare", "-m", "true"], capture_output=True).returncode == 0

PRELUDE = textwrap.dedent("""
    import json, os, subprocess, sys
    from datetime import datetime, timezone
    from pathlib import Path
    from mlvc_review.errors import StoreError
    from mlvc_review.quiz.scheduler import review as fsrs_review
    from mlvc_review.quiz.store import Attempt, open_store

    home = Path(sys.argv[1])
    out = {}

    def attempt(i):
        return Attempt(f"q{i}", 1, "choice", i, f"answer-{i}", 1.0, True, 3, 0, 1.0)

    def review(i):
        return lambda cur: fsrs_review(cur, f"q{i}", 1, 3, datetime(2026, 1, 1, tzinfo=timezone.utc))

    def cli(*args, stdin=""):
        proc = subprocess.run([sys.executable, "-m", "mlvc_review", *args], input=stdin, capture_output=True,
                              text=True, timeout=120)
        return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}

    def error(call):
        try:
            call()
            return None
        except StoreError as err:
            return {"code": err.exit_code, "message": str(err)}
""")


def _run(script: str, home: Path, *, mount: str | None = None) -> dict:
    """Run PRELUDE + `script` in a child (its argv[1] is `home`) and return the JSON it prints last.

    mount: "tmpfs" puts a 2 MiB tmpfs on `home`, "ro" binds `home` read-only, each in a
    private mount namespace that ends with the child; None runs it as it is.
    """
    code = PRELUDE + textwrap.dedent(script) + "\nprint(json.dumps(out))\n"
    argv = [sys.executable, "-c", code, str(home)]
    if mount == "tmpfs":
        setup = f'mount -t tmpfs -o size=2m tmpfs "{home}"'
    elif mount == "ro":
        setup = f'mount --bind "{home}" "{home}" && mount -o remount,bind,ro "{home}"'
    if mount:
        argv = ["unshare", "-m", "sh", "-c", f'{setup} && exec "$0" "$@"', *argv]
    env = {**os.environ, "MLVC_REVIEW_HOME": str(home)}
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _no_traceback(result: dict) -> None:
    assert "Traceback" not in result["err"] + result["out"], result


def _intact(home: Path) -> None:
    """Every committed answer and card is in the store, opened normally, and nothing was moved aside."""
    assert not list(home.glob("*.corrupt-*"))
    with open_store(home / "progress.db") as store:
        assert store.notice is None
        assert [a["raw"] for a in store.attempts()] == [f"answer-{i}" for i in range(COMMITTED)]
        cards = store.cards()
        assert sorted(cards) == sorted(f"q{i}" for i in range(COMMITTED))
        assert all(card.reps == 1 and card.due > T0 for card in cards.values())


FILL = f"""
    with open_store() as store:
        for i in range({COMMITTED}):
            store.record(attempt(i), review(i))
    held = open_store()  # a session that was open when the disk filled up

    def fill():
        fd = os.open(home / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:
                os.write(fd, b"\\0" * 4096)
        except OSError as err:
            out["filled"] = err.errno
        os.close(fd)

    fill()
"""


@pytest.mark.skipif(not CAN_MOUNT, reason="a tmpfs of its own needs root and unshare")
def test_a_full_disk_is_reported_and_nothing_is_renamed_or_lost(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    out = _run(FILL + f"""
    out["record"] = error(lambda: held.record(attempt(99), review(99)))
    out["held_attempts"] = len(held.attempts())
    held.close()  # the last connection: SQLite removes its WAL files, which frees a little space
    fill()
    out["open"] = error(lambda: open_store().close())
    out["stats"] = cli("stats", "--format", "json", "--lang", "en")
    out["export"] = cli("progress", "export", "{tmp_path / 'export.json'}")
    out["quiz"] = cli("quiz", "chapter", "1", "--limit", "1", "--seed", "1", stdin="q\\n")
    out["reset"] = cli("progress", "reset", "--yes")
    out["listing"] = sorted(p.name for p in home.iterdir())
    os.unlink(home / "filler")
    with open_store() as store:
        out["after"] = {{"notice": store.notice, "raw": [a["raw"] for a in store.attempts()],
                         "cards": sorted(store.cards())}}
    """, home, mount="tmpfs")
    assert out["filled"] == 28  # ENOSPC
    # the session that was open: the answer is refused plainly, the earlier ones stay
    assert out["record"]["code"] == 4 and "disk is full" in out["record"]["message"]
    assert str(home / "progress.db") in out["record"]["message"]
    assert out["held_attempts"] == COMMITTED
    # opening on the full disk: a clear error naming the file, never "corrupt"
    assert out["open"]["code"] == 4 and str(home / "progress.db") in out["open"]["message"]
    assert "damaged" not in out["open"]["message"] and "corrupt" not in out["open"]["message"]
    # stats and export still read it; commands that write say what happened, exit 4
    assert out["stats"]["code"] == 0, out["stats"]
    rows = json.loads(out["stats"]["out"])["chapters"]
    assert sum(r["answered"] for r in rows) == COMMITTED and "disk is full" in out["stats"]["err"]
    assert out["export"]["code"] == 0, out["export"]
    for name in ("quiz", "reset"):
        assert out[name]["code"] == 4 and "progress.db" in out[name]["err"], out[name]
        assert "disk" in out[name]["err"] and "corrupt" not in out[name]["err"]
        _no_traceback(out[name])
    assert not [n for n in out["listing"] if "corrupt" in n]
    # space freed: everything committed is there, with no notice
    assert out["after"] == {"notice": None, "raw": [f"answer-{i}" for i in range(COMMITTED)],
                            "cards": sorted(f"q{i}" for i in range(COMMITTED))}


def test_a_simulated_full_disk_loses_no_committed_answer(tmp_path):
    """RLIMIT_FSIZE caps every file of the child: answers go in until SQLite reports the disk full."""
    home = tmp_path
    out = _run(f"""
    import resource, signal
    with open_store() as store:
        for i in range({COMMITTED}):
            store.record(attempt(i), review(i))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = max(p.stat().st_size for p in home.iterdir() if p.name.startswith("progress.db")) + 4096
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    saved = {COMMITTED}
    with open_store() as store:
        for i in range({COMMITTED}, {COMMITTED} + 400):
            failure = error(lambda: store.record(attempt(i), review(i)))
            if failure:
                out["failure"] = failure
                break
            saved += 1
        out["reopen"] = error(lambda: open_store().close())
    out["saved"] = saved
    """, home)
    failure = out["failure"]
    assert failure["code"] == 4 and str(home / "progress.db") in failure["message"]
    assert "disk is full" in failure["message"] or "I/O error" in failure["message"], failure
    assert out["reopen"] is None or out["reopen"]["code"] == 4
    assert not list(home.glob("*.corrupt-*"))
    with open_store(home / "progress.db") as store:
        assert store.notice is None
        assert [a["raw"] for a in store.attempts()] == [f"answer-{i}" for i in range(out["saved"])]
        assert len(store.cards()) == out["saved"]


@pytest.mark.skipif(not (CAN_MOUNT or not IS_ROOT), reason="a read-only home needs a bind mount as root")
def test_a_read_only_home_is_read_by_stats_and_export_and_refused_plainly_by_writers(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with open_store(home / "progress.db") as store:
        for i in range(COMMITTED):
            store.record(Attempt(f"q{i}", 1, "choice", i, f"answer-{i}", 1.0, True, 3, 0, 1.0),
                         lambda cur, i=i: review(cur, f"q{i}", 1, 3, T0))
    export = tmp_path / "export.json"
    script = f"""
    out["stats"] = cli("stats", "--format", "json")
    out["export"] = cli("progress", "export", "{export}")
    out["quiz"] = cli("quiz", "chapter", "1", "--limit", "1", "--seed", "1", stdin="q\\n")
    out["reset"] = cli("progress", "reset", "--yes")
    out["listing"] = sorted(p.name for p in home.iterdir())
    """
    if IS_ROOT:
        out = _run(script, home, mount="ro")
    else:
        home.chmod(0o555)
        try:
            out = _run(script, home)
        finally:
            home.chmod(0o755)
    assert out["stats"]["code"] == 0, out["stats"]
    assert sum(r["answered"] for r in json.loads(out["stats"]["out"])["chapters"]) == COMMITTED
    assert out["export"]["code"] == 0, out["export"]
    assert len(json.loads(export.read_text())["attempts"]) == COMMITTED
    for name in ("quiz", "reset"):
        result = out[name]
        assert result["code"] == 4, result
        assert f"the progress directory {home} is read-only" in result["err"].replace("\n", " "), result
        assert "sqlite" not in result["err"].lower() and "database" not in result["err"].lower()
        _no_traceback(result)
    assert out["listing"] == ["progress.db"]
    _intact(home)


def test_stats_of_a_read_only_home_without_a_store_is_empty(tmp_path, monkeypatch):
    """Nothing stored yet and nowhere to store it: a read finds an empty store, and creates nothing."""
    missing = tmp_path / "never" / "progress.db"
    monkeypatch.setattr(Path, "mkdir", _refuse)
    with open_store(missing, read_only=True) as store:
        assert store.attempts() == [] and store.cards() == {}
    with pytest.raises(StoreError, match="creating the progress directory"):
        open_store(missing)
    assert not missing.parent.exists()


def _refuse(self, *args, **kwargs):
    raise OSError(30, "Read-only file system", str(self))


def test_a_damaged_file_is_still_moved_aside_after_an_integrity_check(_isolated_home):
    path = _isolated_home / "progress.db"
    garbage = b"not a database" * 500
    path.write_bytes(garbage)
    with open_store() as store:
        assert "moved to progress.db.corrupt-" in store.notice
    assert [p.read_bytes() for p in _isolated_home.glob("progress.db.corrupt-*")] == [garbage]


@pytest.mark.parametrize(
    ("err", "what"),
    [
        (sqlite3.OperationalError("database or disk is full"), None),  # no code: never guessed as full
        (OSError(28, "No space left on device"), FULL),
        (OSError(5, "Input/output error"), IOERR),
        (Malformed("integrity check failed"), "corrupt"),
    ],
)
def test_errors_are_classified_by_code_not_by_guesswork(err, what):
    assert kind(err) == (what or "other")


def test_sqlite_codes_decide_the_kind(tmp_path):
    path = tmp_path / "x.db"
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert kind(caught.value) == "corrupt"
    message = str(store_error(OSError(28, "No space left on device"), tmp_path / "progress.db", "saving this answer"))
    assert message.startswith("the disk is full: saving this answer failed") and str(tmp_path) in message


def _coded(code: int, message: str) -> sqlite3.OperationalError:
    err = sqlite3.OperationalError(message)
    err.sqlite_errorcode = code
    return err


@pytest.mark.parametrize(
    ("code", "message", "says"),
    [
        (sqlite3.SQLITE_IOERR_READ, "disk I/O error", "the disk reported an I/O error"),
        (sqlite3.SQLITE_FULL, "database or disk is full", "the disk is full"),
        (sqlite3.SQLITE_CORRUPT, "database disk image is malformed", "is damaged"),  # the integrity check disagrees
    ],
)
def test_an_error_at_open_renames_nothing_unless_the_integrity_check_confirms_it(_isolated_home, monkeypatch, code,
                                                                                  message, says):
    import mlvc_review.quiz.store_open as store_mod

    with open_store() as store:
        store.record(Attempt("q0", 1, "choice", 0, "answer-0", 1.0, True, 3, 0, 1.0))
    before = sorted(p.name for p in _isolated_home.iterdir())

    def fail(path):
        raise _coded(code, message)

    real = store_mod.connect_when_free
    monkeypatch.setattr(store_mod, "connect_when_free", fail)
    with pytest.raises(StoreError) as caught:
        open_store()
    assert caught.value.exit_code == 4 and says in str(caught.value)
    assert str(_isolated_home / "progress.db") in str(caught.value)
    after = {p.name for p in _isolated_home.iterdir()}
    assert set(before) <= after <= set(before) | {"progress.db-wal", "progress.db-shm"}  # nothing renamed
    monkeypatch.setattr(store_mod, "connect_when_free", real)  # (not undo(): that would drop the test's home too)
    with open_store() as store:
        assert store.notice is None and [a["raw"] for a in store.attempts()] == ["answer-0"]
