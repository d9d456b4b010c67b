"""The trusted side of the training check: thresholds, verdicts, metrics, symptoms and the diagnosis by symptoms."""

from __future__ import annotations

import numpy as np
import pytest

from mlvc_reference.vae import negative_elbo
from mlvc_review.grading.checks import training, training_data as td, training_metrics as tm
from mlvc_review.grading.spec import get_task, resolve
from mlvc_review.grading.taskinfo import for_function

CLASSES = ["UNet", "VAE", "Denoiser", "ImplicitImage"]


def plan(function: str) -> training.Plan:
    get_task(function)
    return training.PLANS[function]


def test_thresholds_pass_at_the_bound_and_fail_on_nan():
    t = training.Threshold("psnr", ">=", 20.0, "PSNR", " dB")
    assert t.fails({"psnr": 20.0}) is None
    assert t.fails({"psnr": 19.9}) == "PSNR 19.9 dB, needs >= 20 dB"
    assert t.fails({"psnr": float("nan")}) == "PSNR nan dB, needs >= 20 dB"
    assert training.Threshold("negative_elbo", "<=", 20.0, "negative ELBO").fails({"negative_elbo": float("inf")})


@pytest.mark.parametrize("function", CLASSES)
def test_each_class_has_an_interface_and_a_learns_check_both_heavy_with_their_own_timeouts(function):
    spec = get_task(function)
    assert [(c.name, c.kind, c.heavy) for c in spec.checks] == [("interface", "training", True), ("learns", "training", True)]
    p = plan(function)
    assert spec.checks[1].timeout == max(b.timeout for b in p.budgets.values()) > p.budget("cpu").max_seconds
    assert p.budget("cpu").calibrated and not p.budget("cuda").calibrated
    assert [c.label for c in spec.checks[0].examples()] == [f"{function}({', '.join(map(str, p.ctor))})"]


def test_the_verdict_labels_the_budget_and_says_when_gpu_thresholds_are_uncalibrated():
    p = plan("ImplicitImage")
    made = training.made_for("ImplicitImage", p.seed)
    value = {"problems": [], "loss": np.array([0.5, 0.1], np.float32), "steps_done": 2, "final": {"image": made["data"]["rgb"] + 0.01}}
    cpu = training.judge(p, value, 2, p.budget("cpu"), "cpu")
    assert cpu.status == "passed" and cpu.message == "PSNR 40 dB (>= 20 dB) after 1000 steps on the CPU budget; loss 0.5 -> 0.1"
    gpu = training.judge(p, value, 2, p.budget("cuda"), "cuda")
    assert "GPU budget, thresholds of the CPU calibration: GPU budget not calibrated yet" in gpu.message
    value["final"] = {"image": made["data"]["rgb"] + 0.2}
    low = training.judge(p, value, 2, p.budget("cpu"), "cpu")
    assert low.status == "failed" and low.message.startswith("PSNR 14 dB, needs >= 20 dB (1000 steps on the CPU budget")
    assert low.got["metrics"]["psnr"] == pytest.approx(13.98, abs=0.01)


def test_interface_only_and_problem_verdicts():
    p = plan("VAE")
    assert training.judge(p, {"problems": []}, 0, p.budget("cpu"), "cpu").status == "passed"
    bad = training.judge(p, {"problems": ["VAE(64, 2): x", "VAE(10, 3): y"], "shapes": [[[5, 2], [5, 3]]]}, 0, p.budget("cpu"), "cpu")
    assert bad.status == "failed" and bad.message == "VAE(64, 2): x; VAE(10, 3): y" and bad.got == {"symptoms": ["wrong output shape"]}


def test_unet_iou_and_the_shrinking_output_symptom():
    made = td.shapes_data(0)
    truth = made["y_test"]
    assert tm.unet_metrics(made, {"test_logits": np.where(truth > 0.5, 3.0, -3.0)})["iou"] == 1.0
    half = np.where(truth > 0.5, 3.0, -3.0)
    half[:32] = -3.0
    assert 0.3 < tm.unet_metrics(made, {"test_logits": half})["iou"] < 0.7
    assert training.shape_symptoms([[[2, 1, 28, 28], [2, 1, 32, 32]]]) == {"output smaller than its input"}
    assert training.shape_symptoms([[[2, 2, 32, 32], [2, 1, 32, 32]]]) == {"wrong output shape"}


