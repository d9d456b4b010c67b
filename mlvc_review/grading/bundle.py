"""Self-contained submissions built from trusted code (references, known mistakes, for `bank validate`).

The sandbox hides the reference package from submissions (so no one can import
the answer), so a generated submission carries the source of the module it
needs, and of every `mlvc_reference` module that one imports, as string
literals loaded into `sys.modules` before the final `from ... import f as name`.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

PACKAGE = "mlvc_reference"

LOADER = '''import sys as _sys, types as _types


def _mlvc_module(name, source, package=False):
    module = _types.ModuleType(name)
    module.__file__ = "<" + name + ">"
    if package:
        module.__path__ = []
    _sys.modules[name] = module
    parent, _, leaf = name.rpartition(".")
    if parent in _sys.modules:
        setattr(_sys.modules[parent], leaf, module)
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module

'''


@cache  # bank validate bundles the same reference modules for every mistake
def _source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ImportError(f"cannot find module {module}")
    return Path(spec.origin).read_text(encoding="utf-8")


@cache
def _is_package(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return bool(spec and spec.submodule_search_locations)


def _deps(module: str, source: str) -> list[str]:
    """`mlvc_reference` modules imported by `source` (absolute or relative imports)."""
    found: list[str] = []
    package = module if _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            if (name == PACKAGE or name.startswith(PACKAGE + ".")) and _is_module(name):
                found.append(name)
    return found


@cache
def _is_module(name: str) -> bool:
    """Whether `name` is an importable module (not a function imported from one)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, AttributeError, ValueError):  # "mlvc_reference.activations.softmax"
        return False


def bundle(impl: str, function: str) -> str:
    """Source of a submission defining `function` as `impl` ("module:name"), with no import of the package."""
    module, _, name = impl.partition(":")
    order: list[str] = []
    seen: set[str] = set()

    def visit(mod: str) -> None:
        if mod in seen:
            return
        seen.add(mod)
        parts = mod.split(".")
        for i in range(1, len(parts)):
            visit(".".join(parts[:i]))  # parent packages first
        for dep in _deps(mod, _source(mod)):
            visit(dep)
        order.append(mod)

    visit(module)
    lines = [LOADER]
    for mod in order:
        lines.append(f"_mlvc_module({mod!r}, {_source(mod)!r}, package={_is_package(mod)!r})")
    lines.append(f"from {module} import {name} as {function}\n")
    return "\n".join(lines)
