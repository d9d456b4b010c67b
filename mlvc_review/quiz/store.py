"""The progress store: every answer and one FSRS card per question, in SQLite.

The database lives in `platformdirs.user_data_dir("mlvc-review")/progress.db`
(`MLVC_REVIEW_HOME` overrides the directory). WAL journal, a busy timeout so two
sessions can write at once, and one `BEGIN IMMEDIATE` transaction per answer,
committed before the next question is shown: a killed process loses nothing that
was answered. Only a file that SQLite reports as malformed, confirmed by an integrity
check on a connection of its own, is moved aside to `progress.db.corrupt-<timestamp>`
and a fresh store is created (`notice` says so). A full disk, an I/O error or a
read-only directory is never taken for damage: it is a `StoreError` (exit 4) that
says what happened and where the file is, and nothing is renamed. A store opened
`read_only` (stats, export) is read even where it cannot be written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from mlvc_review.paths import home_dir
from mlvc_review.quiz.store_errors import store_error
from mlvc_review.quiz.store_schema import SCHEMA_VERSION

DB_NAME = "progress.db"


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
        between reading and writing the card) that is committed before returning. On a full
        disk the transaction is rolled back and `StoreError` says so: every answer committed
        before is intact.
        """
        ts = attempt.ts or utc_now().isoformat()
        row = asdict(attempt) | {"ts": ts, "correct": int(attempt.correct), "skipped": int(attempt.skipped)}
        with self._guard("saving this answer"), self._transaction() as conn:
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

    def cards(self) -> dict[str, CardRow]:
        """Every card, by question id."""
        with self._guard("reading your progress"):
            rows = self.conn.execute("SELECT question_id, chapter, card_json, due, lapses, reps FROM cards").fetchall()
        return {r[0]: _card_row(r) for r in rows}

    def attempts(self, chapter: int | None = None) -> list[dict]:
        """Every stored attempt as a plain dict, oldest first (optionally of one chapter)."""
        sql = "SELECT * FROM attempts" + (" WHERE chapter = ?" if chapter is not None else "") + " ORDER BY id"
        with self._guard("reading your progress"):
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
        with self._guard("deleting progress"), self._transaction() as conn:
            removed = conn.execute("DELETE FROM attempts" + where, args).rowcount
            conn.execute("DELETE FROM cards" + where, args)
        return removed

    def undo(self, question_id: str, previous: CardRow | None, restore_card: bool = True) -> bool:
        """Delete the latest attempt at `question_id` and, with `restore_card`, put its card back as
        `previous` (None: the question had no card). One transaction; False when there was no attempt."""
        with self._guard("undoing the last answer"), self._transaction() as conn:
            row = conn.execute("SELECT MAX(id) FROM attempts WHERE question_id = ?", (question_id,)).fetchone()
            if row is None or row[0] is None:
                return False
            conn.execute("DELETE FROM attempts WHERE id = ?", (row[0],))
            if restore_card and previous is None:
                conn.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
            elif restore_card and previous is not None:
                conn.execute(
                    "INSERT OR REPLACE INTO cards (question_id, chapter, card_json, due, lapses, reps, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (previous.question_id, previous.chapter, previous.card_json, previous.due.isoformat(),
                     previous.lapses, previous.reps, utc_now().isoformat()),
                )
        return True

    def _card(self, conn: sqlite3.Connection, question_id: str) -> CardRow | None:
        row = conn.execute(
            "SELECT question_id, chapter, card_json, due, lapses, reps FROM cards WHERE question_id = ?",
            (question_id,),
        ).fetchone()
        return _card_row(row) if row else None

    def _transaction(self) -> "_Immediate":
        return _Immediate(self.conn)

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """Turn an SQLite error while `doing` into a `StoreError` that says what happened."""
        try:
            yield
        except sqlite3.Error as err:
            raise store_error(err, self.path, doing) from None


class _Immediate:
    """`BEGIN IMMEDIATE` ... `COMMIT` (or `ROLLBACK` on error) on an autocommit connection.

    A COMMIT that fails (a full disk) leaves the transaction open: it is rolled back too,
    so the connection is clean and the database holds exactly what was committed before.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error:
                self._rollback()
                raise
        self._rollback()

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled back already (it does on some I/O errors)


def _card_row(r: tuple) -> CardRow:
    return CardRow(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5])


def open_store(path: Path | None = None, *, read_only: bool = False) -> ProgressStore:
    """Open (creating or migrating) the store.

    Args:
        path: the database file (default: `progress.db` in the data directory).
        read_only: the caller only reads (stats, export): where the store cannot be
            written (a read-only directory, a full disk) it is opened for reading.
    Returns:
        the open store; its `notice` says when it was replaced or opened read-only.
    Raises:
        StoreError: it cannot be opened (locked, full disk, I/O error, read-only, newer
            schema); nothing was renamed. Only a damaged file is moved aside, never overwritten.
    """
    from mlvc_review.quiz.store_open import open_at

    return open_at(path or default_path(), read_only=read_only)