def test_a_whole_factor_shrink_at_every_size_is_not_taken_for_unpadded_convolutions():
    halved = [[[2, 1, 8, 12], [2, 1, 16, 24]], [[2, 2, 16, 16], [2, 2, 32, 32]]]
    assert training.shape_symptoms(halved) == {training.SCALED_DOWN}
    # unpadded convolutions lose a fixed margin: at 8x8 that happens to be half, at 16x24 it is not
    unpadded = [[[2, 1, 4, 4], [2, 1, 8, 8]], [[2, 1, 12, 20], [2, 1, 16, 24]]]
    assert training.shape_symptoms(unpadded) == {training.SMALLER}
    assert training.shape_symptoms([[[2, 1, 8, 8], [2, 1, 16, 16]], [[2, 1, 4, 4], [2, 1, 16, 16]]]) == {training.SMALLER}
    verdict = training.judge(plan("UNet"), {"problems": ["UNet(1, 1): returned shape (2, 1, 8, 12), expected (2, 1, 16, 24)"],
                                             "shapes": halved}, 0, plan("UNet").budget("cpu"), "cpu")
    assert verdict.status == "failed" and "2x smaller" in verdict.message and "upsampled back" in verdict.message
    fixed = training.judge(plan("UNet"), {"problems": ["UNet(1, 1): returned shape (2, 1, 12, 20), expected (2, 1, 16, 24)"],
                                           "shapes": unpadded}, 0, plan("UNet").budget("cpu"), "cpu")
    assert "upsampl" not in fixed.message


def test_vae_metric_is_the_reference_negative_elbo_and_chance_is_the_best_constant():
    made = td.vae_data(0)
    x = made["data"]["x_test"]
    rng = np.random.default_rng(0)
    final = {"test_logits": rng.normal(size=x.shape), "test_mu": rng.normal(size=(512, 2)), "test_logvar": rng.normal(size=(512, 2)),
             "test_logits_mu": np.where(x > 0.5, 1.0, -1.0)}
    m = tm.vae_metrics(made, final)
    assert m["negative_elbo"] == pytest.approx(negative_elbo(x, final["test_logits"], final["test_mu"], final["test_logvar"]))
    assert m["reconstruction_accuracy"] == 1.0 and 0.5 <= m["chance_accuracy"] < 0.9


def test_ring_samples_at_the_centres_cover_every_mode():
    made = td.ring_data(0)
    centres = np.repeat(made["centres"], 125, axis=0)
    final = {"samples": centres, "eps_test": made["data"]["noise_test"]}
    assert tm.ring_metrics(made, final) == {"near_mode": 1.0, "modes_covered": 8.0, "eps_mse": 0.0}
    final["samples"] = np.repeat(made["centres"][:1], 1000, axis=0)
    assert tm.ring_metrics(made, final)["modes_covered"] == 1.0
    final["samples"] = np.full((1000, 2), np.nan)
    assert tm.ring_metrics(made, final)["near_mode"] == 0.0


def test_symptoms_from_probe_outputs():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(32, 4))
    mid = 0.5 * (z[:16] + z[16:])
    assert tm._affine(np.concatenate([z, mid])) and not tm._affine(np.concatenate([z, mid + 0.01]))
    eps = rng.normal(size=(48, 2))
    same = np.stack([eps] * 4)
    assert "ignores t" in tm.ring_symptoms({"eps_by_step": same, "eps_big_by_step": same})
    assert tm.ring_symptoms({"eps_by_step": np.abs(same) + 1.0, "eps_big_by_step": np.abs(same)}) >= {"output never negative"}


@pytest.mark.parametrize("function", CLASSES)
def test_each_known_mistake_has_its_own_symptoms(function):
    """The diagnosis names the first mistake whose symptoms equal the student's: they must differ from each other,
    and from the reference's, except a mistake the metric alone reveals (UNet without skips: no symptom)."""
    p = plan(function)
    mistakes = {m.name: training.mistake_symptoms(p, resolve(m.impl)) for m in for_function(function).mistakes}
    assert len(mistakes) >= 3
    found = list(mistakes.values())
    assert all(a != b for i, a in enumerate(found) for b in found[i + 1:]), mistakes
    reference = training.mistake_symptoms(p, resolve(get_task(function).reference))
    same = [name for name, s in mistakes.items() if s == reference]
    assert same == (["no skip connections"] if function == "UNet" else []), (reference, mistakes)


def test_the_compare_hook_explains_by_symptoms():
    from mlvc_reference.mistakes.models import VAEProbabilityDecoder, VAEStdForLogvar

    explains = training.explainer("VAE")
    student = {"symptoms": ["log-variance never negative"]}
    assert explains(VAEStdForLogvar(64, 2), student, None) is None
    assert explains(VAEProbabilityDecoder(64, 2), student, None) == "symptoms differ: ['decoder outputs in [0, 1]']"
    assert explains(VAEStdForLogvar(64, 2), None, None) == "no symptoms"
