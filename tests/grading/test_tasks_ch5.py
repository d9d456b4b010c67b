"""Chapter 5 task specs (attacks, style losses, image quality) through the real grader and sandbox.

The common proofs (reference passes, stub fails, each known mistake diagnosed, honest
styles pass) live in test_tasks_common.py; here: the attacked model crosses as plain
data, the cases reach the regimes the mistakes need, and realistic wrong submissions
that are NOT known mistakes fail without a wrong diagnosis.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_tasks_common import check_named, drawn, grade, grade_source  # noqa: E402

from mlvc_reference.adversarial import fgsm, pgd
from mlvc_review.grading.sandbox.protocol import CallableSpec

ATTACKS = ["fgsm", "pgd"]


def _attack_cases(function: str) -> list:
    return drawn(check_named(function, "values").strategy(), n=30) + check_named(function, "edge shapes").examples()


@pytest.mark.parametrize("function", ATTACKS)
def test_the_attacked_model_is_plain_data_of_matching_shapes(function):
    for case in _attack_cases(function):
        model, x, y = case.args[:3]
        assert type(model) is CallableSpec and model.name == "tanh_mlp"
        W1, b1, W2, b2 = (model.params[k] for k in ("W1", "b1", "W2", "b2"))
        assert all(isinstance(a, np.ndarray) and a.dtype == np.float64 for a in (W1, b1, W2, b2))
        assert W1.shape == (b1.size, int(np.prod(x.shape[1:]))) and W2.shape == (b2.size, b1.size)
        assert x.min() >= 0.0 and x.max() <= 1.0
        assert y.dtype == np.int64 and y.shape == x.shape[:1] and 0 <= y.min() and y.max() < b2.size


def test_the_model_built_for_a_torch_call_is_the_one_the_reference_gets():
    torch = pytest.importorskip("torch")
    from mlvc_review.grading.checks.values import materialize
    from mlvc_review.grading.sandbox.callables import build

    case = check_named("fgsm", "edge shapes").examples()[2]
    trusted = materialize(case.args[0])
    worker = build(case.args[0], mode="torch", dtype="float64", device="cpu")
    x = torch.from_numpy(case.args[1])
    assert isinstance(worker, torch.nn.Module) and not any(p.requires_grad for p in worker.parameters())
    assert torch.equal(worker(x), trusted(x))


def test_attack_cases_reach_the_clip_and_the_projection():
    fgsm_cases = _attack_cases("fgsm")
    # some pixel leaves [0, 1] before the clip, in drawn and in fixed cases
    assert sum(bool(np.any((c.args[1] < c.args[3]) | (c.args[1] > 1 - c.args[3]))) for c in fgsm_cases) >= 10
    pgd_cases = _attack_cases("pgd")
    _, _, _, eps, alpha, steps = zip(*(c.args for c in pgd_cases))
    assert any(a * s > 2 * e for e, a, s in zip(eps, alpha, steps))  # the ball binds
    assert any(a > e for e, a in zip(eps, alpha))  # a step larger than the ball
    assert any(s == 1 for s in steps) and max(steps) >= 8


def test_the_references_stay_in_the_ball_and_in_the_image_range():
    for function, attack in (("fgsm", fgsm), ("pgd", pgd)):
        prop = check_named(function, "stays in the ε-ball and in [0, 1]").prop
        for case in _attack_cases(function):
            from mlvc_review.grading.checks.values import materialize

            got = attack(*materialize(case.args)).numpy()
            assert prop(case, got) is None, case.label


def test_quality_cases_use_ranges_other_than_one_and_ssim_images_fit_a_window():
    for function in ("psnr", "ssim_global", "ssim"):
        cases = drawn(check_named(function, "values").strategy(), n=30) + check_named(function, "edge shapes").examples()
        ranges = {c.kwargs.get("data_range", c.args[2] if len(c.args) > 2 else 1.0) for c in cases}
        assert {1.0, 255.0} <= ranges, function
        assert all(not np.array_equal(c.args[0], c.args[1]) for c in cases if function == "psnr")
    ssim_cases = check_named("ssim", "edge shapes").examples() + drawn(check_named("ssim", "values").strategy(), n=30)
    assert all(min(c.args[0].shape) >= 11 for c in ssim_cases)
    assert any(c.args[0].shape == (11, 11) for c in ssim_cases)


def test_lpips_zero_vector_cases_have_all_zero_channel_vectors():
    for case in check_named("lpips_from_features", "zero feature vectors").examples():
        feats_x, feats_y, _ = case.args
        assert any(np.any(np.all(f == 0, axis=0)) for f in feats_x)
        assert any(np.any(np.all(f == 0, axis=0)) for f in feats_y)


# Realistic wrong submissions that are NOT known mistakes: they must fail, and no known
# mistake may be named for them. One file, graded once.
WRONG = '''
import numpy as np
import torch
import torch.nn.functional as F


def fgsm(model, x, y, eps):
    x_ = x.clone().requires_grad_(True)
    logits = model(x_)
    (g,) = torch.autograd.grad(F.cross_entropy(logits, logits.argmax(1)), x_)  # the predicted label
    return (x + eps * g.sign()).clamp(0, 1)


def pgd(model, x, y, eps, alpha, steps):
    gen = torch.Generator().manual_seed(0)  # a random start (Madry et al.), which the contract rules out
    x_adv = (x + (torch.rand(x.shape, generator=gen, dtype=x.dtype) * 2 - 1) * eps).clamp(0, 1)
    for _ in range(steps):
        x_adv = x_adv.detach().requires_grad_(True)
        (g,) = torch.autograd.grad(F.cross_entropy(model(x_adv), y), x_adv)
        x_adv = torch.min(torch.max(x_adv + alpha * g.sign(), x - eps), x + eps).clamp(0, 1)
    return x_adv.detach()


def style_layer_loss(F, F_target):
    N, C, H, W = F.shape
    f, t = F.reshape(N, C, -1), F_target.reshape(N, C, -1)
    G, A = f @ f.transpose(0, 2, 1), t @ t.transpose(0, 2, 1)
    return float(np.sum((G - A) ** 2) / (4 * C**2 * (H * W) ** 2) / N)  # averaged over the batch


def psnr(x, y, data_range=1.0):
    mse = np.mean((x - y) ** 2)
    return 0.0 if mse == 0 else 10 * np.log10(data_range**2 / mse)  # 0 for identical images


def ssim(x, y, data_range=1.0):
    # skimage's defaults: a 7 x 7 uniform window and the sample covariance
    f = lambda a: np.lib.stride_tricks.sliding_window_view(a, (7, 7)).mean(axis=(-1, -2))
    mx, my = f(x), f(y)
    k = 49 / 48
    vx, vy, cxy = k * (f(x * x) - mx**2), k * (f(y * y) - my**2), k * (f(x * y) - mx * my)
    C1, C2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    return float(np.mean((2 * mx * my + C1) * (2 * cxy + C2) / ((mx**2 + my**2 + C1) * (vx + vy + C2))))


def lpips_from_features(feats_x, feats_y, weights):
    d = 0.0
    for a, b, w in zip(feats_x, feats_y, weights):
        a = a / np.linalg.norm(a, axis=0)  # no 1e-10: a known mistake, written the student's way
        b = b / np.linalg.norm(b, axis=0)
        d += np.mean(np.einsum("c,chw->hw", w, (a - b) ** 2))
    return d
'''


@pytest.fixture(scope="module")
def wrong(tmp_path_factory) -> dict[str, dict]:
    path = tmp_path_factory.mktemp("wrong") / "wrong_ch5.py"
    path.write_text(WRONG)
    return grade(path, ["fgsm", "pgd", "style_layer_loss", "psnr", "ssim", "lpips_from_features"])


def _failed(task: dict) -> set[str]:
    return {c["name"] for c in task["checks"] if c["status"] != "passed"}


@pytest.mark.parametrize("function", ["fgsm", "pgd", "ssim"])
def test_a_realistic_wrong_submission_fails_without_a_wrong_diagnosis(wrong, function):
    task = wrong[function]
    assert task["status"] == "failed" and {"values", "edge shapes"} <= _failed(task)
    assert task["diagnosis"] is None


def test_a_style_loss_averaged_over_the_batch_is_named_by_the_generic_rule(wrong):
    task = wrong["style_layer_loss"]
    assert task["status"] == "failed" and {"values", "edge shapes"} <= _failed(task)
    assert task["diagnosis"]["name"] == "sum and mean over the batch confused"  # it divides by N: exactly that


def test_a_psnr_of_zero_for_identical_images_fails_only_the_inf_property(wrong):
    task = wrong["psnr"]
    assert _failed(task) == {"identical images give inf"}
    message = next(c["message"] for c in task["checks"] if c["name"] == "identical images give inf")
    assert "returned 0.0" in message and "+inf" in message


def test_lpips_without_the_epsilon_fails_only_at_zero_vectors_and_is_named(wrong):
    task = wrong["lpips_from_features"]
    assert _failed(task) == {"zero feature vectors"}
    assert task["diagnosis"]["name"] == "no 1e-10 in the normalisation"


def test_a_pgd_projected_around_its_iterate_is_named_and_leaves_the_ball(tmp_path):
    source = WRONG.split("def style_layer_loss")[0].replace("x - eps), x + eps)", "x_adv - eps), x_adv + eps)")
    source = source.replace("x_adv = (x + (torch.rand(x.shape, generator=gen, dtype=x.dtype) * 2 - 1) * eps).clamp(0, 1)",
                            "x_adv = x.clone()")
    path = tmp_path / "mine.py"
    path.write_text(source)
    task = grade(path, ["pgd"])["pgd"]
    assert task["diagnosis"]["name"] == "projected around the current iterate"
    ball = next(c for c in task["checks"] if c["name"] == "stays in the ε-ball and in [0, 1]")
    assert ball["status"] == "failed" and "eps-ball around the original x" in ball["message"]


def test_lpips_that_normalises_the_feature_lists_in_place_fails_only_no_mutation(tmp_path):
    source = (
        "import numpy as np\n"
        "def lpips_from_features(feats_x, feats_y, weights):\n"
        "    total = 0.0\n"
        "    for fx, fy, w in zip(feats_x, feats_y, weights):\n"
        "        fx /= np.linalg.norm(fx, axis=0, keepdims=True) + 1e-10\n"
        "        fy /= np.linalg.norm(fy, axis=0, keepdims=True) + 1e-10\n"
        "        total += float((w[:, None, None] * (fx - fy) ** 2).sum(axis=0).mean())\n"
        "    return total\n"
    )
    task = grade_source(tmp_path, source, "lpips_from_features")
    assert {c["name"] for c in task["checks"] if c["status"] != "passed"} == {"no mutation"}
