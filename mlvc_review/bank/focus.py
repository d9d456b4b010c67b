"""The notes' priority list (重点): each item, its rank, and the bank topics and tags that belong to it.

The course notes open with a ranked list of what the exam stresses (rank 1 most,
then 1.5, 2, 2.5, 3 and 4). Every item here names the topics/tags of the bank that
cover it (the quiz's `weights.exam_rank` ranks the same names the same way:
tests/bank/test_focus.py); a question belongs to its topic's item, or failing that
to the best-ranked item its tags name. `coverage` counts the questions per item
against a target share proportional to 1/rank, for `bank stats`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mlvc_review.bank.model import QuestionBase


@dataclass(frozen=True)
class Item:
    key: str
    rank: float
    en: str
    zh: str
    names: tuple[str, ...]  # bank topics and tags

    @property
    def weight(self) -> float:
        """The exam weight of the item: 1/rank (rank 1 counts four times as much as rank 4)."""
        return 1.0 / self.rank


def _item(key: str, rank: float, en: str, zh: str, *names: str) -> Item:
    return Item(key, rank, en, zh, names)


ITEMS: tuple[Item, ...] = (
    _item("linear-fitting", 1, "Linear fitting, optimisation, normal equation", "线性拟合、优化和正规方程",
          "normal-equation", "linear-models", "linear-fitting", "optimization", "coursework-fitting"),
    _item("backprop", 1, "Backpropagation, chain rule, positional encoding", "反向传播、链式法则、位置编码",
          "backpropagation", "backprop", "backprop-gates", "chain-rule", "positional-encoding", "fourier-features"),
    _item("mlp", 1, "Perceptron, MLP and its optimisation, overfitting", "感知机、多层感知机及优化、过拟合",
          "perceptron", "mlp", "mlp-forward", "overfitting"),
    _item("convolution", 1, "Convolution, kernels, pooling and filtering", "卷积、卷积核、池化和滤波",
          "convolution", "kernels", "pooling", "filtering", "multi-channel-convolution", "conv-arithmetic"),
    _item("cnn", 1, "CNNs, fully connected layers, AlexNet/ResNet/DenseNet", "卷积神经网络、全连接层、经典架构",
          "cnn", "parameter-sharing", "receptive-field", "architectures", "resnet", "fully-connected"),
    _item("cam", 1, "Backprop for explanations: CAM, Grad-CAM, weights", "反向传播、CAM 和 Grad-CAM、权重",
          "cam", "grad-cam"),
    _item("style", 1, "Style transfer, texture synthesis, Gram matrix, losses (L2, MAE, SSIM, MSE, LPIPS)",
          "风格迁移、纹理合成、Gram 矩阵、损失函数", "style-transfer", "texture-synthesis", "gram-matrix", "style-loss",
          "feature-loss", "image-quality-ssim", "image-quality-lpips", "image-quality-mse", "image-quality-psnr"),
    _item("rnn", 1, "RNNs and their problems, LSTM (chains), softmax", "循环神经网络及其问题、LSTM、Softmax",
          "rnn", "lstm", "vanishing-gradients", "softmax"),
    _item("vae-gan", 1, "VAE and GAN, and their comparison", "VAE 与 GAN 及其对比", "vae", "gan", "model-comparison"),
    _item("activations", 1.5, "Activation functions, XOR, neural networks", "激活函数、XOR、神经网络",
          "activation-functions", "activations", "non-linearity", "xor"),
    _item("gd", 1.5, "Gradient descent, batch GD and SGD", "梯度下降与随机梯度下降",
          "gradient-descent", "sgd", "momentum", "learning-rate"),
    _item("data-split", 1.5, "Training / validation / test split", "数据划分", "data-split", "hyperparameters"),
    _item("least-squares", 1.5, "Matrix calculus, MSE, least squares and regularisation, linear regression",
          "矩阵计算、MSE、最小二乘和正则化、线性回归", "ridge-regression", "regularisation", "regularization",
          "multi-class-regression", "generalized-linear-regression", "logistic-regression"),
    _item("sequences", 1.5, "Sequence learning, the four mappings", "序列学习、四种序列映射",
          "sequence-mappings", "sequence-loss"),
    _item("attention", 1.5, "Attention, RNN + attention", "注意力机制、RNN + 注意力",
          "attention", "additive-attention", "multi-head-attention"),
    _item("autoregressive", 1.5, "Autoregressive models, neural implicit representations", "自回归模型、神经隐式表示",
          "autoregressive", "implicit-representation", "nerf"),
    _item("supervised", 2, "Supervised vs unsupervised learning", "监督学习与无监督学习", "unsupervised-learning"),
    _item("inversion", 2, "Feature inversion, gradient ascent, regularisation, DeepDream", "特征反演、梯度上升、正则化、DeepDream",
          "feature-inversion", "gradient-ascent", "deepdream"),
    _item("neural-texture", 2, "Neural texture synthesis, feed-forward networks", "神经纹理合成、前馈网络",
          "coursework-texture", "feedforward-style-transfer"),
    _item("pca-ae", 2, "PCA, autoencoders, generative models, Bayes' rule", "PCA、自编码器、生成模型、贝叶斯法则",
          "pca", "pca-autoencoder", "generative-taxonomy", "stylegan", "conditional-gan"),
    _item("diffusion", 2.5, "Diffusion: training and sampling, Gaussians, the loss", "扩散过程（训练与采样）、高斯、损失函数",
          "diffusion", "forward-process", "reverse-process", "noise-schedule", "training-targets", "training-sampling",
          "score-function", "guidance"),
    _item("unet", 2.5, "U-Net", "U-Net", "unet"),
    _item("transformer", 2.5, "Transformer", "Transformer", "transformer", "layer-norm"),
    _item("retrieval", 2.5, "Image retrieval: RGB / histogram / VGG / Gram distances", "图像检索：RGB、直方图、VGG、Gram 距离",
          "coursework-retrieval", "distances"),
    _item("denoising", 2.5, "Denoising: Gaussian filter vs CNN", "降噪：高斯滤波与 CNN", "coursework-denoising"),
    _item("feature-space", 3, "Feature space (nearest neighbours, dimensionality reduction), visualising activations, saliency",
          "特征空间（最近邻和降维）、激活可视化、显著图", "feature-space", "nearest-neighbour", "visualisation",
          "maximal-activation", "saliency", "guided-backprop"),
    _item("pyramids", 3, "Image pyramids, multiresolution, features", "图像金字塔、多分辨率、特征",
          "image-pyramids", "sampling-aliasing"),
    _item("semantic", 3, "Semantic tasks: detection, region proposals, segmentation", "语义任务：检测、候选区域、分割",
          "semantic-tasks", "attention-segmentation", "image-captioning"),
    _item("representations", 3, "Image, video, audio and 3-D representations", "图像、视频、音频和三维表示",
          "light-and-colour", "light-field", "stereo", "3d-surfaces", "video", "audio", "vector-graphics"),
    _item("ldm", 4, "Latent diffusion (LDM)", "潜扩散模型 (LDM)", "latent-diffusion", "ip-adapter"),
    _item("polynomial", 4, "Polynomial fitting", "多项式拟合", "polynomial-fitting"),
)
BY_NAME: dict[str, Item] = {}
for _item_ in sorted(ITEMS, key=lambda i: -i.rank):  # a name listed twice keeps its best-ranked item
    BY_NAME.update(dict.fromkeys(_item_.names, _item_))


def item_of(question: QuestionBase) -> Item | None:
    """The item the question covers: its topic's, else the best-ranked one its tags name; None if none.

    (The quiz's exam rank takes the best rank over topic and tags alike; for coverage the
    topic says what a question is about, a tag only what it touches.)
    """
    if question.topic in BY_NAME:
        return BY_NAME[question.topic]
    found = [BY_NAME[n] for n in question.tags if n in BY_NAME]
    return min(found, key=lambda i: i.rank) if found else None


@dataclass(frozen=True)
class Row:
    """One item's coverage: its questions (derivations among them) and its share against the target."""

    item: Item | None  # None: the questions no item covers
    questions: int
    derivations: int
    share: float  # of the covered questions
    target: float  # the item's weight over the sum of all weights

    @property
    def ratio(self) -> float:
        """share / target: 1 is exactly in proportion to the rank."""
        return self.share / self.target if self.target else 0.0


def coverage(questions: Sequence[QuestionBase], *, include_code: bool = False) -> list[Row]:
    """A row per item in list order, then one for the questions no item covers (share and target 0).

    Code questions are left out unless `include_code`: they are graded files, not exam questions.
    """
    asked = [q for q in questions if include_code or q.type != "code"]  # type: ignore[attr-defined]
    counts: dict[str | None, list[int]] = {}
    for q in asked:
        item = item_of(q)
        row = counts.setdefault(item.key if item else None, [0, 0])
        row[0] += 1
        row[1] += q.type == "derivation"  # type: ignore[attr-defined]
    covered = sum(n for key, (n, _) in counts.items() if key is not None)
    total_weight = sum(i.weight for i in ITEMS)
    rows = [Row(i, *counts.get(i.key, [0, 0]), counts.get(i.key, [0, 0])[0] / covered if covered else 0.0,
                i.weight / total_weight) for i in ITEMS]
    rows.append(Row(None, *counts.get(None, [0, 0]), 0.0, 0.0))
    return rows
