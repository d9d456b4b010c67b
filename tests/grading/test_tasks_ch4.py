"""Chapter 4 task specs (saliency, CAM, Grad-CAM, guided ReLU) through the real grader and sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from mlvc_review.grading.sandbox.protocol import CallableSpec
from mlvc_review.grading.checks.values import materialize

sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import HEADLINE, check_named, drawn, grade_source  # noqa: E402

CHAPTER = 4
FUNCTIONS = HEADLINE[CHAPTER]


def _failed(task: dict) -> set[str]:
    return {c["name"] for c in task["checks"] if c["status"] != "passed"}


def _named(task: dict) -> str | None:
    return task["diagnosis"]["name"] if task.get("diagnosis") else None


def test_chapter_four_grades_all_four_functions():
    assert FUNCTIONS == ["saliency_map", "class_activation_map", "grad_cam", "guided_relu_backward"]


def test_the_saliency_model_is_plain_data_rebuilt_as_a_module_whose_gradients_differ_per_class():
    import torch

    for case in check_named("saliency_map", "edge shapes").examples():
        spec, x, target = case.args
        assert isinstance(spec, CallableSpec) and spec.name == "small_cnn"
        assert all(isinstance(v, np.ndarray) for v in spec.params.values())
        model = materialize(spec)
        assert isinstance(model, torch.nn.Module) and not any(p.requires_grad for p in model.parameters())
        xt = torch.tensor(x, requires_grad=True)
        logits = model(xt)
        assert logits.shape == (1, spec.params["W2"].shape[0]) and 0 <= target < logits.shape[1]
        grads = [torch.autograd.grad(logits[0, c], xt, retain_graph=True)[0] for c in range(logits.shape[1])]
        assert not torch.allclose(grads[0], grads[-1])
        assert (grads[target] > 0).any() and (grads[target] < 0).any() or x.shape[1:] == (2, 1, 1)


def test_guided_relu_cases_put_zeros_where_the_strict_masks_matter():
    cases = drawn(check_named("guided_relu_backward", "values").strategy(), n=30)
    cases += check_named("guided_relu_backward", "edge shapes").examples()
    assert any(np.any((c.args[0] == 0) & (c.args[1] > 0)) for c in cases)  # x == 0, dout > 0: > vs >=
    assert any(np.any((c.args[0] > 0) & (c.args[1] < 0)) for c in cases)  # the backward mask's own case


def test_grad_cam_edges_include_an_all_zero_map_and_cam_weights_have_both_signs():
    from mlvc_reference.interpretability import grad_cam

    maps = [grad_cam(*c.args) for c in check_named("grad_cam", "edge shapes").examples()]
    assert any(np.all(m == 0) for m in maps) and any(m.max() > 0 for m in maps)
    for case in drawn(check_named("class_activation_map", "values").strategy(), n=20):
        f, w, cls = case.args
        assert f.min() >= 0 and 0 <= cls < w.shape[0]
    assert any(np.any(c.args[1] > 0) and np.any(c.args[1] < 0) for c in drawn(check_named("class_activation_map", "values").strategy(), n=20))


HONEST_SALIENCY = (
    "import torch\n"
    "def saliency_map(model, x, target):\n"
    "    model.eval(); model.zero_grad()\n"
    "    x = x.clone().requires_grad_(True)\n"
    "    model(x)[0, target].backward()\n"
    "    return x.grad[0].abs().max(dim=0).values\n"
)


@pytest.mark.parametrize(
    ("source", "failed", "named"),
    [
        (HONEST_SALIENCY, set(), None),
        # the signed gradient's channel max, written with numpy: the known "no absolute value"
        (HONEST_SALIENCY.replace(".abs().max(dim=0).values", ".max(dim=0).values"), {"values", "edge shapes"},
         "no absolute value"),
        # softmax of the logits first, as many tutorials do
        (HONEST_SALIENCY.replace("model(x)[0, target]", "torch.softmax(model(x), dim=1)[0, target]"),
         {"values", "edge shapes"}, "softmax probability instead of the class score"),
        # |Σ_c g| (channels summed before the absolute value): no known mistake is this one
        (HONEST_SALIENCY.replace("x.grad[0].abs().max(dim=0).values", "x.grad[0].sum(dim=0).abs()"),
         {"values", "edge shapes"}, None),
    ],
    ids=["honest with eval and zero_grad", "no abs", "softmax", "channels summed before abs"],
)
def test_saliency_submissions_get_the_right_verdict_and_no_wrong_name(tmp_path, source, failed, named):
    task = grade_source(tmp_path, source, "saliency_map")
    assert _failed(task) == failed and _named(task) == named


def test_a_saliency_map_that_writes_into_x_fails_only_no_mutation(tmp_path):
    source = (
        "import torch\n"
        "def saliency_map(model, x, target):\n"
        "    x.requires_grad_(True)\n"
        "    model(x)[0, target].backward()\n"
        "    s = x.grad[0].abs().max(dim=0).values\n"
        "    with torch.no_grad():\n"
        "        x.zero_()  # clears the caller's image\n"
        "    return s\n"
    )
    assert _failed(grade_source(tmp_path, source, "saliency_map")) == {"no mutation"}


@pytest.mark.parametrize(
    ("function", "source", "named"),
    [
        # weights averaged over the wrong axis: one weight per pixel (mean over channels), no known mistake
        ("grad_cam", "import numpy as np\ndef grad_cam(activations, gradients):\n"
                     "    alpha = gradients.mean(axis=0)\n    return np.maximum(alpha * activations.sum(axis=0), 0)\n", None),
        # normalised for display, the usual tutorial ending: the known mistake, whatever the epsilon
        ("grad_cam", "import numpy as np\ndef grad_cam(activations, gradients):\n"
                     "    cam = np.maximum(np.einsum('k,khw->hw', gradients.mean(axis=(1, 2)), activations), 0)\n"
                     "    return cam / (cam.max() + 1e-9)\n", "normalised by the maximum"),
        # CAM with the weight matrix transposed by habit (fc_weight[:, cls]) and a one-class case: an error, never a name
        ("class_activation_map", "import numpy as np\ndef class_activation_map(features, fc_weight, cls):\n"
                                 "    return np.einsum('k,khw->hw', fc_weight[:, cls], features)\n", None),
        # the clip form of guided backprop with a non-strict forward mask: the known ">=" slip, written differently
        ("guided_relu_backward", "import numpy as np\ndef guided_relu_backward(x, dout):\n"
                                 "    return np.clip(dout, 0, None) * (x >= 0)\n", "x >= 0 in the forward mask"),
    ],
    ids=["grad-cam wrong axis", "grad-cam normalised", "cam transposed weights", "guided >= written with clip"],
)
def test_hand_written_wrong_maps_fail_and_are_named_only_when_they_are_a_known_mistake(tmp_path, function, source, named):
    task = grade_source(tmp_path, source, function)
    assert task["status"] != "passed" and _named(task) == named
