"""A submission with two classic mistakes, to see what the grader reports.

    mlvc-review grade examples/buggy_solution.py
"""

import numpy as np


def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2)  # forgot to divide by sqrt(d)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ V, weights


def kl_standard_normal(mu, logvar):
    # the closed-form Gaussian KL, but without its factor 1/2
    return -np.sum(1.0 + logvar - mu**2 - np.exp(logvar), axis=-1)
