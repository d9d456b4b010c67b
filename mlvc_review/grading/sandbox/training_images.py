"""The image classes in the worker's loop: UNet (per-pixel binary cross-entropy on logits) and
ImplicitImage (mean squared colour error). Arrays go back as float32 NumPy; nothing here measures quality."""

from __future__ import annotations

from typing import Any

from mlvc_review.grading.sandbox.training_util import chunks, rows, shape_problems, to_np


class UNetTask:
    """UNet(in_ch, out_ch): forward(x) -> logits of x's spatial size."""

    input_names = ("x",)
    SIZES = ((16, 24), (32, 32), (8, 40))

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        c_in, c_out = args
        problems = []
        for H, W in self.SIZES:
            x = torch.randn(2, c_in, H, W, generator=torch.Generator().manual_seed(H * W)).to(device)
            problems += shape_problems(model(x), f"forward(x) with x {(2, c_in, H, W)}", (2, c_out, H, W))
        return problems

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["x"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        import torch.nn.functional as F

        return F.binary_cross_entropy_with_logits(model(probe["x"]).float(), probe["target"])

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch.nn.functional as F

        x, mask = rows(data, ("x_train", "y_train"), batch, gen)
        # per-pixel binary cross-entropy on logits, mean over the batch and pixels
        return F.binary_cross_entropy_with_logits(model(x).float(), mask)

    def probe(self, model: Any, probe: dict) -> dict:
        return {"logits": to_np(model(probe["x"])), "logits_big": to_np(model(probe["x_big"]))}

    def evaluate(self, model: Any, data: dict) -> dict:
        return {"test_logits": to_np(chunks(model, data["x_test"], 32))}


class ImplicitTask:
    """ImplicitImage(L): forward(p) -> colours, p (n, 2) in [0, 1]."""

    input_names = ("p",)

    def shapes(self, model: Any, args: list, device: Any) -> list[list]:
        import torch

        p = torch.rand(7, 2, generator=torch.Generator().manual_seed(0)).to(device)
        return shape_problems(model(p), "forward(p) with p (7, 2)", (7, 3))

    def interface_inputs(self, probe: dict) -> list[Any]:
        return [probe["p"]]

    def loss_on(self, model: Any, probe: dict) -> Any:
        import torch

        return torch.mean((model(probe["p"]).float() - probe["target"]) ** 2)

    def loss(self, model: Any, data: dict, batch: int, gen: Any) -> Any:
        import torch

        p, rgb = rows(data, ("coords", "rgb"), batch, gen)
        # mean squared colour error
        return torch.mean((model(p).float() - rgb) ** 2)

    def probe(self, model: Any, probe: dict) -> dict:
        return {name: to_np(model(probe[name])) for name in ("p", "p_plus_2", "p_sep", "p_line")}

    def evaluate(self, model: Any, data: dict) -> dict:
        return {"image": to_np(chunks(model, data["coords"], 4096))}
