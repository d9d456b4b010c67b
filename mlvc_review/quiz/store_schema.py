"""Tables of the progress store and the migrations that build them, one list per version.

`schema_version` holds one row; `migrate()` applies every step above it, each
version in its own transaction, so an interrupted upgrade is retried whole.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id TEXT NOT NULL,
            chapter INTEGER NOT NULL,
            qtype TEXT NOT NULL,
            variant_seed INTEGER NOT NULL,
            raw TEXT NOT NULL,
            score REAL NOT NULL,
            correct INTEGER NOT NULL,
            rating INTEGER,
            hints INTEGER NOT NULL,
            seconds REAL NOT NULL,
            mode TEXT NOT NULL,
            skipped INTEGER NOT NULL,
            ts TEXT NOT NULL
        )""",
        "CREATE INDEX attempts_question ON attempts (question_id)",
        "CREATE INDEX attempts_chapter ON attempts (chapter)",
        """CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            chapter INTEGER NOT NULL,
            card_json TEXT NOT NULL,
            due TEXT NOT NULL,
            lapses INTEGER NOT NULL DEFAULT 0,
            reps INTEGER NOT NULL DEFAULT 0,
            updated TEXT NOT NULL
        )""",
    ],
}
SCHEMA_VERSION = max(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer release; it is never downgraded."""

    def __init__(self, version: int):
        super().__init__(f"schema version {version} is newer than this release's {SCHEMA_VERSION}")
        self.version = version


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database; 0 for an empty one."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to `SCHEMA_VERSION`; returns the version it had before.

    A database written by a newer release (version above ours) is left untouched and
    `NewerSchema` is raised.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = current_version(conn)
        if before > SCHEMA_VERSION:
            raise NewerSchema(before)
        for version in range(before + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return before
