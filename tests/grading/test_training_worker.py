"""The worker side of the training check, run in this process: interface problems, the loop, its budget.

The sandbox adds isolation, limits and plain-data transport around exactly this code
(tests/grading/test_training_sandbox.py grades through it); here each situation is cheap.
"""

from __future__ import annotations

import time
import types
from dataclasses import replace

import numpy as np
import pytest
import torch
from torch import nn

from mlvc_reference.models.vae_model import VAE
from mlvc_review.grading.checks import training
from mlvc_review.grading.sandbox import training as worker
from mlvc_review.grading.spec import get_task


def run_student(sub, action):
    """The sandbox's `run_student` without the sandbox: status, error text and the raw value."""
    start = time.perf_counter()
    try:
        return {"status": "ok", "error": None, "raw": action(), "seconds": time.perf_counter() - start, "stdout": "", "stderr": ""}
    except Exception as err:  # noqa: BLE001
        return {"status": "error", "error": f"{type(err).__name__}: {err}", "seconds": 0.0, "stdout": "", "stderr": ""}


def serve(cls, function: str = "VAE", steps: int = 0, **budget) -> tuple[dict, training.Plan, training.Budget]:
    get_task(function)
    plan = training.PLANS[function]
    b = replace(plan.budget("cpu"), **budget)
    sub = types.SimpleNamespace(module=types.SimpleNamespace(**{function: cls}))
    reply = worker.run(sub, {"function": function, "device": "cpu", "args": [training.payload(plan, b, steps)]}, run_student)
    return reply, plan, b


def verdict(cls, function: str = "VAE", steps: int = 0, **budget) -> training.Failure:
    reply, plan, b = serve(cls, function, steps, **budget)
    assert reply["status"] == "ok", reply["error"]
    return training.judge(plan, reply["value"], steps, b, "cpu")


def test_the_reference_passes_the_interface_and_its_reply_is_plain_data():
    from mlvc_review.grading.sandbox.protocol import decode, encode

    reply, _, _ = serve(VAE)
    assert reply["status"] == "ok" and reply["value"]["problems"] == []
    assert decode(encode(reply["value"]))["init"].keys() == reply["value"]["init"].keys()
    assert verdict(VAE).status == "passed"


def test_not_a_module():
    reply, _, _ = serve(lambda data_dim, latent_dim: None)
    assert reply["status"] == "error" and "torch.nn.Module subclass" in reply["error"]


class ThreeOutputs(VAE):
    def encode(self, x):
        mu, logvar = super().encode(x)
        return mu, logvar, mu


class HardCodedLatent(VAE):
    def __init__(self, data_dim, latent_dim):
        super().__init__(data_dim, 2)


def test_wrong_shapes_are_problems_named_with_the_constructor_call():
    failure = verdict(ThreeOutputs)
    assert failure.status == "failed" and "VAE(64, 2): encode(x) with x (5, 64) must return a pair (mu, logvar)" in failure.message
    failure = verdict(HardCodedLatent)
    assert failure.status == "failed" and "VAE(10, 3): encode(x)[0] (mu) with x (5, 10) returned shape (5, 2), expected (5, 3)" in failure.message
    assert failure.got["symptoms"] == ["wrong output shape"]


class Mutates(VAE):
    def encode(self, x):
        x.mul_(2.0)
        return super().encode(x)


class Unregistered(nn.Module):
    def __init__(self, data_dim, latent_dim):
        super().__init__()
        self.layers = [nn.Linear(data_dim, 2 * latent_dim), nn.Linear(latent_dim, data_dim)]  # a plain list

    def encode(self, x):
        return self.layers[0](x).chunk(2, dim=1)

    def decode(self, z):
        return self.layers[1](z)


class Detached(VAE):
    def decode(self, z):
        return super().decode(z).detach()

    def encode(self, x):
        return tuple(v.detach() for v in super().encode(x))


def test_mutation_missing_parameters_and_no_gradient_fail_the_interface():
    assert "modified its input x in place" in verdict(Mutates).message
    assert "has no parameters" in verdict(Unregistered).message
    assert "not connected to its parameters by autograd" in verdict(Detached).message


class Crashes(VAE):
    calls = 0

    def decode(self, z):
        Crashes.calls += 1
        if Crashes.calls > 5:
            raise ZeroDivisionError("boom")
        return super().decode(z)


def test_an_exception_names_the_phase_it_happened_in():
    reply, _, _ = serve(Crashes, steps=20)
    assert reply["status"] == "error" and reply["error"].startswith("during training: ZeroDivisionError: boom")


class GoesNaN(VAE):
    def decode(self, z):
        out = super().decode(z)
        return out * float("nan") if self.training and self.to_mu.weight.grad is not None else out


def test_a_non_finite_loss_stops_training_and_fails():
    failure = verdict(GoesNaN, steps=50)
    assert failure.status == "failed" and "the training loss became nan at step 2 of 50" in failure.message


def test_a_model_too_slow_for_the_budget_fails_with_the_reason():
    failure = verdict(VAE, steps=100_000, max_seconds=0.5)
    assert failure.status == "failed" and "of 100000 training steps ran in 0.5 s" in failure.message


def test_training_is_deterministic_for_a_seed_on_the_cpu():
    a, _, _ = serve(VAE, steps=30)
    b, _, _ = serve(VAE, steps=30)
    np.testing.assert_array_equal(a["value"]["loss"], b["value"]["loss"])
    np.testing.assert_array_equal(a["value"]["final"]["test_logits"], b["value"]["final"]["test_logits"])
    assert a["value"]["loss"][-1] < a["value"]["loss"][0]


def test_unused_parameters_are_a_note_not_a_failure():
    class Spare(VAE):
        def __init__(self, data_dim, latent_dim):
            super().__init__(data_dim, latent_dim)
            self.spare = nn.Linear(3, 3)

    reply, _, _ = serve(Spare)
    assert reply["value"]["problems"] == []
    assert reply["value"]["notes"] == ["parameters without a gradient (unused by the computation): spare.weight, spare.bias"]


@pytest.mark.parametrize("function", ["UNet", "Denoiser", "ImplicitImage"])
def test_every_reference_passes_its_interface_check(function):
    from mlvc_review.grading.spec import resolve

    assert verdict(resolve(get_task(function).reference), function).status == "passed"
