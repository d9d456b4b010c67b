"""Find contract functions in a submission with `ast` only: the file is never imported here.

`discover(path)` expands a directory into one submission per .py/.ipynb file and
returns, per submission, the source text (what the sandbox will import), the
contract functions it defines with their signature problems, near-miss names
and notes. A file that does not parse carries an `error` with file and line.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from mlvc_review.grading.contract import Param, lookup, near_miss, signature_problems

SUFFIXES = (".py", ".ipynb")


@dataclass
class Found:
    """A contract name defined at module level."""

    name: str
    line: int
    fatal: str | None = None  # cannot be called as the contract calls it
    problems: list[str] = field(default_factory=list)  # names/defaults that differ


@dataclass
class Submission:
    """One file to grade."""

    path: Path
    source: str = ""
    error: str | None = None  # unreadable or does not parse: "file:line: message"
    found: dict[str, Found] = field(default_factory=dict)
    near_misses: dict[str, str] = field(default_factory=dict)  # contract name -> name found in the file
    notes: list[str] = field(default_factory=list)


def expand(paths: list[Path]) -> list[Path]:
    """Files to grade: each file as given, each directory's .py/.ipynb files sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SUFFIXES and not p.name.startswith("."))
        else:
            files.append(path)
    return files


def discover(path: Path) -> Submission:
    """Read and parse one file (never importing it)."""
    sub = Submission(path=path)
    if not path.is_file():
        sub.error = f"{path}: no such file"
        return sub
    if path.suffix not in SUFFIXES:
        sub.error = f"{path}: not a .py file or a .ipynb notebook"
        return sub
    try:
        if path.suffix == ".ipynb":
            from mlvc_review.grading.notebook import notebook_source

            sub.source, sub.notes = notebook_source(path)
        else:
            sub.source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as err:
        sub.error = str(err) if isinstance(err, ValueError) and str(err).startswith(str(path)) else f"{path}: cannot read ({err})"
        return sub
    parsed = discover_source(sub.source, path)
    parsed.notes = sub.notes + parsed.notes  # the notebook's notes first, then the scan's
    return parsed


def discover_source(source: str, path: Path) -> Submission:
    """A submission from source text (generated files: starters, known mistakes); `path` names it."""
    sub = Submission(path=path, source=source)
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as err:
        where = f"{path}:{err.lineno}" if err.lineno else str(path)  # null bytes have no line
        sub.error = f"{where}: syntax error: {err.msg}"
        return sub
    scan(tree, sub)
    return sub


def scan(tree: ast.Module, sub: Submission) -> None:
    """Fill `sub.found` and `sub.near_misses` from module-level statements (later ones win)."""
    others: dict[str, int] = {}
    for node in _top_level(tree.body):
        for name, params in _definitions(node):
            entry = lookup(name)
            if entry is None:
                others[name] = node.lineno
                continue
            found = Found(name, node.lineno)
            if params is not None:
                positional, varargs, kwargs = params
                found.fatal, found.problems, notes = signature_problems(entry, positional, varargs=varargs, kwargs=kwargs)
                sub.notes += [f"`{name}` (line {node.lineno}): {note}" for note in notes]
            if name in sub.found:
                sub.notes.append(f"`{name}` is defined twice (lines {sub.found[name].line} and {node.lineno}); "
                                 f"the last one (line {node.lineno}) is graded, as Python would use it")
            sub.found[name] = found
    for name in others:
        target = near_miss(name, exclude=set(sub.found))
        if target is not None and target not in sub.near_misses:
            sub.near_misses[target] = name


def _top_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """Module-level statements, looking inside `if`/`try` blocks (e.g. guarded imports)."""
    out: list[ast.stmt] = []
    for node in body:
        out.append(node)
        if isinstance(node, ast.If) and _is_main_guard(node.test):
            continue  # not run on import: definitions in it do not exist for the grader
        if isinstance(node, ast.If):
            out += _top_level(node.body) + _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            out += _top_level(node.body) + _top_level(node.orelse) + _top_level(node.finalbody)
    return out


def _is_main_guard(test: ast.expr) -> bool:
    """`__name__ == "__main__"` (either order)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = {ast.unparse(test.left), ast.unparse(test.comparators[0])}
    return sides in ({"__name__", "'__main__'"}, {"__name__", '"__main__"'})


Params = tuple[list[Param], bool, bool] | None  # (positional params, *args, **kwargs); None = unknown


def _definitions(node: ast.stmt) -> list[tuple[str, Params]]:
    """Names a statement binds at module level, with their parameters where `ast` can tell."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return [(node.name, _params(node.args, skip_self=False))]
    if isinstance(node, ast.ClassDef):
        init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
        return [(node.name, _params(init.args, skip_self=True) if init else None)]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [((a.asname or a.name).split(".")[0], None) for a in node.names if a.name != "*"]
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        params = _params(node.value.args, skip_self=False) if isinstance(node.value, ast.Lambda) else None
        return [(t.id, params) for t in targets if isinstance(t, ast.Name)]
    return []


def _params(args: ast.arguments, *, skip_self: bool) -> Params:
    positional = list(args.posonlyargs) + list(args.args)
    if skip_self and positional:
        positional = positional[1:]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    if skip_self and len(defaults) > len(positional):
        defaults = defaults[-len(positional):] if positional else []
    params = [Param(a.arg, ast.unparse(d) if d is not None else None) for a, d in zip(positional, defaults)]
    return params, args.vararg is not None, args.kwarg is not None
