"""Generative adversarial network losses (lecture: generative models).

Paper: Goodfellow et al., "Generative Adversarial Nets" (2014).
The minimax game is `min_G max_D E_x[log D(x)] + E_z[log(1 - D(G(z)))]` with
`D = σ(l)` a probability and `l` the discriminator's logit. The discriminator
minimises the binary cross-entropy with label 1 on real and 0 on fake samples.
The generator's `log(1 - D(G(z)))` saturates (its gradient vanishes while D
easily rejects the fakes, early in training), so it minimises the
non-saturating `-log D(G(z))` = BCE(fake, 1) instead.
Both losses work on logits: with `softplus(l) = log(1 + e^l)`,
`-log σ(l) = softplus(-l)` and `-log(1 - σ(l)) = softplus(l)`, so no
probability that has rounded to 0 or 1 is ever passed to a log.
"""

from __future__ import annotations

import numpy as np


def softplus(l: np.ndarray) -> np.ndarray:
    """log(1 + e^l), finite and accurate for any finite l (the shape of l)."""
    l = np.asarray(l, dtype=np.float64)
    # log(1 + e^l) = max(l, 0) + log(1 + e^{-|l|})
    return np.maximum(l, 0.0) + np.log1p(np.exp(-np.abs(l)))


def gan_discriminator_loss(real_logits: np.ndarray, fake_logits: np.ndarray) -> float:
    """The discriminator's loss: real samples labelled 1, generated ones 0.

    Args:
        real_logits: D's logits on real data, any shape, e.g. (n_real,) or (n_real, 1).
        fake_logits: D's logits on generated data, any shape (its own batch size).

    Returns:
        mean BCE(real, 1) + mean BCE(fake, 0), a float (each term averaged over its own batch).
    """
    # BCE(l, 1) = -log σ(l) = softplus(-l)
    loss_real = np.mean(softplus(-np.asarray(real_logits, dtype=np.float64)))
    # BCE(l, 0) = -log(1 - σ(l)) = softplus(l)
    loss_fake = np.mean(softplus(fake_logits))
    # L_D = -E_x[log D(x)] - E_z[log(1 - D(G(z)))]
    return float(loss_real + loss_fake)


def gan_generator_loss(fake_logits: np.ndarray) -> float:
    """The generator's non-saturating loss.

    Args:
        fake_logits: D's logits on generated data, any shape.

    Returns:
        mean BCE(fake, 1) = -E_z[log D(G(z))], a float.
    """
    # L_G = -E_z[log σ(l)] = E_z[softplus(-l)]   (not the saturating E_z[log(1 - σ(l))])
    return float(np.mean(softplus(-np.asarray(fake_logits, dtype=np.float64))))
