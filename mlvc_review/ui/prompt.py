"""Reading answers in a terminal: line editing, this session's history, single keys.

Imported only when a prompt is shown on a terminal, and `readline` (GNU readline or
libedit) only at the first prompt, so start-up does not pay for either. With it the
arrow keys, Home/End and the usual Emacs keys edit the line, and Up/Down walk back
through this session's answers (a formula rejected as malformed is fixed, not
retyped). Ctrl-D on an empty line ends the session; after partly typed text it
never submits the fragment. Ctrl-C is not caught here: it reaches the session.
"""

from __future__ import annotations

import os
import re
import sys

_ESCAPE = re.compile(r"(\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07)")


def readline_prompt(ansi: str) -> str:
    """`ansi` with each escape sequence wrapped in \\001..\\002, so readline counts only visible cells."""
    return _ESCAPE.sub(lambda m: f"\001{m.group(1)}\002", ansi)


class LineEditor:
    """`read(prompt)` -> the line typed (None at Ctrl-D on an empty line), with editing and history."""

    def __init__(self) -> None:
        try:
            import readline
        except ImportError:  # a Python built without it: input() still reads, without editing
            self.readline = None
        else:
            self.readline = readline
            readline.clear_history()  # this session's answers only
            readline.set_auto_history(False)  # commands and empty lines stay out of it
            readline.set_completer(None)
            libedit = "libedit" in (readline.__doc__ or "")
            readline.parse_and_bind("bind ^I ed-insert" if libedit else "tab: tab-insert")

    def read(self, prompt_ansi: str, prefill: str = "") -> str | None:
        """One line; None for end of input. A fragment ended by Ctrl-D (no newline) is never returned.

        `prefill` is put on the line first, ready to edit (a ':' already typed as a key).
        """
        if self.readline is None:
            line = read_plain_line(prompt_ansi + prefill)
            return None if line is None else prefill + line
        if prefill:
            self.readline.set_startup_hook(lambda: self.readline.insert_text(prefill))
        try:
            line = input(readline_prompt(prompt_ansi))
        except EOFError:  # readline: Ctrl-D on an empty line (after text it deletes a character)
            sys.stdout.write("\n")
            return None
        finally:
            if prefill:
                self.readline.set_startup_hook(None)
        if _worth_keeping(line) and self._last() != line:
            self.readline.add_history(line)
        return line

    def _last(self) -> str | None:
        n = self.readline.get_current_history_length() if self.readline else 0
        return self.readline.get_history_item(n) if n else None


def _worth_keeping(line: str) -> bool:
    """An answer worth recalling with Up: not empty, not a command (`:h`, `s`, `?` ...)."""
    text = line.strip()
    return len(text) > 1 and not text.startswith(":")


def read_plain_line(prompt: str) -> str | None:
    """A line from stdin without an editor: text ended by Ctrl-D instead of Enter is dropped, not answered."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line.endswith("\n"):
        sys.stdout.write("\n")
        return None
    return line[:-1]


def read_key(keys: str) -> str | None:
    """One key press out of `keys` (no Enter), echoed; None at Ctrl-D. Ctrl-C raises KeyboardInterrupt.

    Only for a terminal: the caller checks `sys.stdin.isatty()` first.
    """
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)  # keys arrive one by one; Ctrl-C still sends SIGINT
        while True:
            key = os.read(fd, 8).decode("utf-8", "ignore")
            if key in ("\x04", ""):
                sys.stdout.write("\n")
                return None
            if len(key) == 1 and key.lower() in keys:
                sys.stdout.write(key + "\n")
                sys.stdout.flush()
                return key.lower()
            if key in ("\r", "\n", ":"):  # Enter or a command: the caller reads a whole line instead
                return key
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class Countdown:
    """An exam's live countdown: the line above the prompt is rewritten every second while an answer is typed.

    The line is printed before the prompt; a thread then redraws it in place (cursor saved,
    moved up past the rows the typed answer wraps onto, restored), so what readline shows
    is never touched. `label(seconds_left)` is the text.
    """

    def __init__(self, deadline: float, label, prompt_cells: int, editor: LineEditor | None):
        import threading

        self.deadline, self.label, self.prompt_cells = deadline, label, prompt_cells
        self.readline = editor.readline if editor else None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def left(self) -> int:
        import time

        return max(0, int(self.deadline - time.monotonic() + 0.999))

    def __enter__(self) -> "Countdown":
        sys.stdout.write(self.label(self.left()) + "\n")
        sys.stdout.flush()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=2)

    def _run(self) -> None:
        while not self.stop.wait(1.0):
            self._draw()
            if not self.left():
                return

    def _draw(self) -> None:
        import shutil

        from rich.cells import cell_len

        cols = max(1, shutil.get_terminal_size().columns)
        typed = self.readline.get_line_buffer() if self.readline else ""
        up = 1 + (self.prompt_cells + cell_len(typed)) // cols  # the rows the prompt and answer fill, wrapped
        sys.stdout.write(f"\x1b7\x1b[{up}A\r{self.label(self.left())}\x1b[K\x1b8")
        sys.stdout.flush()
