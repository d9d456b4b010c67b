"""The four trained classes through the real grader and sandbox, in the CPU mode (`--device cpu`).

`bank validate`'s proof per class (reference passes, starter stub fails, every known mistake
fails and is diagnosed as itself) runs for the VAE in every test run and for the other three
classes as `slow` (CI runs those too). Without a device the class tasks are skipped with the
reason, never passed. The GPU run is a `gpu` test: skipped, with the reason, where there is none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlvc_review.grading.bankcheck import import_source
from mlvc_review.grading.batch import grade_paths
from mlvc_review.grading.reports.document import document
from mlvc_review.grading.runner import Options

QUESTIONS = {"VAE": "gen.code.vae-model", "UNet": "cnn.code.unet", "Denoiser": "dif.code.denoiser",
             "ImplicitImage": "vis.code.implicit-image"}
HONEST = Path(__file__).parents[1] / "fixtures" / "submissions" / "models" / "honest_models.py"


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def _tasks(paths: list[Path], functions: list[str], **options) -> list[dict]:
    results, isolation, seconds = grade_paths(paths, functions, Options(seed=0, **options))
    doc = document(results, seed=0, isolation=isolation, duration=seconds)
    return [t for s in doc["submissions"] for t in s["tasks"]]


@pytest.mark.parametrize("function", [
    "VAE",
    pytest.param("UNet", marks=pytest.mark.slow),
    pytest.param("Denoiser", marks=pytest.mark.slow),
    pytest.param("ImplicitImage", marks=pytest.mark.slow),
])
def test_bank_validate_proves_the_class_question_on_the_cpu_budget(function):
    from mlvc_review.bank.loader import load_bank
    from mlvc_review.grading import bankcheck

    question = load_bank().by_id[QUESTIONS[function]]
    assert question.function == function
    assert bankcheck.check_code_question(question) == []


def test_the_report_labels_the_cpu_budget_and_names_the_mistake(tmp_path):
    ref, wrong = tmp_path / "reference.py", tmp_path / "wrong.py"
    ref.write_text(import_source("mlvc_reference.models.vae_model:VAE", "VAE"))
    wrong.write_text(import_source("mlvc_reference.mistakes.models:VAEStdForLogvar", "VAE"))
    good, bad = _tasks([ref, wrong], ["VAE"], heavy_ok=True, device="cpu")
    assert good["status"] == "passed" and good["score"] == good["max_score"]
    learns = good["checks"][1]
    assert learns["name"] == "learns" and "after 1000 steps on the CPU budget" in learns["message"]
    assert learns["counterexample"] is None
    assert bad["status"] == "failed" and bad["score"] == 0
    assert bad["checks"][0]["status"] == "passed" and bad["checks"][1]["status"] == "failed"
    assert bad["checks"][1]["message"].startswith("negative ELBO ")
    assert bad["diagnosis"]["name"] == "σ returned as logvar"
    assert bad["checks"][1]["counterexample"]["label"] == "VAE(64, 2)"


def test_without_a_device_class_tasks_are_skipped_with_the_reason_never_passed(tmp_path):
    from mlvc_review.grading.checks.explore import NEEDS_GPU

    ref = tmp_path / "reference.py"
    ref.write_text(import_source("mlvc_reference.models.vae_model:VAE", "VAE"))
    (task,) = _tasks([ref], ["VAE"], heavy_ok=False, device="cpu")
    assert task["status"] == "skipped" and task["score"] == 0 and task["max_score"] == 0
    assert [(c["status"], c["message"]) for c in task["checks"]] == [("skipped", NEEDS_GPU)] * 2


def test_a_cuda_run_asks_the_sandbox_for_cuda_and_uses_the_uncalibrated_gpu_budget():
    """Where heavy checks run is the grader's choice (`--device auto` resolves to cuda when a GPU is visible);
    the request the sandbox gets then names cuda, and the verdict says the GPU budget is not calibrated."""
    from mlvc_review.grading.checks import training
    from mlvc_review.grading.checks.kinds import TaskContext
    from mlvc_review.grading.sandbox.pool import CallOutcome
    from mlvc_review.grading.spec import get_task

    spec = get_task("Denoiser")
    sent = {}

    class Session:
        def call(self, function, args, kwargs, **how):
            sent.update(how, function=function, payload=args[0])
            return CallOutcome("ok", value={"problems": []})

    ctx = TaskContext(Session(), spec, None, device="cuda")
    interface, learns = spec.checks
    assert training.evaluate(ctx, interface, interface.examples()[0]).status == "passed"
    assert sent["device"] == "cuda" and sent["mode"] == "train" and sent["payload"]["steps"] == 0
    failure = training.evaluate(ctx, learns, learns.examples()[0])
    assert sent["payload"]["steps"] == training.PLANS["Denoiser"].budget("cuda").steps
    assert sent["timeout"] == training.PLANS["Denoiser"].budget("cuda").timeout
    assert failure.status == "failed" and "only 0 of 2000 training steps ran" in failure.message


def test_device_auto_picks_cuda_when_a_gpu_is_visible(monkeypatch):
    from mlvc_review.grading import device

    monkeypatch.setattr(device, "cuda_visible", lambda: True)
    assert device.resolve_device("auto") == device.DeviceChoice("cuda", True)
    monkeypatch.setattr(device, "cuda_visible", lambda: False)
    assert device.resolve_device("auto") == device.DeviceChoice("cpu", False)
    assert device.resolve_device("cpu") == device.DeviceChoice("cpu", True)


@pytest.mark.slow
def test_honest_alternative_architectures_of_all_four_classes_pass():
    tasks = _tasks([HONEST], list(QUESTIONS), heavy_ok=True, device="cpu")
    assert {t["function"]: t["status"] for t in tasks} == dict.fromkeys(QUESTIONS, "passed"), [
        (t["function"], [c["message"] for c in t["checks"]]) for t in tasks]


@pytest.mark.gpu
@pytest.mark.skipif(not cuda_available(), reason="needs a CUDA device")
def test_on_cuda_the_references_pass_and_a_mistake_fails_and_is_named(tmp_path):
    from mlvc_review.grading.spec import get_task

    paths = []
    for function in QUESTIONS:
        path = tmp_path / f"{function}.py"
        path.write_text(import_source(get_task(function).reference, function))
        paths.append(path)
    wrong = tmp_path / "wrong.py"
    wrong.write_text(import_source("mlvc_reference.mistakes.models:DenoiserIgnoresT", "Denoiser"))
    tasks = _tasks(paths + [wrong], list(QUESTIONS), heavy_ok=True, device="cuda")
    assert [t["status"] for t in tasks] == ["passed"] * 4 + ["failed"], [(t["function"], t["message"]) for t in tasks]
    assert tasks[-1]["diagnosis"]["name"] == "t ignored"
