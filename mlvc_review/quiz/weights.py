"""The exam weight of a question, from the priority list (重点) at the head of the course notes.

The notes rank their topics: 1 (most examined: linear fitting and the normal
equation, backpropagation, MLPs and overfitting, convolution and pooling, CNNs,
CAM/Grad-CAM, style transfer and its losses, RNN/LSTM, VAE and GAN), then 1.5,
2, 2.5, 3 and 4 (LDM, polynomial fitting). A question's weight is the best rank
of its topic and tags; a question whose `notes_ref` cites one of the notes'
key questions (重点问题) counts as rank 1. Unlisted topics rank 3.
"""

from __future__ import annotations

from mlvc_review.bank.model import QuestionBase

UNLISTED = 3.0

# rank in the notes' 重点 list -> the bank's topics and tags it names
_RANKS: dict[float, tuple[str, ...]] = {
    1.0: ("normal-equation", "linear-models", "linear-fitting", "optimization", "coursework-fitting",
          "backpropagation", "backprop", "backprop-gates", "chain-rule", "positional-encoding", "fourier-features",
          "perceptron", "mlp", "mlp-forward", "overfitting", "convolution", "kernels", "pooling", "filtering",
          "multi-channel-convolution", "conv-arithmetic", "cnn", "parameter-sharing", "receptive-field",
          "architectures", "resnet", "fully-connected", "cam", "grad-cam", "style-transfer", "texture-synthesis",
          "gram-matrix", "style-loss", "feature-loss", "image-quality-ssim", "image-quality-lpips",
          "image-quality-mse", "image-quality-psnr", "rnn", "lstm", "vanishing-gradients", "softmax", "vae", "gan",
          "model-comparison"),
    1.5: ("activation-functions", "activations", "non-linearity", "xor", "gradient-descent", "sgd", "momentum",
          "learning-rate", "data-split", "hyperparameters", "ridge-regression", "regularisation", "regularization",
          "multi-class-regression", "generalized-linear-regression", "logistic-regression", "sequence-mappings",
          "sequence-loss", "attention", "additive-attention", "multi-head-attention", "autoregressive",
          "implicit-representation", "nerf"),
    2.0: ("unsupervised-learning", "feature-inversion", "gradient-ascent", "deepdream", "coursework-texture",
          "feedforward-style-transfer", "pca", "pca-autoencoder", "generative-taxonomy", "stylegan",
          "conditional-gan"),
    2.5: ("diffusion", "forward-process", "reverse-process", "noise-schedule", "training-targets",
          "training-sampling", "score-function", "guidance", "unet", "transformer", "layer-norm",
          "coursework-retrieval", "distances", "coursework-denoising"),
    3.0: ("feature-space", "nearest-neighbour", "visualisation", "maximal-activation", "saliency",
          "guided-backprop", "image-pyramids", "sampling-aliasing", "attention-segmentation", "image-captioning",
          "semantic-tasks",
          "light-and-colour", "light-field", "stereo", "3d-surfaces", "video", "audio", "vector-graphics"),
    4.0: ("latent-diffusion", "ip-adapter", "polynomial-fitting"),
}
RANK: dict[str, float] = {}
for _rank in sorted(_RANKS, reverse=True):  # a name listed twice keeps its best (lowest) rank
    RANK.update(dict.fromkeys(_RANKS[_rank], _rank))


def exam_rank(question: QuestionBase) -> float:
    """1 (most examined) .. 4: the question's own `exam_rank`, else the best rank of its topic and tags."""
    if getattr(question, "exam_rank", None) is not None:  # set by the author in the bank file
        return float(question.exam_rank)  # type: ignore[attr-defined]
    notes_ref = getattr(question, "notes_ref", None)
    if notes_ref and "重点" in notes_ref:
        return 1.0
    names = [getattr(question, "topic", ""), *getattr(question, "tags", ())]
    return min((RANK[n] for n in names if n in RANK), default=UNLISTED)
