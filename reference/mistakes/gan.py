"""Known wrong GAN losses: labels, reductions, the saturating generator loss, logs of rounded probabilities."""

from __future__ import annotations

import numpy as np

from mlvc_reference.gan import softplus


def _f64(a: np.ndarray) -> np.ndarray:
    return np.asarray(a, dtype=np.float64)


def gan_discriminator_loss_labels_swapped(real_logits: np.ndarray, fake_logits: np.ndarray) -> float:
    """Wrong: real samples labelled 0 and fakes 1, mean BCE(real, 0) + mean BCE(fake, 1)."""
    return float(np.mean(softplus(real_logits)) + np.mean(softplus(-_f64(fake_logits))))


def gan_discriminator_loss_one_mean(real_logits: np.ndarray, fake_logits: np.ndarray) -> float:
    """Wrong: one mean over the real and fake logits together (BCE on the concatenated batch),
    half the loss when both batches have the same size; the contract adds two means."""
    terms = np.concatenate([softplus(-_f64(real_logits)).ravel(), softplus(fake_logits).ravel()])
    return float(np.mean(terms))


def gan_discriminator_loss_value_not_loss(real_logits: np.ndarray, fake_logits: np.ndarray) -> float:
    """Wrong: returns the minimax value V = E[log D(x)] + E[log(1 - D(G(z)))], which D maximises;
    the loss D minimises is -V."""
    return float(-np.mean(softplus(-_f64(real_logits))) - np.mean(softplus(fake_logits)))


def gan_discriminator_loss_naive_log(real_logits: np.ndarray, fake_logits: np.ndarray) -> float:
    """Wrong (numerically): -log σ(real) - log(1 - σ(fake)) on probabilities; σ(l) rounds to
    exactly 1 for l beyond about 37, so a confident fake gives log(0) = -inf. Right for moderate logits."""
    with np.errstate(all="ignore"):
        d_real = 1.0 / (1.0 + np.exp(-_f64(real_logits)))
        d_fake = 1.0 / (1.0 + np.exp(-_f64(fake_logits)))
        return float(-np.mean(np.log(d_real)) - np.mean(np.log(1.0 - d_fake)))


def gan_generator_loss_saturating(fake_logits: np.ndarray) -> float:
    """Wrong: the saturating minimax form, mean log(1 - D(G(z))) (computed stably); its gradient
    vanishes exactly when D rejects the fakes. The contract's loss is -mean log D(G(z))."""
    return float(-np.mean(softplus(fake_logits)))


def gan_generator_loss_fake_label(fake_logits: np.ndarray) -> float:
    """Wrong: mean BCE(fake, 0), the discriminator's fake term copied over; minimising it helps D."""
    return float(np.mean(softplus(fake_logits)))


def gan_generator_loss_bce_on_probabilities(fake_logits: np.ndarray) -> float:
    """Wrong (numerically): the generic -[y log p + (1 - y) log(1 - p)] with p = σ(l), y = 1; once
    p rounds to 1 (l beyond about 37) the zero-weighted term is 0 · log(0) = nan. Right for moderate logits."""
    with np.errstate(all="ignore"):
        p = 1.0 / (1.0 + np.exp(-_f64(fake_logits)))
        y = np.ones_like(p)
        return float(np.mean(-(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))


def gan_generator_loss_summed(fake_logits: np.ndarray) -> float:
    """Wrong: sums BCE(fake, 1) over the batch instead of averaging (same for a batch of one)."""
    return float(np.sum(softplus(-_f64(fake_logits))))
