"""Discovery: ast-only, near misses, signatures, notebooks, directories, and the contract data."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlvc_review.grading.contract import CONTRACT, chapter_entries, near_miss
from mlvc_review.grading.discovery import discover, discover_source, expand

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "tasks.md"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_contract_has_every_function_of_the_nine_chapters():
    assert {e.chapter for e in CONTRACT.values()} == set(range(1, 10))
    assert len(CONTRACT) == 78
    assert CONTRACT["conv_output_size"].def_line() == "conv_output_size(I, K, P=0, S=1, D=1)"
    assert CONTRACT["UNet"].kind == "class" and CONTRACT["residual_block"].framework == "torch"
    assert [e.name for e in chapter_entries(8)][:3] == ["linear_beta_schedule", "alpha_bar", "q_sample"]


def test_contract_matches_the_spec_file_when_present():
    if not SPEC.exists():
        pytest.skip("the shared spec/tasks.md lives outside the repository (absent in CI)")
    names = set(re.findall(r"^\| `(\w+)`", SPEC.read_text(), flags=re.M)) | {"avg_pool2d"}
    assert names == set(CONTRACT)


def test_the_file_is_never_imported(tmp_path):
    marker = tmp_path / "imported"
    path = write(tmp_path, "s.py", f"open({str(marker)!r}, 'w').write('x')\ndef softmax(z, axis=-1):\n    return z\n")
    sub = discover(path)
    assert not marker.exists()
    assert sub.error is None and set(sub.found) == {"softmax"} and sub.found["softmax"].line == 2


def test_near_miss_is_reported_with_the_contract_name(tmp_path):
    sub = discover(write(tmp_path, "s.py", "def scaled_dot_attention(Q, K, V, mask=None):\n    pass\n"))
    assert sub.near_misses == {"scaled_dot_product_attention": "scaled_dot_attention"}
    assert near_miss("Softmax") == "softmax" and near_miss("my_helper") is None


def test_defined_names_are_not_suggested_again(tmp_path):
    sub = discover(write(tmp_path, "s.py", "def softmax(z, axis=-1): pass\ndef softmx(z): pass\n"))
    assert sub.near_misses == {}


def test_signature_problems(tmp_path):
    src = (
        "def conv2d(x, W, b=None, stride=1, padding=0): pass\n"
        "def sigmoid(x, y): pass\n"
        "def conv_output_size(I, K, P, S=1, D=1): pass\n"
        "def softmax(z, axis=0): pass\n"
        "def normal_equation(X): pass\n"
        "def causal_mask(*args): pass\n"
    )
    sub = discover(write(tmp_path, "s.py", src))
    found = sub.found
    assert found["conv2d"].fatal is None and found["conv2d"].problems == []  # a renamed parameter is only a note
    assert any(n.startswith("`conv2d` (line 1): parameter names differ") and "('W' for 'w')" in n for n in sub.notes)
    assert "extra parameter" in found["sigmoid"].fatal
    assert any("needs the default 0" in p for p in found["conv_output_size"].problems)
    assert any("the contract says -1" in p for p in found["softmax"].problems)
    assert "takes 1 parameter" in found["normal_equation"].fatal
    assert found["causal_mask"].fatal is None


def test_imports_assignments_lambdas_and_classes_count_as_definitions(tmp_path):
    src = (
        "from numpy import mean as rgb_distance\n"
        "def _impl(x):\n    return x\n"
        "sigmoid = _impl\n"
        "relu_backward = lambda x: x\n"
        "class UNet:\n    def __init__(self, in_ch, out_ch):\n        pass\n"
        "try:\n    import torch\n    def fgsm(model, x, y, eps): pass\nexcept ImportError:\n    pass\n"
    )
    found = discover(write(tmp_path, "s.py", src)).found
    assert {"rgb_distance", "sigmoid", "relu_backward", "UNet", "fgsm"} <= set(found)
    assert "takes 1 parameter" in found["relu_backward"].fatal
    assert found["UNet"].fatal is None and not found["UNet"].problems


def test_syntax_error_names_file_and_line(tmp_path):
    sub = discover(write(tmp_path, "bad.py", "x = 1\ndef f(:\n"))
    assert sub.error is not None and sub.error.startswith(f"{tmp_path / 'bad.py'}:2: syntax error")


def test_a_file_with_null_bytes_is_unreadable_without_a_made_up_line(tmp_path):
    path = tmp_path / "binary.py"
    path.write_bytes(b"def softmax(z):\n\x00\x01 return z\n")
    error = discover(path).error
    assert error is not None and error.startswith(f"{path}: syntax error") and "None" not in error


def test_missing_and_unsupported_files(tmp_path):
    assert "no such file" in discover(tmp_path / "nope.py").error
    assert "not a .py file" in discover(write(tmp_path, "a.txt", "x")).error


def test_notebook_cells_in_order_with_magics_dropped(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# title"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np\n!pip install foo"),
        nbformat.v4.new_code_cell("%%timeit\nnp.zeros(3)"),
        nbformat.v4.new_code_cell("def softmax(z, axis=-1):\n    e = np.exp(z - z.max(axis, keepdims=True))\n    return e / e.sum(axis, keepdims=True)"),
    ]
    path = tmp_path / "work.ipynb"
    nbformat.write(nb, str(path))
    sub = discover(path)
    assert sub.error is None and set(sub.found) == {"softmax"}
    assert "%" not in sub.source and "!pip" not in sub.source and "timeit" not in sub.source
    assert len(sub.notes) == 3 and any("cell magic" in n for n in sub.notes)
    compile(sub.source, "work.ipynb", "exec")


def test_unreadable_notebook(tmp_path):
    sub = discover(write(tmp_path, "x.ipynb", "{not json"))
    assert sub.error is not None and "not a readable Jupyter notebook" in sub.error


def test_directory_expands_to_one_submission_per_file(tmp_path):
    for name in ("b.py", "a.py", "c.ipynb", "notes.txt", ".hidden.py"):
        write(tmp_path, name, "")
    (tmp_path / "sub").mkdir()
    assert [p.name for p in expand([tmp_path])] == ["a.py", "b.py", "c.ipynb"]


@settings(max_examples=30)
@given(st.sampled_from(sorted(CONTRACT)))
def test_every_contract_signature_is_accepted_as_written(name):
    entry = CONTRACT[name]
    if entry.kind == "class":
        params = ", ".join(["self", *(p.name if p.default is None else f"{p.name}={p.default}" for p in entry.params)])
        src = f"class {name}:\n    def __init__({params}):\n        pass\n"
    else:
        src = f"def {entry.def_line()}:\n    pass\n"
    found = discover_source(src, Path("s.py")).found[name]
    assert found.fatal is None and found.problems == []


def test_definitions_under_the_main_guard_do_not_count(tmp_path):
    src = "if __name__ == '__main__':\n    def softmax(z, axis=-1):\n        return z\nif True:\n    def sigmoid(x):\n        return x\n"
    assert set(discover(write(tmp_path, "s.py", src)).found) == {"sigmoid"}


def test_a_function_defined_twice_is_noted_with_both_lines_and_the_last_one_is_graded(tmp_path):
    sub = discover(write(tmp_path, "s.py", "def sigmoid(x):\n    return x\n\n\ndef sigmoid(x):\n    return 1 / (1 + 2.718 ** -x)\n"))
    assert sub.found["sigmoid"].line == 5
    assert any("`sigmoid` is defined twice (lines 1 and 5); the last one (line 5) is graded" in n for n in sub.notes)
