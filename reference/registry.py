"""Where each contract function's reference lives, and how to load one by import path.

Import paths have the form "mlvc_reference.attention:scaled_dot_product_attention",
the same form the question bank's code tasks use (`reference:` and `mistakes[].impl`). Loading imports only
the named module (all reference modules are NumPy-only except `residual`, which
imports torch when called).
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

_MODULES: dict[str, tuple[str, ...]] = {
    "activations": ("sigmoid", "softmax", "cross_entropy"),
    "linear_models": ("normal_equation", "ridge_regression", "polynomial_features"),
    "backprop": (
        "add_backward", "mul_backward", "sigmoid_backward", "relu_backward", "tanh_backward",
        "linear_forward", "linear_backward",
    ),
    "optim": ("momentum_step",),
    "knn": ("knn_predict",),
    "mlp": ("mlp_forward", "mlp_backward", "xor_network"),
    "encodings": ("sinusoidal_positional_encoding", "fourier_features"),
    "convolution": ("conv_output_size", "conv2d"),
    "residual": ("residual_block",),
    "pooling": ("max_pool2d", "avg_pool2d"),
    "filtering": ("gaussian_kernel", "filter2d", "sobel"),
    "pyramids": ("gaussian_pyramid", "laplacian_pyramid", "reconstruct_laplacian"),
    "pca": ("pca",),
    "interpretability": ("saliency_map", "class_activation_map", "grad_cam", "guided_relu_backward"),
    "adversarial": ("fgsm", "pgd"),
    "style": ("gram_matrix", "style_layer_loss", "content_loss"),
    "image_quality": ("psnr", "ssim_global", "ssim", "lpips_from_features"),
    "recurrent": ("rnn_step", "lstm_step"),
    "attention": ("scaled_dot_product_attention", "causal_mask", "multi_head_attention", "additive_attention"),
    "transformer": ("layer_norm", "transformer_encoder_block"),
    "vae": ("reparameterize", "kl_standard_normal", "negative_elbo"),
    "gan": ("gan_discriminator_loss", "gan_generator_loss"),
    "autoregressive": ("pixelcnn_mask", "autoregressive_nll"),
    "diffusion": (
        "linear_beta_schedule", "alpha_bar", "q_sample", "ddpm_simple_loss", "ddpm_reverse_step",
        "x0_from_eps", "cfg_combine", "timestep_embedding",
    ),
    "neural_fields": ("volume_render",),
    "retrieval": ("rgb_distance", "color_histogram", "histogram_distance", "retrieve", "fit_quadratic_surface"),
}

#: contract function name -> "module:function" import path of its reference
REFERENCES: dict[str, str] = {
    name: f"mlvc_reference.{module}:{name}" for module, names in _MODULES.items() for name in names
}


def load_impl(path: str) -> Callable[..., Any]:
    """Import "package.module:function" and return the function.

    Raises:
        ValueError: the path is malformed.  ImportError / AttributeError: it names nothing.
    """
    module_name, sep, attr = path.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected 'module:function', got {path!r}")
    return getattr(importlib.import_module(module_name), attr)


def reference(name: str) -> Callable[..., Any]:
    """The reference implementation of contract function `name` (KeyError if there is none)."""
    return load_impl(REFERENCES[name])
