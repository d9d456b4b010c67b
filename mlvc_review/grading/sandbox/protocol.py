"""Plain-data wire format between the grader and its sandboxed workers (no pickle anywhere).

A message is ``MAGIC | u32 header length | JSON header | (u64 length | .npy blob)*``.
The JSON header is the value's tree with tagged nodes:

- ``null``, ``true``/``false``, ints, floats (``NaN``/``Infinity`` allowed), strings,
  and JSON arrays for Python lists;
- ``{"t": [...]}`` a tuple, ``{"d": {...}}`` a dict with str keys,
  ``{"a": i}`` the i-th array blob, ``{"c": [name, params]}`` a `CallableSpec`.

Arrays of bool/int/uint/float dtypes (any shape, 0-d included) travel as ``.npy``
blobs read back with ``np.load(..., allow_pickle=False)`` after their header has
been checked against the bytes that are really there. Numpy scalars become 0-d
arrays (so their dtype survives). Decoding never builds anything but None, bool,
int, float, str, list, tuple, dict, `numpy.ndarray` and `CallableSpec`, so a
value decoded here cannot lie about equality; every limit breach is a
`ProtocolError`. This module imports only the standard library and numpy: the
sandbox worker loads it before the student's file.
"""

from __future__ import annotations

import io
import json
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAGIC = b"MLVCv1\n"
MAX_MESSAGE_BYTES = 256 * 2**20
MAX_DEPTH = 64
MAX_NODES = 1_000_000
_ARRAY_KINDS = "biuf"
_SCALARS = (type(None), bool, int, float, str)
_HEADER_READERS = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}


class ProtocolError(Exception):
    """A value cannot be encoded, or a message is malformed or over a size limit."""


@dataclass(frozen=True)
class CallableSpec:
    """A grader-supplied callable the worker builds from its registry of trusted factories.

    Args:
        name: registry key, e.g. ``"linear_eps"`` (see `sandbox.callables`).
        params: plain data (arrays, numbers) the factory needs.
    """

    name: str
    params: dict = field(default_factory=dict)


def encode(value: Any, *, max_bytes: int = MAX_MESSAGE_BYTES) -> bytes:
    """Serialise plain data to bytes.

    Raises:
        ProtocolError: for any other type (named in the message) or an oversized result.
    """
    blobs: list[bytes] = []
    tree = _to_tree(value, blobs, 0)
    header = json.dumps(tree, allow_nan=True, separators=(",", ":")).encode()
    parts = [MAGIC, struct.pack("<I", len(header)), header]
    for blob in blobs:
        parts += [struct.pack("<Q", len(blob)), blob]
    out = b"".join(parts)
    if len(out) > max_bytes:
        raise ProtocolError(f"message of {len(out)} bytes exceeds the limit of {max_bytes} bytes")
    return out


def _to_tree(value: Any, blobs: list[bytes], depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise ProtocolError(f"value nested deeper than {MAX_DEPTH} levels")
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_to_tree(v, blobs, depth + 1) for v in value]
    if kind is tuple:
        return {"t": [_to_tree(v, blobs, depth + 1) for v in value]}
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise ProtocolError("dict keys must be str")
        return {"d": {k: _to_tree(v, blobs, depth + 1) for k, v in value.items()}}
    if kind is CallableSpec:
        return {"c": [value.name, _to_tree(dict(value.params), blobs, depth + 1)]}
    if isinstance(value, np.generic) and type(value).__module__ == "numpy":
        value = np.asarray(value)
    if type(value) is np.ndarray:
        if value.dtype.kind not in _ARRAY_KINDS:
            raise ProtocolError(f"arrays of dtype {value.dtype} are not plain data")
        buf = io.BytesIO()
        np.save(buf, value, allow_pickle=False)
        blobs.append(buf.getvalue())
        return {"a": len(blobs) - 1}
    raise ProtocolError(f"a {kind.__name__} is not plain data")


