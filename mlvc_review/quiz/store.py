"""The progress store: every answer and one FSRS card per question, in SQLite.

The database lives in `platformdirs.user_data_dir("mlvc-review")/progress.db`
(`MLVC_REVIEW_HOME` overrides the directory). WAL journal, a busy timeout so two
sessions can write at once, and one `BEGIN IMMEDIATE` transaction per answer,
committed before the next question is shown: a killed process loses nothing that
was answered. A file that is not a readable database is moved aside to
`progress.db.corrupt-<timestamp>` and a fresh store is created (`notice` says so).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from mlvc_review.errors import StoreError
from mlvc_review.paths import home_dir
from mlvc_review.quiz.store_schema import SCHEMA_VERSION, NewerSchema, migrate

DB_NAME = "progress.db"
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class Attempt:
    """One answer (or skip) as stored. `rating` is the FSRS rating 1-4, None for a skip."""

    question_id: str
    chapter: int
    qtype: str
    variant_seed: int
    raw: str
    score: float
    correct: bool
    rating: int | None
    hints: int
    seconds: float
    mode: str = "quiz"
    skipped: bool = False
    ts: str = ""


@dataclass(frozen=True)
class CardRow:
    """The scheduling state of one question: FSRS card JSON, due date, lapse and review counts."""

    question_id: str
    chapter: int
    card_json: str
    due: datetime
    lapses: int = 0
    reps: int = 0


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def default_path() -> Path:
    return home_dir() / DB_NAME


class ProgressStore:
    """An open progress database. Use `open_store()`; close with `close()` or `with`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notice: str | None = None):
        self.conn = conn
        self.path = path
        self.notice = notice

    def __enter__(self) -> "ProgressStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def record(self, attempt: Attempt, review: Callable[[CardRow | None], CardRow] | None = None) -> CardRow | None:
        """Store `attempt` and, when `review` is given, the card it returns from the current one.

        Both happen in one immediate transaction (so a concurrent session cannot interleave
        between reading and writing the card) that is committed before returning.
        """
        ts = attempt.ts or utc_now().isoformat()
        row = asdict(attempt) | {"ts": ts, "correct": int(attempt.correct), "skipped": int(attempt.skipped)}
        try:
            with self._transaction() as conn:
                conn.execute(
                    "INSERT INTO attempts (question_id, chapter, qtype, variant_seed, raw, score, correct, rating,"
                    " hints, seconds, mode, skipped, ts) VALUES (:question_id, :chapter, :qtype, :variant_seed,"
                    " :raw, :score, :correct, :rating, :hints, :seconds, :mode, :skipped, :ts)",
                    row,
                )
                if review is None:
                    return None
                card = review(self._card(conn, attempt.question_id))
                conn.execute(
                    "INSERT OR REPLACE INTO cards (question_id, chapter, card_json, due, lapses, reps, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (card.question_id, card.chapter, card.card_json, card.due.isoformat(), card.lapses, card.reps, ts),
                )
                return card
        except sqlite3.Error as err:
            raise StoreError(f"cannot save the answer to {self.path}: {err}") from None

    def cards(self) -> dict[str, CardRow]:
        """Every card, by question id."""
        rows = self.conn.execute("SELECT question_id, chapter, card_json, due, lapses, reps FROM cards").fetchall()
        return {r[0]: _card_row(r) for r in rows}

    def attempts(self, chapter: int | None = None) -> list[dict]:
        """Every stored attempt as a plain dict, oldest first (optionally of one chapter)."""
        sql = "SELECT * FROM attempts" + (" WHERE chapter = ?" if chapter is not None else "") + " ORDER BY id"
        cur = self.conn.execute(sql, () if chapter is None else (chapter,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def export(self) -> dict:
        """Attempts and cards as JSON-ready data."""
        cards = [
            {"question_id": c.question_id, "chapter": c.chapter, "due": c.due.isoformat(), "lapses": c.lapses,
             "reps": c.reps, "card": json.loads(c.card_json)}
            for c in self.cards().values()
        ]
        return {"schema_version": SCHEMA_VERSION, "attempts": self.attempts(), "cards": cards}

    def reset(self, chapter: int | None = None) -> int:
        """Delete progress (of one chapter, or all); returns the number of attempts removed."""
        where, args = (" WHERE chapter = ?", (chapter,)) if chapter is not None else ("", ())
        with self._transaction() as conn:
            removed = conn.execute("DELETE FROM attempts" + where, args).rowcount
            conn.execute("DELETE FROM cards" + where, args)
        return removed

    def _card(self, conn: sqlite3.Connection, question_id: str) -> CardRow | None:
        row = conn.execute(
            "SELECT question_id, chapter, card_json, due, lapses, reps FROM cards WHERE question_id = ?",
            (question_id,),
        ).fetchone()
        return _card_row(row) if row else None

    def _transaction(self) -> "_Immediate":
        return _Immediate(self.conn)


class _Immediate:
    """`BEGIN IMMEDIATE` ... `COMMIT` (or `ROLLBACK` on error) on an autocommit connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _card_row(r: tuple) -> CardRow:
    return CardRow(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5])


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        conn.close()
        raise sqlite3.DatabaseError(f"integrity check failed: {result[0] if result else 'no result'}")
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_when_free(path: Path) -> sqlite3.Connection:
    """`_connect`, retried while another process holds the lock.

    Two sessions opening a new store at once contend for switching it to WAL, and
    SQLite reports that as "locked" at once rather than waiting for busy_timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _connect(path)
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _move_aside(path: Path) -> Path:
    stamp = utc_now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_store(path: Path | None = None) -> ProgressStore:
    """Open (creating or migrating) the store; a corrupt file is moved aside, never overwritten."""
    path = path or default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create the progress directory {path.parent}: {err.strerror}") from None
    try:
        return ProgressStore(_connect_when_free(path), path)
    except NewerSchema as err:
        raise StoreError(f"the progress store {path} was written by a newer mlvc-review ({err}); "
                         "upgrade mlvc-review to use it") from None
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "unable to open" in str(err):
            raise StoreError(f"cannot open the progress store {path}: {err}") from None
        reason = str(err)
    except sqlite3.DatabaseError as err:
        reason = str(err)
    try:
        aside = _move_aside(path)
        conn = _connect(path)
    except (OSError, sqlite3.Error) as err:
        raise StoreError(f"the progress store {path} is unreadable ({reason}) and could not be replaced: {err}") from None
    notice = (f"the progress store {path} could not be read ({reason}); it was moved to {aside.name} "
              "and a fresh store was started")
    return ProgressStore(conn, path, notice)
