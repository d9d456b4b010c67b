"""Worker-side helpers tested in-process on trusted objects: result conversion, torch args,
grader callables, output capping and error lines."""

from __future__ import annotations

import hypothesis.extra.numpy as hnp
import hypothesis.strategies as st
import numpy as np
import pytest
import torch
from hypothesis import given, settings

from mlvc_review.grading.sandbox import callables as worker_callables
from mlvc_review.grading.sandbox.protocol import CallableSpec, decode, encode
from mlvc_review.grading.sandbox.capture import CappedStream, OutputLimit
from mlvc_review.grading.sandbox.worker_child import describe_error
from mlvc_review.grading.sandbox.worker_values import NotPlain, gradients, to_plain, to_torch


def test_plain_values_pass_and_survive_the_wire():
    value = (np.arange(3), [np.float32(2.0), 1, 2.5, None, "s", True], {"k": np.bool_(False)})
    plain = to_plain(value)
    assert type(plain[1][0]) is np.ndarray and plain[1][0].dtype == np.float32 and plain[1][0].shape == ()
    assert decode(encode(plain))[0].tolist() == [0, 1, 2]


def test_arrays_are_copied_into_base_ndarrays():
    a = np.arange(4.0)
    out = to_plain(a)
    out[0] = 9
    assert a[0] == 0 and type(out) is np.ndarray


def test_tensors_become_numpy_detached_and_float32_kept():
    t = torch.arange(3.0, requires_grad=True) * 2
    out = to_plain((t, torch.nn.Parameter(torch.ones(2)), torch.ones(2, dtype=torch.bfloat16)))
    assert [type(o) for o in out] == [np.ndarray] * 3
    assert out[0].dtype == np.float32 and out[0].tolist() == [0.0, 2.0, 4.0]
    assert out[2].dtype == np.float32


class Liar:
    def __eq__(self, other):
        return True


class Sub(np.ndarray):
    pass


class MyTensor(torch.Tensor):
    pass


@pytest.mark.parametrize(
    "value, message",
    [
        (Liar(), "a Liar"),
        (np.zeros(2).view(Sub), "a Sub"),
        (iter([1]), "a list_iterator"),
        (1 + 2j, "a complex"),
        (np.array([None]), "dtype object"),
        (torch.ones(2, dtype=torch.complex64), "complex64"),
        (torch.ones(2).as_subclass(MyTensor), "a MyTensor"),
        ({1: 2}, "a dict"),
        ([[[Liar()]]], "a Liar"),
    ],
)
def test_non_data_is_rejected_with_its_type(value, message):
    with pytest.raises(NotPlain, match=message):
        to_plain(value)


def test_tuple_subclasses_are_read_through_the_base_class():
    class Lying(tuple):
        def __iter__(self):
            return iter(["lie"])

        def __getitem__(self, i):
            return "lie"

    assert to_plain(Lying((1, 2))) == (1, 2)


def test_to_torch_dtypes():
    args = to_torch([np.ones(2), np.arange(2, dtype=np.int32), np.array([True]), 3.0, (np.ones(1),)], "float32", "cpu")
    assert [a.dtype for a in args[:3]] == [torch.float32, torch.int64, torch.bool]
    assert args[3] == 3.0 and args[4][0].dtype == torch.float32


@settings(max_examples=25)
@given(st.integers(1, 4), hnp.array_shapes(min_dims=0, max_dims=2, max_side=3), st.floats(-2, 2), st.data())
def test_linear_eps_matches_its_documented_formula(n, trailing, c, data):
    D = int(np.prod(trailing))
    A = data.draw(hnp.arrays(np.float64, (D, D), elements=st.floats(-3, 3)))
    x_t = data.draw(hnp.arrays(np.float64, (n, *trailing), elements=st.floats(-3, 3)))
    t = data.draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, 999)))
    expected = (x_t.reshape(n, D) @ A + c * t[:, None]).reshape(x_t.shape)
    eps_np = worker_callables.build(CallableSpec("linear_eps", {"A": A, "c": c}), mode="numpy", dtype="float64", device="cpu")
    np.testing.assert_allclose(eps_np(x_t, t), expected, rtol=1e-12, atol=1e-12)
    eps_t = worker_callables.build(CallableSpec("linear_eps", {"A": A, "c": c}), mode="torch", dtype="float64", device="cpu")
    out = eps_t(torch.tensor(x_t), torch.tensor(t))
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-12, atol=1e-12)


def test_build_replaces_nested_specs_and_refuses_unknown_names():
    built = worker_callables.build([1, {"m": CallableSpec("linear_eps", {"A": np.eye(1), "c": 0.0})}], mode="numpy", dtype="float64", device="cpu")
    assert callable(built[1]["m"]) and built[0] == 1
    with pytest.raises(KeyError, match="unknown grader callable"):
        worker_callables.build(CallableSpec("os_system", {}), mode="numpy", dtype="float64", device="cpu")


def test_gradients_of_first_tensor_output():
    x = torch.ones(3, requires_grad=True)
    grads, notes = gradients((x * 3, "extra"), [x], [0], np.array([1.0, 2.0, 3.0]))
    assert grads[0].tolist() == [3.0, 6.0, 9.0] and notes == []


def test_capped_stream_keeps_the_cap_and_raises_past_it():
    stream = CappedStream(10)
    stream.write("12345")
    with pytest.raises(OutputLimit):
        stream.write("678901234")
    assert stream.text().startswith("1234567890") and "truncated" in stream.text()
    with pytest.raises(OutputLimit):
        print("more", file=stream)


def test_describe_error_finds_the_innermost_student_line(tmp_path):
    path = str(tmp_path / "student.py")
    source = "def f():\n    return g()\ndef g():\n    return 1 / 0\n"
    (tmp_path / "student.py").write_text(source)  # the sandbox reads the student's line from the file
    code = compile(source, path, "exec")
    namespace: dict = {}
    exec(code, namespace)  # trusted test code
    with pytest.raises(ZeroDivisionError) as info:
        namespace["f"]()
    assert describe_error(info.value, path) == "ZeroDivisionError: division by zero\n  at line 4 of student.py: return 1 / 0"
    assert describe_error(ValueError(), path) == "ValueError"