def decode(blob: bytes, *, max_bytes: int = MAX_MESSAGE_BYTES) -> Any:
    """Rebuild a value from `encode`'s bytes; never unpickles, checks every size first.

    Raises:
        ProtocolError: malformed, truncated or oversized input.
    """
    if len(blob) > max_bytes:
        raise ProtocolError(f"message of {len(blob)} bytes exceeds the limit of {max_bytes} bytes")
    view = memoryview(blob)
    if bytes(view[: len(MAGIC)]) != MAGIC:
        raise ProtocolError("not an mlvc-review message (bad magic)")
    pos = len(MAGIC)
    (n_header,) = _unpack("<I", view, pos)
    pos += 4
    if n_header > len(view) - pos:
        raise ProtocolError("truncated message header")
    try:
        tree = json.loads(bytes(view[pos : pos + n_header]).decode())
    except (ValueError, RecursionError) as err:
        raise ProtocolError(f"malformed message header: {err}") from None
    pos += n_header
    arrays = []
    while pos < len(view):
        (n_blob,) = _unpack("<Q", view, pos)
        pos += 8
        if n_blob > len(view) - pos:
            raise ProtocolError("truncated array data")
        arrays.append(_load_array(bytes(view[pos : pos + n_blob])))
        pos += n_blob
    return _from_tree(tree, arrays, 0, _State())


def _unpack(fmt: str, view: memoryview, pos: int) -> tuple:
    size = struct.calcsize(fmt)
    if pos + size > len(view):
        raise ProtocolError("truncated message")
    return struct.unpack(fmt, view[pos : pos + size])


# numpy reads .npy headers with ast.literal_eval, which CPython 3.11 cannot run in two
# threads at once ("AST constructor recursion depth mismatch", seen with --jobs 3).
_HEADER_LOCK = threading.Lock()


def _load_array(data: bytes) -> np.ndarray:
    """One ``.npy`` blob -> a native-order base ndarray of an allowed dtype."""
    f = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(f)
        if version not in _HEADER_READERS:
            raise ProtocolError(f"unsupported .npy version {version}")
        with _HEADER_LOCK:
            shape, fortran_order, dtype = _HEADER_READERS[version](f)
        if dtype.kind not in _ARRAY_KINDS or dtype.fields is not None:
            raise ProtocolError(f"arrays of dtype {dtype} are not allowed")
        n_items = int(np.prod(shape, dtype=object))
        if n_items * dtype.itemsize > len(data) - f.tell():
            raise ProtocolError("array header promises more data than the message holds")
        # the header is read once: the data follows it directly
        flat = np.frombuffer(data, dtype=dtype, count=n_items, offset=f.tell())
        array = flat.reshape(shape, order="F" if fortran_order else "C")
    except ProtocolError:
        raise
    except Exception as err:  # numpy raises ValueError/OSError/EOFError for bad blobs
        raise ProtocolError(f"malformed array data: {err}") from None
    # a base ndarray in native byte order, owning its memory
    return np.array(array, dtype=array.dtype.newbyteorder("="), copy=True)


class _State:
    """Decoding bookkeeping: nodes seen, array blobs already referenced."""

    def __init__(self) -> None:
        self.nodes = 0
        self.used: set[int] = set()


def _from_tree(node: Any, arrays: list[np.ndarray], depth: int, st: _State) -> Any:
    st.nodes += 1
    if depth > MAX_DEPTH or st.nodes > MAX_NODES:
        raise ProtocolError("message nests too deeply or holds too many values")
    if type(node) in _SCALARS:
        return node
    if type(node) is list:
        return [_from_tree(v, arrays, depth + 1, st) for v in node]
    if type(node) is dict and len(node) == 1:
        ((tag, body),) = node.items()
        if tag == "t" and type(body) is list:
            return tuple(_from_tree(v, arrays, depth + 1, st) for v in body)
        if tag == "d" and type(body) is dict:
            return {k: _from_tree(v, arrays, depth + 1, st) for k, v in body.items()}
        if tag == "a" and type(body) is int and 0 <= body < len(arrays) and body not in st.used:
            # each blob is referenced once, so decoded arrays never alias each other
            st.used.add(body)
            return arrays[body]
        if tag == "c" and type(body) is list and len(body) == 2 and type(body[0]) is str:
            params = _from_tree(body[1], arrays, depth + 1, st)
            if type(params) is not dict:
                raise ProtocolError("callable params must be a dict")
            return CallableSpec(body[0], params)
    raise ProtocolError("malformed message tree")

