"""Whole sessions in a child process: a kill -9 loses no committed answer; torch stays unimported."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from mlvc_review.quiz.store import open_store

# p-one..p-four share a topic of the notes' first rank and come in bank order; p-five (attention) comes last
BANK = """
chapter: 1
questions:
  - id: p-one
    type: choice
    topic: optimization
    prompt: "One?"
    explanation: "One."
    shuffle: false
    options: [{id: a, text: "yes"}, {id: b, text: "no"}]
    answer: a
  - id: p-two
    type: numeric
    topic: optimization
    prompt: "Two?"
    explanation: "Two."
    answer: 2
    tolerance: {abs: 0.5}
  - id: p-three
    type: symbolic
    topic: optimization
    prompt: "s(1-s)?"
    explanation: "Sigmoid."
    variables: {s: {}}
    answer: "s*(1 - s)"
  - id: p-four
    type: multi
    topic: optimization
    prompt: "Four?"
    explanation: "Four."
    shuffle: false
    options: [{id: a, text: "yes"}, {id: b, text: "also"}, {id: c, text: "no"}]
    answer: [a, b]
  - id: p-five
    type: flashcard
    topic: attention
    prompt: "Five?"
    explanation: "Five."
    answer: "5"
"""


@pytest.fixture
def bank(write_bank):
    return str(write_bank(BANK))


def _count(path) -> int:
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _wait_for(path, n: int, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while _count(path) < n:
        if time.monotonic() > end:
            raise AssertionError(f"fewer than {n} attempts stored after {timeout}s")
        time.sleep(0.05)


def test_kill_mid_session_loses_no_committed_answer(bank, _isolated_home):
    db = _isolated_home / "progress.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlvc_review", "quiz", "chapter", "1", "--bank", bank, "--only-bank", "--seed", "1", "--limit", "5"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        for n, answer in enumerate(["a", "2", "s*(1-s)"], 1):
            proc.stdin.write(answer + "\n")
            proc.stdin.flush()
            _wait_for(db, n)
        # the session now waits for the fourth answer: kill it without any chance to clean up
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with open_store() as store:
        assert store.notice is None
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [a["question_id"] for a in store.attempts()] == ["p-one", "p-two", "p-three"]
        assert set(store.cards()) == {"p-one", "p-two", "p-three"}


def test_a_session_without_code_questions_never_imports_torch(bank):
    from import_probe import imported_after

    answers = "a\n2\ns*(1-s)\na b\n\n3\n"
    imported, out = imported_after(
        "import sys\nfrom mlvc_review.cli import app\napp(sys.argv[1:], standalone_mode=False)\n", ("torch",),
        argv=["quiz", "chapter", "1", "--bank", bank, "--only-bank", "--seed", "1", "--limit", "5"], input=answers,
    )
    assert "5 answered, 5 correct" in out.stdout
    assert imported == []
