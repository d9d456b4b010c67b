"""The training checks' synthetic data: drawn from the seed only, of the stated shapes, with probes that mean what they say."""

from __future__ import annotations

import numpy as np
import pytest

from mlvc_reference.diffusion import alpha_bar, linear_beta_schedule
from mlvc_review.grading.checks import training_data as td

MAKERS = [td.vae_data, td.ring_data, td.shapes_data, td.image_data]


def _arrays(made: dict) -> dict[str, np.ndarray]:
    return {f"{part}.{k}": v for part in ("data", "probe") for k, v in made[part].items()}


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_the_same_seed_gives_the_same_arrays_and_another_seed_others(make):
    a, b, c = _arrays(make(3)), _arrays(make(3)), _arrays(make(4))
    assert a.keys() == b.keys() == c.keys()
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert any(not np.array_equal(a[k], c[k]) for k in a if a[k].size > 1)


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_only_float32_and_integer_arrays_travel(make):
    for name, v in _arrays(make(0)).items():
        assert isinstance(v, np.ndarray) and (v.dtype == np.float32 or v.dtype.kind == "i"), name
        assert np.all(np.isfinite(v)), name


def test_vae_patterns_are_binary_prototypes_with_few_flips():
    made = td.vae_data(1)
    x = made["data"]["x_train"]
    assert x.shape == (2048, 64) and set(np.unique(x)) <= {0.0, 1.0}
    nearest = np.abs(x[:, None, :] - made["prototypes"][None]).sum(-1).min(1)  # flips from the closest prototype
    assert 0.03 < nearest.mean() / 64 < 0.06
    z = made["probe"]["z"]
    np.testing.assert_allclose(z[32:], 0.5 * (z[:16] + z[16:32]))


def test_ring_data_sits_on_eight_modes_with_the_reference_schedule():
    made = td.ring_data(2)
    data = made["data"]
    assert made["centres"].shape == (8, 2)
    np.testing.assert_allclose(np.linalg.norm(made["centres"], axis=1), 1.0)
    d = np.linalg.norm(data["x_train"][:, None] - made["centres"][None], axis=-1).min(1)
    assert np.quantile(d, 0.99) < 4 * made["std"]
    np.testing.assert_allclose(data["betas"], linear_beta_schedule(1000), rtol=1e-6)
    np.testing.assert_allclose(data["alpha_bar"], alpha_bar(linear_beta_schedule(1000)), rtol=1e-5)
    assert data["t_test"].min() >= 0 and data["t_test"].max() < 1000


def test_segmentation_masks_are_the_brighter_shapes():
    made = td.shapes_data(5)
    x, y = made["data"]["x_train"], made["data"]["y_train"]
    assert x.shape == y.shape == (512, 1, 32, 32) and set(np.unique(y)) == {0.0, 1.0}
    assert 0.05 < y.mean() < 0.6
    assert x[y == 1].mean() - x[y == 0].mean() == pytest.approx(0.6, abs=0.03)
    assert made["y_test"].shape == (64, 1, 32, 32)


def test_image_and_probes():
    made = td.image_data(7)
    coords, rgb, probe = made["data"]["coords"], made["data"]["rgb"], made["probe"]
    assert coords.shape == (4096, 2) and rgb.shape == (4096, 3)
    assert coords.min() > 0 and coords.max() < 1 and rgb.min() >= 0 and rgb.max() <= 1
    np.testing.assert_allclose(probe["p_plus_2"], probe["p"] + 2, rtol=1e-6)
    a, b, c, d = np.split(probe["p_sep"], 4)
    np.testing.assert_array_equal(c, np.stack([a[:, 0], b[:, 1]], 1))
    np.testing.assert_array_equal(d, np.stack([b[:, 0], a[:, 1]], 1))
    assert probe["p_line"].shape == (512, 2)
