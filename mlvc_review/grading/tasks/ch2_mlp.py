"""Chapter 2 task specs: the two-layer sigmoid MLP, its backward pass, and a network for XOR.

mlp_forward / mlp_backward are compared with the reference on small random
networks; the first edge case has square weights (d = h = o), so a missing
transpose returns numbers (evidence for the diagnosis) instead of raising, and
o > 1 with n > 1 makes dividing the loss by n·o instead of n visible.

xor_network has many right answers, so it is judged by what its network
computes, not by equality with the reference's weights: the shapes of a 2-2-1
network, then `mlp_forward(X, ...) > 0.5` on the four XOR points, as a truth
table ("values") and point by point ("edge shapes"). A known mistake is named
when its network has the same shapes and the same truth table.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlvc_review.grading.spec import Case, Check, TaskSpec, register
from mlvc_review.grading.tasks.strategies import cases, fixed, nonzero, normal, uniform

# ---- mlp_forward / mlp_backward ------------------------------------------------------------


def _net_case(
    rng: np.random.Generator, n: int, d: int, h: int, o: int, backward: bool = False, label: str = ""
) -> Case:
    x = normal(rng, n, d)
    W1, b1 = normal(rng, h, d), nonzero(rng, h)
    W2, b2 = normal(rng, o, h), nonzero(rng, o)
    args = (x, uniform(rng, 0.0, 1.0, n, o), W1, b1, W2, b2) if backward else (x, W1, b1, W2, b2)
    return Case(args, label=label or f"n={n}, d={d}, hidden={h}, out={o}")


def _net_edges(backward: bool) -> list[Case]:
    return fixed(
        _net_case,
        # square weights first: a W.T slip then returns numbers (evidence for the diagnosis)
        dict(n=3, d=3, h=3, o=3, backward=backward, label="square weights, d = hidden = out"),
        dict(n=1, d=3, h=4, o=2, backward=backward, label="batch of one"),
        dict(n=5, d=2, h=3, o=1, backward=backward, label="one output"),
        dict(n=4, d=1, h=2, o=3, backward=backward, label="d = 1, several outputs"),
        dict(n=2, d=4, h=1, o=2, backward=backward, label="one hidden unit"),
        dict(n=4, d=2, h=2, o=1, backward=backward, label="a 2-2-1 network"),
    )


for _function, _backward in (("mlp_forward", False), ("mlp_backward", True)):
    register(
        TaskSpec(
            function=_function,
            reference=f"mlvc_reference.mlp:{_function}",
            checks=(
                Check(
                    "values",
                    "compare",
                    strategy=lambda b=_backward: cases(_net_case, n=(1, 5), d=(1, 4), h=(1, 4), o=(1, 3), backward=[b]),
                ),
                Check("edge shapes", "compare", examples=lambda b=_backward: _net_edges(b)),
                Check("no mutation", "mutation", examples=lambda b=_backward: _net_edges(b)[1:3]),
            ),
        )
    )

# ---- xor_network ---------------------------------------------------------------------------

X_XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR = (0, 1, 1, 0)
SHAPES = ((2, 2), (2,), (1, 2), (1,))
TABLE = "the four XOR points"
POINT_LABELS = {f"x = ({a}, {b}): XOR {XOR[i]}": i for i, (a, b) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1)])}


def _network(weights: Any) -> tuple[str, Any]:
    """("table", (outputs (4,), predictions)) of a well-formed 2-2-1 network, else ("form", description)."""
    if not isinstance(weights, (tuple, list)) or len(weights) != 4:
        return "form", f"returned {type(weights).__name__}; expected a tuple (W1, b1, W2, b2)"
    try:
        arrays = [np.asarray(w, dtype=np.float64) for w in weights]
    except (TypeError, ValueError):
        return "form", "could not read W1, b1, W2, b2 as arrays of numbers"
    shapes = tuple(a.shape for a in arrays)
    if shapes != SHAPES:
        return "form", f"shapes {', '.join(map(str, shapes))}"
    from mlvc_reference.mlp import mlp_forward  # the trusted forward pass

    with np.errstate(all="ignore"):
        y = mlp_forward(X_XOR, *arrays)[:, 0]  # (4,)
    return "table", (y, tuple(int(v > 0.5) for v in y))


def _computes_the_same(expected: Any, got: Any, case: Case) -> str | None:
    """None when `got`'s network has `expected`'s shapes and predictions (all four points, or the
    case's one point); else what `got`'s network does. With the reference as `expected` this is
    "computes XOR"; the diagnosis passes a known mistake as `expected`."""
    want, have = _network(expected), _network(got)
    if have[0] == "form" or want[0] == "form":
        if have == want:
            return None
        return (
            f"{have[1]}: expected weights of a 2-2-1 network in nn.Linear's (out, in) layout, "
            f"W1 (2, 2), b1 (2,), W2 (1, 2), b2 (1,)"
        )
    (_, want_pred), (y, pred) = want[1], have[1]
    i = POINT_LABELS.get(case.label)
    if i is None:
        if pred == want_pred:
            return None
        return f"mlp_forward(X, W1, b1, W2, b2) > 0.5 gives {list(pred)} on X = (0,0), (0,1), (1,0), (1,1); expected {list(want_pred)}"
    if pred[i] == want_pred[i]:
        return None
    a, b = X_XOR[i].astype(int)
    return f"at x = ({a}, {b}) the network outputs {y[i]:.6f}, so it predicts {pred[i]}; expected {want_pred[i]}"


def _table() -> Any:
    from hypothesis import strategies as st

    return st.just(Case((), label=TABLE))


register(
    TaskSpec(
        function="xor_network",
        reference="mlvc_reference.mlp:xor_network",
        checks=(
            Check("values", "compare", strategy=_table, compare=_computes_the_same),
            Check("edge shapes", "compare", examples=lambda: [Case((), label=label) for label in POINT_LABELS], compare=_computes_the_same),
        ),
    )
)
