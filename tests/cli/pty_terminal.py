"""A small expect-style driver of a real pseudo-terminal (the standard library's pty, as pexpect uses).

`Terminal(argv, cols=40)` starts the command with a pty of that size as its
controlling terminal (so Ctrl-C sends SIGINT, as a shell's would), `send` types
keys, `expect` waits for a regular expression in the output read so far with its
escape sequences removed, and `close` returns the exit status.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>()][0-9A-Za-z]?")
KEYS = {"left": "\x1b[D", "right": "\x1b[C", "up": "\x1b[A", "down": "\x1b[B", "home": "\x1b[H", "end": "\x1b[F",
        "enter": "\r", "ctrl-c": "\x03", "ctrl-d": "\x04", "ctrl-u": "\x15", "backspace": "\x7f"}


def plain(raw: str) -> str:
    """Terminal output without escape sequences, carriage returns or bells."""
    return ESCAPES.sub("", raw).replace("\r", "").replace("\x07", "").replace("\b", "")


class Terminal:
    def __init__(self, argv: list[str], *, cols: int, rows: int = 200, env: dict[str, str] | None = None,
                 cwd=None):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {k: v for k, v in (env or os.environ).items() if k not in ("COLUMNS", "LINES")}
        env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", INPUTRC="/dev/null")

        def controlling_tty() -> None:  # runs in the child, after setsid
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                     start_new_session=True, preexec_fn=controlling_tty, close_fds=True)
        os.close(slave)
        self.fd = master
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")  # a character may span two reads
        self.raw = ""
        self.seen = 0  # `expect` searches the output after the previous match

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            return False
        if not chunk:
            return False
        self.raw += self.decoder.decode(chunk)
        return True

    @property
    def text(self) -> str:
        return plain(self.raw)

    def expect(self, pattern: str, timeout: float = 60.0) -> re.Match:
        """Wait for `pattern` (a regex) in the plain output after the last match."""
        end = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            found = regex.search(self.text, self.seen)
            if found:
                self.seen = found.end()
                return found
            if time.monotonic() > end or (not self._read(0.2) and self.proc.poll() is not None
                                          and not self._read(0.2)):
                raise AssertionError(f"{pattern!r} not shown; the terminal showed:\n{self.text[self.seen:]}")

    def send(self, *keys: str, pause: float = 0.05) -> None:
        """Type each of `keys`: a named key (see KEYS) or literal text."""
        for key in keys:
            os.write(self.fd, KEYS.get(key, key).encode())
            time.sleep(pause)

    def close(self, timeout: float = 30.0) -> int:
        """Wait for the program to end (reading what it still prints); its exit status."""
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self._read(0.1)
        while self._read(0.1):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
        os.close(self.fd)
        return self.proc.wait()
