"""Safe YAML reading that keeps line numbers and rejects what an instructor never means.

`load_yaml(path)` returns `(data, root_node)`: plain Python data built from the
composed node tree (so every value keeps its position) and the tree itself, for
`line_of(root, path)`. Refused with a located `YamlProblem`: bytes that are not
UTF-8, tabs in indentation, aliases (no "billion laughs"), duplicate keys,
non-string keys, an empty file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster; both give the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# One constructor for tagged scalars (int, float, bool, null, str, timestamps); it
# never sees a mapping or sequence, so it builds nothing recursive.
_SCALARS = yaml.SafeLoader("")


class YamlProblem(Exception):
    """A located problem in a YAML file: `line` is 1-based (0 when unknown)."""

    def __init__(self, path: str, line: int, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


def read_text(path: Path, shown: str) -> str:
    """The file as text; non-UTF-8 bytes are reported with the line they are on."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlProblem(shown, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8") from None


def _check_tabs(text: str, shown: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlProblem(shown, number, "a tab in the indentation; YAML indents with spaces only")


def _check_events(text: str, shown: str) -> None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else 0
                raise YamlProblem(shown, line, f"alias '*{event.anchor}' is not allowed in the bank; write the value out")
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlProblem(shown, line, f"YAML syntax: {err.problem or err.context}") from None


def _construct(node: yaml.Node, shown: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(shown, line, "a mapping key must be a plain word")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(shown, line, "merge keys ('<<') are not allowed in the bank")
            key = key_node.value
            if key in out:
                raise YamlProblem(shown, line, f"duplicate key '{key}'")
            out[key] = _construct(value_node, shown)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, shown) for item in node.value]
    try:
        return _SCALARS.construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError) as err:
        problem = getattr(err, "problem", None) or str(err)
        raise YamlProblem(shown, node.start_mark.line + 1, f"cannot read value: {problem}") from None


def load_yaml(path: Path, shown: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Read `path` safely. Returns `(data, root)`; both None for a file with no document."""
    shown = shown or str(path)
    text = read_text(path, shown)
    _check_tabs(text, shown)
    _check_events(text, shown)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:  # pragma: no cover - parse() above sees these first
        mark = err.problem_mark
        raise YamlProblem(shown, mark.line + 1 if mark else 0, f"YAML syntax: {err.problem}") from None
    if root is None:
        return None, None
    return _construct(root, shown), root


def line_of(node: yaml.Node | None, path: tuple[Any, ...]) -> int:
    """1-based line of the deepest node reachable along `path` (keys and indices)."""
    if node is None:
        return 0
    line = node.start_mark.line + 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
