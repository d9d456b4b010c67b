"""The progress store: records, migrations, reset/export, corrupt files, concurrent writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timezone

import pytest

from mlvc_review.quiz.store import Attempt, CardRow, default_path, open_store
from mlvc_review.quiz.store_schema import SCHEMA_VERSION, current_version

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def attempt(qid: str = "q1", chapter: int = 1, correct: bool = True, **kw) -> Attempt:
    fields = dict(question_id=qid, chapter=chapter, qtype="choice", variant_seed=7, raw="a", score=float(correct),
                  correct=correct, rating=3 if correct else 1, hints=0, seconds=2.5)
    return Attempt(**(fields | kw))


def card_for(qid: str, chapter: int = 1, due: datetime = T0):
    def review(current: CardRow | None) -> CardRow:
        reps = current.reps + 1 if current else 1
        return CardRow(qid, chapter, '{"x": 1}', due, 0, reps)

    return review


def test_store_lives_under_mlvc_review_home(_isolated_home):
    assert default_path() == _isolated_home / "progress.db"
    with open_store() as store:
        assert store.path.exists()
        assert store.notice is None
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_records_attempts_and_cards():
    with open_store() as store:
        store.record(attempt("q1"), card_for("q1"))
        store.record(attempt("q1", correct=False), card_for("q1"))
        store.record(attempt("q2", skipped=True, rating=None))
    with open_store() as store:
        rows = store.attempts()
        assert [r["question_id"] for r in rows] == ["q1", "q1", "q2"]
        assert rows[1]["correct"] == 0 and rows[2]["skipped"] == 1 and rows[2]["rating"] is None
        cards = store.cards()
        assert set(cards) == {"q1"} and cards["q1"].reps == 2 and cards["q1"].due == T0


def test_failed_review_rolls_back_the_attempt():
    def broken(current):
        raise RuntimeError("boom")

    with open_store() as store:
        with pytest.raises(RuntimeError):
            store.record(attempt("q1"), broken)
        assert store.attempts() == []


def test_schema_version_is_recorded_and_migration_is_idempotent():
    with open_store() as store:
        assert current_version(store.conn) == SCHEMA_VERSION
    with open_store() as store:
        assert store.conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 1


def test_reset_one_chapter_keeps_the_others():
    with open_store() as store:
        store.record(attempt("a", 1), card_for("a", 1))
        store.record(attempt("b", 2), card_for("b", 2))
        assert store.reset(chapter=1) == 1
        assert [r["question_id"] for r in store.attempts()] == ["b"]
        assert set(store.cards()) == {"b"}
        store.reset()
        assert store.attempts() == [] and store.cards() == {}


def test_export_has_attempts_and_cards():
    with open_store() as store:
        store.record(attempt("a"), card_for("a"))
        data = store.export()
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["attempts"][0]["question_id"] == "a"
    assert data["cards"][0]["question_id"] == "a" and data["cards"][0]["due"] == T0.isoformat()
    assert data["cards"][0]["card"] == {"x": 1}


def test_corrupt_file_is_moved_aside_and_a_fresh_store_starts(_isolated_home):
    path = _isolated_home / "progress.db"
    garbage = b"this is not a database at all\x00" * 200
    path.write_bytes(garbage)
    with open_store() as store:
        assert store.notice is not None and "moved to progress.db.corrupt-" in store.notice
        assert store.attempts() == []
        store.record(attempt())
    aside = list(_isolated_home.glob("progress.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage  # never overwritten
    with open_store() as store:
        assert store.notice is None and len(store.attempts()) == 1


def test_truncated_database_is_moved_aside(_isolated_home):
    with open_store() as store:
        for i in range(200):
            store.record(attempt(f"q{i}"), card_for(f"q{i}"))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = _isolated_home / "progress.db"
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 3000 + data[3100:])
    with open_store() as store:
        assert store.notice is not None
    assert list(_isolated_home.glob("progress.db.corrupt-*"))


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from mlvc_review.quiz.store import Attempt, CardRow, open_store
    tag, n = sys.argv[1], int(sys.argv[2])
    def review(cur):
        return CardRow("shared", 1, "{}", datetime.now(timezone.utc), 0, (cur.reps if cur else 0) + 1)
    with open_store() as store:
        for i in range(n):
            a = Attempt("shared", 1, "choice", i, f"{tag}-{i}", 1.0, True, 3, 0, 0.1)
            store.record(a, review)
    """
)


def test_two_concurrent_writers_do_not_corrupt(_isolated_home):
    n = 60
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, tag, str(n)]) for tag in ("p", "r")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with open_store() as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r["raw"] for r in store.attempts()]
        assert sorted(ids) == sorted([f"p-{i}" for i in range(n)] + [f"r-{i}" for i in range(n)])
        # the shared card was read and written inside each transaction: no lost update
        assert store.cards()["shared"].reps == 2 * n


def test_plain_sqlite_sees_committed_rows(_isolated_home):
    with open_store() as store:
        store.record(attempt("q1"))
        conn = sqlite3.connect(_isolated_home / "progress.db")
        assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
        conn.close()


def test_a_newer_schema_is_refused_not_downgraded(_isolated_home):
    from mlvc_review.errors import StoreError

    with open_store() as store:
        store.record(attempt())
        store.conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer"):
        open_store()
    conn = sqlite3.connect(_isolated_home / "progress.db")
    assert conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1  # untouched
    conn.close()
    assert not list(_isolated_home.glob("progress.db.corrupt-*"))
