"""The plain-data wire format: exact round trips, rejection of everything else, hostile bytes."""

from __future__ import annotations

import io
import json
import math
import struct

import hypothesis.extra.numpy as hnp
import hypothesis.strategies as st
import numpy as np
import pytest
from hypothesis import given, settings
from _exact import same

from mlvc_review.grading.sandbox.protocol import MAGIC, CallableSpec, ProtocolError, decode, encode

DTYPES = st.sampled_from(["bool", "int8", "int32", "int64", "uint8", "uint64", "float16", "float32", "float64"])
ARRAYS = DTYPES.flatmap(lambda d: hnp.arrays(d, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)))
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20)
VALUES = st.recursive(
    SCALARS | ARRAYS,
    lambda inner: st.lists(inner, max_size=4)
    | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(VALUES)
def test_round_trip_is_exact(value):
    assert same(decode(encode(value)), value)


def test_tuples_lists_and_special_floats_stay_distinct():
    value = [(1, 2), [1, 2], float("nan"), float("inf"), -float("inf"), 1, 1.0, True]
    back = decode(encode(value))
    assert type(back[0]) is tuple and type(back[1]) is list
    assert math.isnan(back[2]) and back[3] == math.inf and back[4] == -math.inf
    assert [type(v) for v in back[5:]] == [int, float, bool]


def test_numpy_scalars_become_zero_d_arrays_keeping_dtype():
    back = decode(encode([np.float32(1.5), np.int16(-3), np.bool_(True), np.array(2.0)]))
    assert [(a.shape, a.dtype.name) for a in back] == [((), "float32"), ((), "int16"), ((), "bool"), ((), "float64")]


def test_decoded_arrays_are_writable_base_arrays_that_do_not_alias():
    a = np.arange(6.0).reshape(2, 3)
    back = decode(encode([a, a, a.T]))
    assert all(type(x) is np.ndarray and x.flags.writeable for x in back)
    back[0][0, 0] = 99
    assert back[1][0, 0] == 0 and np.array_equal(back[2], a.T)


def test_callable_spec_round_trips():
    spec = CallableSpec("linear_eps", {"A": np.eye(2), "c": 0.5})
    back = decode(encode({"f": spec}))["f"]
    assert type(back) is CallableSpec and back.name == "linear_eps"
    assert np.array_equal(back.params["A"], np.eye(2)) and back.params["c"] == 0.5


@pytest.mark.parametrize(
    "value, name",
    [
        (1j, "complex"),
        ({1, 2}, "set"),
        (object(), "object"),
        (b"bytes", "bytes"),
        (np.array([1, "a"], dtype=object), "object"),
        (np.ones(2, dtype=complex), "complex128"),
        (np.zeros(2, dtype=[("a", "f8")]), "[('a', '<f8')]"),
        (np.ma.masked_array([1.0]), "MaskedArray"),
        ({1: 2}, "dict keys"),
        (type("IntLike", (int,), {})(3), "IntLike"),
    ],
)
def test_non_plain_values_are_rejected_by_name(value, name):
    with pytest.raises(ProtocolError, match=name.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        encode(value)


def test_size_limits_are_enforced_both_ways():
    blob = encode(np.zeros(1000))
    with pytest.raises(ProtocolError, match="exceeds"):
        encode(np.zeros(1000), max_bytes=100)
    with pytest.raises(ProtocolError, match="exceeds"):
        decode(blob, max_bytes=100)


def test_deep_nesting_is_refused():
    deep: list = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(ProtocolError, match="deep"):
        encode(deep)
    header = ("[" * 100 + "]" * 100).encode()
    with pytest.raises(ProtocolError):
        decode(MAGIC + struct.pack("<I", len(header)) + header)


def _message(tree, blobs: list[bytes]) -> bytes:
    header = json.dumps(tree).encode()
    body = b"".join(struct.pack("<Q", len(b)) + b for b in blobs)
    return MAGIC + struct.pack("<I", len(header)) + header + body


def test_pickled_object_arrays_are_never_loaded():
    buf = io.BytesIO()
    np.save(buf, np.array([object()], dtype=object), allow_pickle=True)
    with pytest.raises(ProtocolError, match="object"):
        decode(_message({"a": 0}, [buf.getvalue()]))


def test_array_header_promising_more_data_than_sent_is_refused():
    buf = io.BytesIO()
    np.save(buf, np.zeros(10))
    with pytest.raises(ProtocolError, match="more data"):
        decode(_message({"a": 0}, [buf.getvalue()[:-40]]))


def test_a_blob_referenced_twice_is_refused():
    buf = io.BytesIO()
    np.save(buf, np.zeros(2))
    with pytest.raises(ProtocolError):
        decode(_message([{"a": 0}, {"a": 0}], [buf.getvalue()]))


@pytest.mark.parametrize("tree", [{"x": 1}, {"t": 1}, {"a": 5}, {"c": [1, {}]}, {"d": {"k": {"zz": 0}}}, {"a": 0, "t": []}])
def test_malformed_trees_are_protocol_errors(tree):
    with pytest.raises(ProtocolError):
        decode(_message(tree, []))


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_only_ever_raise_protocol_error(junk):
    for blob in (junk, MAGIC + junk, encode([np.ones(3), "x"])[: len(junk) % 120]):
        try:
            decode(blob)
        except ProtocolError:
            pass


@given(VALUES, st.data())
def test_truncated_messages_are_protocol_errors(value, data):
    blob = encode(value)
    cut = data.draw(st.integers(0, len(blob) - 1))
    try:
        decode(blob[:cut])
    except ProtocolError:
        return
    # a cut that drops only trailing array blobs leaves a dangling reference: never a silent success
    raise AssertionError("a truncated message decoded without error")
