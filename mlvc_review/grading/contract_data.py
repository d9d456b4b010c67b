"""The coding-task contract in the project's words, English and Chinese: the grader's single source.

Discovery, the starter files, `mlvc-review tasks` and docs/contract.md (regenerate it with
`python -m mlvc_review.grading.contract_doc`) all read this module. The meaning follows the
course's coding-task specification, which is the authority: change a meaning only together with it.

Texts are pairs `(English, Chinese)`; a plain string is the same in both languages. Inline code is
written between backticks (Markdown). Each entry is a dict with:

    name, chapter, framework    "numpy" | "torch"
    call        the parameter list as Python writes it, defaults as source text: "(x, axis=-1)"
                (a class: the parameters of its constructor)
    returns     what a function gives back, as the contract names it: "w", "(dx, dy)", "float"
    interface   a class only: the methods it must have, or None
    shapes      input and output shapes and ranges, or None
    meaning     what is computed
    required    properties the grader insists on (stability, errors, autograd), or None
    tolerance   how results are compared when it is not the default of CONVENTIONS, or None
    heavy       a class only: the heavy (training) check and the threshold it must reach
"""

from __future__ import annotations

CHAPTERS: dict[int, tuple[str, str]] = {
    1: ("Optimization and linear models", "优化与线性模型"),
    2: ("SGD, MLPs and backprop blocks", "随机梯度下降、多层感知机与反向传播模块"),
    3: ("Images, convolution and CNNs", "图像、卷积与卷积神经网络"),
    4: ("Understanding CNNs", "理解卷积神经网络"),
    5: ("Adversarial examples, features, style and image quality", "对抗样本、特征、风格与图像质量"),
    6: ("Sequence learning and attention", "序列学习与注意力机制"),
    7: ("Generative models", "生成模型"),
    8: ("Diffusion models", "扩散模型"),
    9: ("Visual data, neural fields and the coursework", "视觉数据、神经场与课程作业"),
}

# How a submission meets the contract (what is fixed, what is only advice).
RULES: tuple[tuple[str, str], ...] = (
    ("A submission is a Python file or a notebook that defines any subset of the functions and classes below "
     "at module level. The grader finds them by name; the grading process never runs the file.",
     "提交是一个 Python 文件或 notebook，在模块顶层定义下列函数和类中的任意一部分。评分器按名字找到它们；"
     "评分进程本身从不运行这个文件。"),
    ("Fixed, and enforced by the grader: the names, the argument order, the shapes, the conventions below and "
     "every \"required\" property.",
     "固定不变、由评分器强制检查的是：名字、参数顺序、形状、下面的约定，以及每一条「要求」。"),
    ("Parameter names are advice, not a rule: every argument, optional ones included, is passed by position, "
     "so `softmax(x, axis=-1)` is graded exactly like `softmax(z, axis=-1)`. A parameter with another name "
     "gets a note in the report, never a failure.",
     "参数名只是建议，不是规则：所有参数（包括可选参数）都按位置传入，所以 `softmax(x, axis=-1)` 与 "
     "`softmax(z, axis=-1)` 的评分完全相同。参数名不同只会在报告里得到一条提示，绝不会因此失败。"),
    ("Extra optional parameters are fine. A function that cannot be called with the contract's arguments "
     "(too many required parameters, or too few parameters) fails.",
     "多出的可选参数没有问题。无法用契约规定的参数调用的函数（必需参数太多或参数太少）判为失败。"),
    ("Where the course notes disagree with this contract (they contain typos and mix conventions), the "
     "contract wins, and the question's explanation says why.",
     "课程讲义与本契约不一致时（讲义有笔误，约定也不统一），以契约为准，题目的讲解会说明原因。"),
)

# Conventions for every task.
CONVENTIONS: tuple[tuple[str, str], ...] = (
    ("Arrays are NumPy `float64` unless the task says torch. Torch tasks receive `torch.float64` tensors on "
     "the CPU (or `float32` on a GPU for heavy checks) and must keep autograd working where the task says "
     "differentiable.",
     "除非任务注明 torch，数组都是 NumPy `float64`。torch 任务在 CPU 上收到 `torch.float64` 张量（重型检查在 "
     "GPU 上用 `float32`）；任务注明「可微」时，必须保持 autograd 可用。"),
    ("Batches are rows: `x` is `(n, d)`, and a linear layer is `x @ W.T + b` with `W` of shape `(out, in)` "
     "(the convention of torch's `nn.Linear`).",
     "一个 batch 按行存放：`x` 为 `(n, d)`；线性层是 `x @ W.T + b`，其中 `W` 的形状为 `(out, in)`"
     "（与 torch 的 `nn.Linear` 相同）。"),
    ("Images are `(N, C, H, W)` in the CNN tasks and `(H, W)` in the single-channel filtering tasks.",
     "图像在 CNN 任务中为 `(N, C, H, W)`，在单通道滤波任务中为 `(H, W)`。"),
    ("Indices start at 0 everywhere, diffusion time steps included: `alpha_bar[t]` for `t = 0..T-1` is the "
     "paper's `\\bar\\alpha_{t+1}`.",
     "所有索引都从 0 开始，扩散模型的时间步也一样：`t = 0..T-1` 时的 `alpha_bar[t]` 就是论文中的 "
     "`\\bar\\alpha_{t+1}`。"),
    ("A function must not modify its inputs in place.",
     "函数不得原地修改它的输入。"),
    ("Results are compared after `numpy.asarray`, so a torch tensor is accepted where NumPy is expected and "
     "the other way round; shapes must match exactly; a tuple and a list of the same arrays are the same "
     "answer.",
     "返回值经 `numpy.asarray` 转换后再比较，所以需要 NumPy 的地方可以返回 torch 张量，反之亦然；形状必须完全"
     "一致；由相同数组组成的 tuple 和 list 视为同一个答案。"),
    ("Default tolerance: `rtol=1e-6, atol=1e-8` against the reference, unless the task says otherwise. Inputs "
     "are drawn well-conditioned, so every mathematically correct method (inverse, solve, lstsq, loops, "
     "einsum) passes.",
     "默认容差：与参考实现相比 `rtol=1e-6, atol=1e-8`，任务另有说明的除外。输入都是良态的，因此任何数学上"
     "正确的方法（求逆、solve、lstsq、循环、einsum）都能通过。"),
    ("\"Stable\" means: a finite, correct output over the stated input range, where the naive formula "
     "overflows or returns NaN. NumPy warnings (an overflow in `exp` while the result is finite and correct) "
     "are not failures: only the returned values count.",
     "「数值稳定」指：在给定的输入范围内输出有限且正确，而朴素公式会溢出或得到 NaN。NumPy 警告（例如 `exp` "
     "溢出但结果有限且正确）不算失败：只看返回值。"),
    ("Integer results (labels, sizes, indices) must have an integer type.",
     "整数结果（标签、尺寸、索引）必须是整数类型。"),
)

DEFAULT_TOLERANCE: tuple[str, str] = (
    "`rtol=1e-6, atol=1e-8` against the reference (the default).",
    "与参考实现相比 `rtol=1e-6, atol=1e-8`（默认值）。",
)

_LOGITS_100 = ("stable for `|logits| <= 100`.", "`|logits| <= 100` 时数值稳定。")
_LOGITS_1E4 = ("stable for `|logits| <= 1e4`.", "`|logits| <= 1e4` 时数值稳定。")
_HEAVY_DECIDES = ("not compared with a reference output: the heavy check decides.",
                  "不与参考输出比较：由重型检查决定。")
_POOL_SHAPES = ("x `(N, C, H, W)`; `stride` defaults to `k`; no padding; floor mode.",
                "x 为 `(N, C, H, W)`；`stride` 默认等于 `k`；不填充；向下取整（floor 模式）。")

ENTRIES: tuple[dict, ...] = (
    # ---- Chapter 1: optimization and linear models ----
    dict(name="normal_equation", chapter=1, framework="numpy", call="(X, y)", returns="w",
         shapes=("X `(n, d)` with full column rank and `n >= d`; y `(n,)` gives w `(d,)`, and y `(n, k)` (one column "
                 "per class: one-hot regression) gives w `(d, k)`.",
                 "X 为 `(n, d)`，列满秩且 `n >= d`；y 为 `(n,)` 时 w 为 `(d,)`，y 为 `(n, k)`（每类一列，即 one-hot "
                 "回归）时 w 为 `(d, k)`。"),
         meaning=("The least-squares solution `argmin_w ||y - X w||^2`. No bias column is added.",
                  "最小二乘解 `argmin_w ||y - X w||^2`。不添加偏置列。")),
    dict(name="ridge_regression", chapter=1, framework="numpy", call="(X, y, lam)", returns="w",
         shapes=("y `(n,)` or `(n, k)`, as in `normal_equation`; `lam >= 0`.",
                 "y 为 `(n,)` 或 `(n, k)`，同 `normal_equation`；`lam >= 0`。"),
         meaning=("`(X^T X + lam I)^{-1} X^T y`: every weight is penalised.",
                  "`(X^T X + lam I)^{-1} X^T y`：每个权重都受惩罚。")),
    dict(name="polynomial_features", chapter=1, framework="numpy", call="(P)", returns="Phi",
         shapes=("P `(n, 2)` with columns x, y; Phi `(n, 6)`.", "P 为 `(n, 2)`，两列分别是 x、y；Phi 为 `(n, 6)`。"),
         meaning=("The columns `[x^2, x*y, y^2, x, y, 1]`, in exactly this order.",
                  "各列依次为 `[x^2, x*y, y^2, x, y, 1]`，顺序不能变。")),
    dict(name="momentum_step", chapter=1, framework="numpy", call="(w, v, grad, lr, rho)", returns="(w_new, v_new)",
         meaning=("`v_new = rho*v + grad`, then `w_new = w - lr*v_new`.",
                  "`v_new = rho*v + grad`，然后 `w_new = w - lr*v_new`。")),
    dict(name="knn_predict", chapter=1, framework="numpy", call="(X_train, y_train, X_test, k)", returns="labels",
         shapes=("n training points, m test points; training labels are non-negative integers; `1 <= k <= n`; "
                 "labels come back as an integer array `(m,)`.",
                 "n 个训练点、m 个测试点；训练标签是非负整数；`1 <= k <= n`；返回整数数组 `(m,)`。"),
         meaning=("Euclidean distance; a majority vote among the k nearest training points. Equal distances: the "
                  "lower training index comes first. Tied votes: the smallest label wins.",
                  "欧氏距离；在最近的 k 个训练点中多数投票。距离相同时训练索引小的在前；票数相同时取最小的标签。")),
    dict(name="softmax", chapter=1, framework="numpy", call="(z, axis=-1)", returns="p",
         meaning=("The softmax of z along `axis`.", "沿 `axis` 计算 z 的 softmax。"),
         required=("stable for `|z| <= 1e4`.", "`|z| <= 1e4` 时数值稳定。")),
    dict(name="cross_entropy", chapter=1, framework="numpy", call="(logits, labels)", returns="float",
         shapes=("logits `(n, C)`, labels integers `(n,)`.", "logits 为 `(n, C)`，labels 为整数 `(n,)`。"),
         meaning=("The mean over the batch of `-log softmax(logits)[label]`.",
                  "`-log softmax(logits)[label]` 在 batch 上的平均值。"),
         required=_LOGITS_1E4),

    # ---- Chapter 2: SGD, MLPs and backprop blocks ----
    dict(name="sigmoid", chapter=2, framework="numpy", call="(x)", returns="s",
         meaning=("`1/(1+e^{-x})`.", "`1/(1+e^{-x})`。"),
         required=("finite for `|x| <= 1e3`.", "`|x| <= 1e3` 时结果有限。")),
    dict(name="sigmoid_backward", chapter=2, framework="numpy", call="(x, dout)", returns="dx",
         meaning=("`dout * s * (1 - s)` with `s = sigmoid(x)`.", "`dout * s * (1 - s)`，其中 `s = sigmoid(x)`。")),
    dict(name="relu_backward", chapter=2, framework="numpy", call="(x, dout)", returns="dx",
         meaning=("`dout * (x > 0)`: the gradient at `x == 0` is 0.", "`dout * (x > 0)`：`x == 0` 处的梯度为 0。")),
    dict(name="tanh_backward", chapter=2, framework="numpy", call="(x, dout)", returns="dx",
         meaning=("`dout * (1 - tanh(x)^2)`.", "`dout * (1 - tanh(x)^2)`。")),
    dict(name="add_backward", chapter=2, framework="numpy", call="(dz)", returns="(dx, dy)",
         meaning=("The backward pass of the gate `z = x + y`.", "加法门 `z = x + y` 的反向传播。")),
    dict(name="mul_backward", chapter=2, framework="numpy", call="(x, y, dz)", returns="(dx, dy)",
         meaning=("The backward pass of the elementwise gate `z = x * y`.", "逐元素乘法门 `z = x * y` 的反向传播。")),
    dict(name="linear_forward", chapter=2, framework="numpy", call="(x, W, b)", returns="out",
         shapes=("x `(n, d)`, W `(m, d)`, b `(m,)`.", "x 为 `(n, d)`，W 为 `(m, d)`，b 为 `(m,)`。"),
         meaning=("`x @ W.T + b`.", "`x @ W.T + b`。")),
    dict(name="linear_backward", chapter=2, framework="numpy", call="(x, W, b, dout)", returns="(dx, dW, db)",
         shapes=("dout `(n, m)`; x, W, b as in `linear_forward`.", "dout 为 `(n, m)`；x、W、b 同 `linear_forward`。"),
         meaning=("The gradients of `linear_forward`.", "`linear_forward` 的梯度。")),
    dict(name="mlp_forward", chapter=2, framework="numpy", call="(x, W1, b1, W2, b2)", returns="y",
         meaning=("`h = sigmoid(x @ W1.T + b1)`, `y = sigmoid(h @ W2.T + b2)`.",
                  "`h = sigmoid(x @ W1.T + b1)`，`y = sigmoid(h @ W2.T + b2)`。")),
    dict(name="mlp_backward", chapter=2, framework="numpy", call="(x, t, W1, b1, W2, b2)",
         returns="(dW1, db1, dW2, db2)",
         shapes=("t has y's shape `(n, o)`.", "t 与 y 同形，为 `(n, o)`。"),
         meaning=("The gradients of `L = 0.5 * sum((y - t)^2) / n` for `mlp_forward`: the sum runs over all n*o "
                  "entries and is divided by n only.",
                  "`mlp_forward` 在损失 `L = 0.5 * sum((y - t)^2) / n` 下的梯度：对全部 n*o 个元素求和，只除以 n。")),
    dict(name="xor_network", chapter=2, framework="numpy", call="()", returns="(W1, b1, W2, b2)",
         meaning=("The weights of a 2-2-1 `mlp_forward` network for which `mlp_forward(X, ...) > 0.5` equals XOR on "
                  "the four points.",
                  "一个 2-2-1 的 `mlp_forward` 网络的权重，使 `mlp_forward(X, ...) > 0.5` 在四个点上恰好等于 XOR。"),
         tolerance=("not compared with reference weights: any weights with this property pass.",
                    "不与参考权重比较：满足这一性质的任何权重都通过。")),
    dict(name="sinusoidal_positional_encoding", chapter=2, framework="numpy", call="(n_pos, d_model)", returns="PE",
         shapes=("d_model even; PE `(n_pos, d_model)`.", "d_model 为偶数；PE 为 `(n_pos, d_model)`。"),
         meaning=("`PE[p, 2i] = sin(p / 10000^(2i/d_model))` and `PE[p, 2i+1] = cos(p / 10000^(2i/d_model))`.",
                  "`PE[p, 2i] = sin(p / 10000^(2i/d_model))`，`PE[p, 2i+1] = cos(p / 10000^(2i/d_model))`。")),
    dict(name="fourier_features", chapter=2, framework="numpy", call="(p, L)", returns="gamma",
         shapes=("p `(..., D)`; gamma `(..., D*2L)`.", "p 为 `(..., D)`；gamma 为 `(..., D*2L)`。"),
         meaning=("For each coordinate p_j, in order: `[sin(2^0 pi p_j), cos(2^0 pi p_j), ..., sin(2^{L-1} pi p_j), "
                  "cos(2^{L-1} pi p_j)]`.",
                  "按坐标顺序，对每个 p_j 依次给出 `[sin(2^0 pi p_j), cos(2^0 pi p_j), ..., sin(2^{L-1} pi p_j), "
                  "cos(2^{L-1} pi p_j)]`。")),

    # ---- Chapter 3: images, convolution and CNNs ----
    dict(name="conv_output_size", chapter=3, framework="numpy", call="(I, K, P=0, S=1, D=1)", returns="int",
         meaning=("`floor((I + 2P - D(K-1) - 1)/S) + 1`.", "`floor((I + 2P - D(K-1) - 1)/S) + 1`。"),
         required=("raises `ValueError` when I, K, S or D is < 1, when P < 0, or when the result would be < 1.",
                   "当 I、K、S 或 D < 1，P < 0，或结果会 < 1 时抛出 `ValueError`。")),
    dict(name="conv2d", chapter=3, framework="numpy", call="(x, w, b=None, stride=1, padding=0)", returns="out",
         shapes=("x `(N, C, H, W)`, w `(F, C, KH, KW)`, b `(F,)` or None.",
                 "x 为 `(N, C, H, W)`，w 为 `(F, C, KH, KW)`，b 为 `(F,)` 或 None。"),
         meaning=("Cross-correlation with zero padding, as `torch.nn.functional.conv2d` computes it.",
                  "零填充的互相关，与 `torch.nn.functional.conv2d` 的计算相同。")),
    dict(name="max_pool2d", chapter=3, framework="numpy", call="(x, k, stride=None)", returns="out",
         shapes=_POOL_SHAPES,
         meaning=("The maximum over each `k x k` window.", "每个 `k x k` 窗口内的最大值。")),
    dict(name="avg_pool2d", chapter=3, framework="numpy", call="(x, k, stride=None)", returns="out",
         shapes=_POOL_SHAPES,
         meaning=("The mean over each `k x k` window.", "每个 `k x k` 窗口内的平均值。")),
    dict(name="gaussian_kernel", chapter=3, framework="numpy", call="(size, sigma)", returns="k",
         shapes=("size odd; k `(size, size)`.", "size 为奇数；k 为 `(size, size)`。"),
         meaning=("`k[i,j] ∝ exp(-((i-c)^2 + (j-c)^2) / (2 sigma^2))` with `c = size//2`, normalised to sum 1.",
                  "`k[i,j] ∝ exp(-((i-c)^2 + (j-c)^2) / (2 sigma^2))`，其中 `c = size//2`，归一化使总和为 1。")),
    dict(name="filter2d", chapter=3, framework="numpy", call='(img, kernel, border="reflect")', returns="out",
         shapes=("img `(H, W)`; kernel `(kh, kw)` with kh and kw odd (not necessarily equal); out `(H, W)`.",
                 "img 为 `(H, W)`；kernel 为 `(kh, kw)`，kh 和 kw 都是奇数（不必相等）；out 为 `(H, W)`。"),
         meaning=("Correlation (the kernel is not flipped) of the padded image. The padding is exactly "
                  "`numpy.pad(img, ((kh//2,)*2, (kw//2,)*2), mode=border)`, also when the image is smaller than the "
                  "kernel: \"constant\" (zeros), \"edge\", \"reflect\" (dcb|abcd), \"symmetric\" (dcba|abcd).",
                  "对填充后的图像做相关运算（卷积核不翻转）。填充方式恰好是 "
                  "`numpy.pad(img, ((kh//2,)*2, (kw//2,)*2), mode=border)`，图像比卷积核小时也一样："
                  "\"constant\"（补零）、\"edge\"、\"reflect\"（dcb|abcd）、\"symmetric\"（dcba|abcd）。")),
    dict(name="sobel", chapter=3, framework="numpy", call="(img)", returns="(gx, gy)",
         meaning=("Correlation with `[[-1,0,1],[-2,0,2],[-1,0,1]]` for gx and with its transpose for gy, border "
                  "\"edge\".",
                  "gx 是与 `[[-1,0,1],[-2,0,2],[-1,0,1]]` 的相关，gy 是与它的转置的相关，边界方式 \"edge\"。")),
    dict(name="gaussian_pyramid", chapter=3, framework="numpy", call="(img, levels)", returns="list",
         meaning=("Level 0 is img; each next level is `filter2d(prev, gaussian_kernel(5, 1.0), \"reflect\")[::2, ::2]`; "
                  "`levels` arrays in all.",
                  "第 0 层就是 img；下一层为 `filter2d(prev, gaussian_kernel(5, 1.0), \"reflect\")[::2, ::2]`；"
                  "共 `levels` 个数组。")),
    dict(name="laplacian_pyramid", chapter=3, framework="numpy", call="(img, levels)", returns="list",
         meaning=("With G the Gaussian pyramid: `L_i = G_i - expand(G_{i+1})` for `i < levels-1`, and "
                  "`L_last = G_last`. expand may be any linear upsampling to `G_i`'s shape that keeps the mean "
                  "intensity within 10%: nearest-neighbour repetition, bilinear interpolation and the classic "
                  "Gaussian expand (insert zeros, then `filter2d` with `4*gaussian_kernel(5, 1.0)`, \"reflect\") all "
                  "qualify.",
                  "设 G 为高斯金字塔：`i < levels-1` 时 `L_i = G_i - expand(G_{i+1})`，最后一层 `L_last = G_last`。"
                  "expand 可以是任何上采样到 `G_i` 形状、且平均亮度变化不超过 10% 的线性上采样：最近邻复制、双线性插值，"
                  "以及经典的高斯 expand（先插零，再用 `4*gaussian_kernel(5, 1.0)` 做 `filter2d`，\"reflect\"）都符合。")),
    dict(name="reconstruct_laplacian", chapter=3, framework="numpy", call="(pyr)", returns="img",
         meaning=("The inverse of the same file's `laplacian_pyramid`.", "同一文件中 `laplacian_pyramid` 的逆运算。"),
         tolerance=("gives img back within 1e-10.", "还原出的 img 误差在 1e-10 以内。")),
    dict(name="pca", chapter=3, framework="numpy", call="(X, k)", returns="(Z, components, mean)",
         shapes=("X `(n, d)` with distinct variances, `1 <= k <= min(n-1, d)`; mean `(d,)`; components `(k, d)`.",
                 "X 为 `(n, d)`，各方差互不相同，`1 <= k <= min(n-1, d)`；mean 为 `(d,)`；components 为 `(k, d)`。"),
         meaning=("The components are orthonormal rows, by decreasing variance; `Z = (X - mean) @ components.T`.",
                  "components 的各行标准正交，按方差从大到小排列；`Z = (X - mean) @ components.T`。"),
         tolerance=("either sign of each component is accepted.", "每个主成分取正负号均可。")),
    dict(name="residual_block", chapter=3, framework="torch", call="(x, w1, b1, w2, b2)", returns="y",
         meaning=("`relu(x + conv(relu(conv(x, w1, b1, pad=1)), w2, b2, pad=1))` with 3x3 kernels.",
                  "`relu(x + conv(relu(conv(x, w1, b1, pad=1)), w2, b2, pad=1))`，卷积核为 3x3。"),
         required=("differentiable with respect to all five inputs.", "对全部五个输入可微。")),
    dict(name="UNet", chapter=3, framework="torch", call="(in_ch, out_ch)", interface=None,
         shapes=("x `(N, in_ch, H, W)` float32 -> logits `(N, out_ch, H, W)` (no final sigmoid); for H and W "
                 "multiples of 8, the output has the input's spatial size.",
                 "x 为 `(N, in_ch, H, W)` 的 float32，输出 logits `(N, out_ch, H, W)`（末尾不加 sigmoid）；"
                 "H 和 W 是 8 的倍数时，输出的空间尺寸与输入相同。"),
         meaning=("A U-Net, as a `torch.nn.Module` class.", "一个 U-Net，写成 `torch.nn.Module` 类。"),
         tolerance=("not compared with a reference output: the output size and the heavy check decide.",
                    "不与参考输出比较：由输出尺寸和重型检查决定。"),
         heavy=("learns a synthetic segmentation task: the grader trains `UNet(1, 1)` with its own Adam loop and "
                "per-pixel binary cross-entropy on the logits, 200 steps of 16 noisy 32x32 images of discs and squares "
                "(the CPU budget, used on a GPU too until one is calibrated), then needs IoU >= 0.84 of `logit > 0` "
                "with the true masks on 64 held-out images.",
                "学会一个合成的分割任务：评分器用自己的 Adam 训练循环和作用在 logits 上的逐像素二元交叉熵训练 "
                "`UNet(1, 1)`，200 步、每步 16 张带噪声的 32x32 圆盘和正方形图像（CPU 预算；在 GPU 上校准之前 GPU "
                "也用它），然后在 64 张留出图像上要求 `logit > 0` 与真实掩码的 IoU >= 0.84。")),

    # ---- Chapter 4: understanding CNNs ----
    dict(name="saliency_map", chapter=4, framework="torch", call="(model, x, target)", returns="(H,W)",
         shapes=("x `(1, C, H, W)`; the model returns logits `(1, classes)`.",
                 "x 为 `(1, C, H, W)`；model 返回 logits `(1, classes)`。"),
         meaning=("`max_c |d score_target / d x|`.", "`max_c |d score_target / d x|`。")),
    dict(name="class_activation_map", chapter=4, framework="numpy", call="(features, fc_weight, cls)",
         returns="(H,W)",
         shapes=("features `(K, H, W)`, fc_weight `(classes, K)`.", "features 为 `(K, H, W)`，fc_weight 为 `(classes, K)`。"),
         meaning=("`sum_k w[cls,k] f_k`.", "`sum_k w[cls,k] f_k`。")),
    dict(name="grad_cam", chapter=4, framework="numpy", call="(activations, gradients)", returns="(H,W)",
         meaning=("`alpha_k = mean_{h,w} gradients[k]`, then `relu(sum_k alpha_k A_k)`; no normalisation.",
                  "`alpha_k = mean_{h,w} gradients[k]`，再求 `relu(sum_k alpha_k A_k)`；不做归一化。")),
    dict(name="guided_relu_backward", chapter=4, framework="numpy", call="(x, dout)", returns="dx",
         meaning=("`dout * (x > 0) * (dout > 0)`.", "`dout * (x > 0) * (dout > 0)`。")),

    # ---- Chapter 5: adversarial examples, features, style and image quality ----
    dict(name="fgsm", chapter=5, framework="torch", call="(model, x, y, eps)", returns="x_adv",
         meaning=("`clip(x + eps * sign(grad_x CE(model(x), y)), 0, 1)`.",
                  "`clip(x + eps * sign(grad_x CE(model(x), y)), 0, 1)`。")),
    dict(name="pgd", chapter=5, framework="torch", call="(model, x, y, eps, alpha, steps)", returns="x_adv",
         shapes=("x in [0, 1].", "x 取值在 [0, 1]。"),
         meaning=("No random start. Each step ascends the cross-entropy by `alpha*sign(grad)`, projects onto the "
                  "L-infinity eps-ball around the original x, then clips to [0, 1].",
                  "不做随机初始化。每一步沿交叉熵梯度符号上升 `alpha*sign(grad)`，投影回以原始 x 为中心的 L-infinity "
                  "eps 球，再裁剪到 [0, 1]。")),
    dict(name="gram_matrix", chapter=5, framework="numpy", call="(F, normalize=False)", returns="G",
         shapes=("F `(N, C, H, W)`; G `(N, C, C)`.", "F 为 `(N, C, H, W)`；G 为 `(N, C, C)`。"),
         meaning=("`G_ij = sum_k F_ik F_jk` over the H*W positions k; divided by H*W when `normalize`.",
                  "`G_ij = sum_k F_ik F_jk`，k 遍历 H*W 个位置；`normalize` 为真时再除以 H*W。")),
    dict(name="style_layer_loss", chapter=5, framework="numpy", call="(F, F_target)", returns="float",
         shapes=("F, F_target `(N, C, H, W)`.", "F、F_target 为 `(N, C, H, W)`。"),
         meaning=("`1/(4 C^2 (HW)^2) * sum (G - G_target)^2` with unnormalised Gram matrices (Gatys et al.); the sum "
                  "runs over the batch too.",
                  "`1/(4 C^2 (HW)^2) * sum (G - G_target)^2`，使用未归一化的 Gram 矩阵（Gatys 等人）；求和也遍历 batch。")),
    dict(name="content_loss", chapter=5, framework="numpy", call="(F, F_target)", returns="float",
         meaning=("`0.5 * sum (F - F_target)^2`.", "`0.5 * sum (F - F_target)^2`。")),
    dict(name="psnr", chapter=5, framework="numpy", call="(x, y, data_range=1.0)", returns="float",
         meaning=("`10 log10(R^2 / MSE)` with R the data range; `inf` when x equals y.",
                  "`10 log10(R^2 / MSE)`，R 为 data_range；x 与 y 相等时为 `inf`。")),
    dict(name="ssim_global", chapter=5, framework="numpy", call="(x, y, data_range=1.0)", returns="float",
         meaning=("SSIM with one window covering the whole image; population statistics; `C1=(0.01R)^2`, "
                  "`C2=(0.03R)^2`, `C3=C2/2`; all exponents 1.",
                  "用一个覆盖整幅图像的窗口计算 SSIM；总体统计量；`C1=(0.01R)^2`、`C2=(0.03R)^2`、`C3=C2/2`；"
                  "各指数均为 1。")),
    dict(name="ssim", chapter=5, framework="numpy", call="(x, y, data_range=1.0)", returns="float",
         meaning=("Mean SSIM with an 11x11 Gaussian window of sigma 1.5, population statistics, borders cropped: for "
                  "2-D images the same number as `skimage.metrics.structural_similarity(x, y, data_range=R, "
                  "gaussian_weights=True, sigma=1.5, use_sample_covariance=False)`.",
                  "平均 SSIM：11x11 高斯窗口，sigma 1.5，总体统计量，裁掉边界；对二维图像，结果与 "
                  "`skimage.metrics.structural_similarity(x, y, data_range=R, gaussian_weights=True, sigma=1.5, "
                  "use_sample_covariance=False)` 相同。")),
    dict(name="lpips_from_features", chapter=5, framework="numpy", call="(feats_x, feats_y, weights)",
         returns="float",
         shapes=("lists of features `(C_l, H_l, W_l)` and of non-negative weights `(C_l,)`.",
                 "特征 `(C_l, H_l, W_l)` 的列表，以及非负权重 `(C_l,)` 的列表。"),
         meaning=("Each feature vector (over the channels, at each position) is divided by its L2 norm plus 1e-10; "
                  "then `sum_l mean_{h,w} sum_c w_l[c] (a - b)^2`.",
                  "每个特征向量（在每个位置上跨通道）除以它的 L2 范数加 1e-10；然后求 "
                  "`sum_l mean_{h,w} sum_c w_l[c] (a - b)^2`。")),

    # ---- Chapter 6: sequence learning and attention ----
    dict(name="rnn_step", chapter=6, framework="numpy", call="(x_t, h_prev, W_xh, W_hh, b_h)", returns="h_t",
         meaning=("`tanh(x_t @ W_xh.T + h_prev @ W_hh.T + b_h)`.", "`tanh(x_t @ W_xh.T + h_prev @ W_hh.T + b_h)`。")),
    dict(name="lstm_step", chapter=6, framework="numpy", call="(x_t, h_prev, c_prev, W, b)", returns="(h, c)",
         shapes=("W `(4H, H+d)`.", "W 为 `(4H, H+d)`。"),
         meaning=("`z = concat([h_prev, x_t], -1) @ W.T + b`, split into `[i, f, o, g]` in this order; "
                  "`c = sigmoid(f)*c_prev + sigmoid(i)*tanh(g)`, `h = sigmoid(o)*tanh(c)`.",
                  "`z = concat([h_prev, x_t], -1) @ W.T + b`，按 `[i, f, o, g]` 的顺序切分；"
                  "`c = sigmoid(f)*c_prev + sigmoid(i)*tanh(g)`，`h = sigmoid(o)*tanh(c)`。")),
    dict(name="scaled_dot_product_attention", chapter=6, framework="numpy", call="(Q, K, V, mask=None)",
         returns="(out, weights)",
         shapes=("Q `(..., Lq, d)`, K `(..., Lk, d)`, V `(..., Lk, dv)`; mask boolean, broadcastable to "
                 "`(..., Lq, Lk)`.",
                 "Q 为 `(..., Lq, d)`，K 为 `(..., Lk, d)`，V 为 `(..., Lk, dv)`；mask 为布尔数组，可广播到 "
                 "`(..., Lq, Lk)`。"),
         meaning=("`weights = softmax(Q K^T / sqrt(d))` over the keys, `out = weights V`. In the mask, True means "
                  "may attend; every query has at least one allowed key.",
                  "`weights = softmax(Q K^T / sqrt(d))`，在 key 维上归一化，`out = weights V`。mask 中 True 表示"
                  "「可以关注」；每个 query 至少有一个允许的 key。"),
         required=("stable for scores up to 1e4 in magnitude.", "分数的绝对值高达 1e4 时仍数值稳定。")),
    dict(name="causal_mask", chapter=6, framework="numpy", call="(n)", returns="(n,n) bool",
         meaning=("True on and below the diagonal.", "对角线及其下方为 True。")),
    dict(name="multi_head_attention", chapter=6, framework="numpy",
         call="(x_q, x_kv, W_q, W_k, W_v, W_o, num_heads, mask=None)", returns="out",
         shapes=("x `(..., L, d_model)`; W_q, W_k, W_v `(d_model, d_model)`, no bias.",
                 "x 为 `(..., L, d_model)`；W_q、W_k、W_v 为 `(d_model, d_model)`，没有偏置。"),
         meaning=("`Q = x_q @ W_q`, `K = x_kv @ W_k`, `V = x_kv @ W_v`; head h uses the columns `h*d_k:(h+1)*d_k`; "
                  "each head is a `scaled_dot_product_attention`; `out = concat(heads) @ W_o`.",
                  "`Q = x_q @ W_q`，`K = x_kv @ W_k`，`V = x_kv @ W_v`；第 h 个头使用第 `h*d_k:(h+1)*d_k` 列；"
                  "每个头做一次 `scaled_dot_product_attention`；`out = concat(heads) @ W_o`。")),
    dict(name="additive_attention", chapter=6, framework="numpy", call="(s_prev, H, W_s, W_h, v)",
         returns="(context, weights)",
         shapes=("H `(T, d_h)`.", "H 为 `(T, d_h)`。"),
         meaning=("`e_i = v . tanh(W_s s_prev + W_h h_i)`, `weights = softmax(e)`, `context = sum_i weights_i h_i`.",
                  "`e_i = v . tanh(W_s s_prev + W_h h_i)`，`weights = softmax(e)`，`context = sum_i weights_i h_i`。")),
    dict(name="layer_norm", chapter=6, framework="numpy", call="(x, gamma, beta, eps=1e-5)", returns="y",
         meaning=("Over the last axis, with the biased variance: `(x - mu) / sqrt(var + eps) * gamma + beta`.",
                  "在最后一个轴上归一化，用有偏方差：`(x - mu) / sqrt(var + eps) * gamma + beta`。")),
    dict(name="transformer_encoder_block", chapter=6, framework="numpy", call="(x, params, num_heads)", returns="y",
         shapes=("x `(L, d)` or `(B, L, d)`; params has the keys "
                 "`W_q W_k W_v W_o ln1_gamma ln1_beta ln2_gamma ln2_beta W1 b1 W2 b2`.",
                 "x 为 `(L, d)` 或 `(B, L, d)`；params 的键为 "
                 "`W_q W_k W_v W_o ln1_gamma ln1_beta ln2_gamma ln2_beta W1 b1 W2 b2`。"),
         meaning=("Pre-LN: `y1 = x + MHA(LN1(x))` (self-attention with the `multi_head_attention` conventions, no "
                  "mask), `y = y1 + FFN(LN2(y1))` with `FFN(z) = relu(z @ W1.T + b1) @ W2.T + b2`; both layer norms "
                  "as `layer_norm` with eps 1e-5.",
                  "Pre-LN 结构：`y1 = x + MHA(LN1(x))`（自注意力，遵循 `multi_head_attention` 的约定，不加 mask），"
                  "`y = y1 + FFN(LN2(y1))`，其中 `FFN(z) = relu(z @ W1.T + b1) @ W2.T + b2`；两个层归一化都按 "
                  "`layer_norm` 计算，eps 为 1e-5。")),

    # ---- Chapter 7: generative models ----
    dict(name="reparameterize", chapter=7, framework="numpy", call="(mu, logvar, eps)", returns="z",
         meaning=("`mu + exp(0.5*logvar) * eps`.", "`mu + exp(0.5*logvar) * eps`。")),
    dict(name="kl_standard_normal", chapter=7, framework="numpy", call="(mu, logvar)", returns="kl",
         shapes=("kl `(n,)`.", "kl 为 `(n,)`。"),
         meaning=("Per sample, `KL(N(mu, diag exp(logvar)) || N(0, I))` summed over the latent dimensions.",
                  "每个样本的 `KL(N(mu, diag exp(logvar)) || N(0, I))`，在潜变量维度上求和。")),
    dict(name="negative_elbo", chapter=7, framework="numpy", call="(x, x_logits, mu, logvar)", returns="float",
         meaning=("A Bernoulli likelihood on logits: `BCE_with_logits(x_logits, x)` summed over the data dimensions, "
                  "plus `kl_standard_normal`; the mean over the batch.",
                  "基于 logits 的伯努利似然：`BCE_with_logits(x_logits, x)` 在数据维度上求和，加上 "
                  "`kl_standard_normal`；再对 batch 取平均。"),
         required=_LOGITS_100),
    dict(name="gan_discriminator_loss", chapter=7, framework="numpy", call="(real_logits, fake_logits)",
         returns="float",
         meaning=("`mean BCE(real, 1) + mean BCE(fake, 0)`, on logits.", "`mean BCE(real, 1) + mean BCE(fake, 0)`，基于 logits。"),
         required=_LOGITS_100),
    dict(name="gan_generator_loss", chapter=7, framework="numpy", call="(fake_logits)", returns="float",
         meaning=("The non-saturating loss `mean BCE(fake, 1)`, on logits.", "非饱和损失 `mean BCE(fake, 1)`，基于 logits。"),
         required=_LOGITS_100),
    dict(name="pixelcnn_mask", chapter=7, framework="numpy", call="(kernel_size, mask_type)", returns="(k,k)",
         meaning=("Ones above the centre row, and left of the centre within the centre row; mask type \"B\" also "
                  "includes the centre, \"A\" does not.",
                  "中心行以上为 1，中心行内中心左侧为 1；\"B\" 型还包括中心本身，\"A\" 型不包括。")),
    dict(name="autoregressive_nll", chapter=7, framework="numpy", call="(logits, x)", returns="float",
         shapes=("logits `(T, V)`, x integers `(T,)`.", "logits 为 `(T, V)`，x 为整数 `(T,)`。"),
         meaning=("`sum_t -log softmax(logits_t)[x_t]`.", "`sum_t -log softmax(logits_t)[x_t]`。"),
         required=_LOGITS_1E4),
    dict(name="VAE", chapter=7, framework="torch", call="(data_dim, latent_dim)",
         interface="encode(x) -> (mu, logvar); decode(z) -> logits",
         shapes=("x `(n, data_dim)` float32 in {0, 1}; mu and logvar `(n, latent_dim)`, logvar = log σ² (not σ); "
                 "decode returns logits `(n, data_dim)` (no sigmoid).",
                 "x 为 `(n, data_dim)` 的 float32，取值 {0, 1}；mu 和 logvar 为 `(n, latent_dim)`，logvar = log σ²"
                 "（不是 σ）；decode 返回 logits `(n, data_dim)`（不加 sigmoid）。"),
         meaning=("A variational autoencoder, as a `torch.nn.Module` class.", "一个变分自编码器，写成 `torch.nn.Module` 类。"),
         tolerance=_HEAVY_DECIDES,
         heavy=("trains on a synthetic binary data set and reaches a stated negative ELBO: the grader trains "
                "`VAE(64, 2)` on the negative ELBO (`z = mu + exp(0.5*logvar) * eps`), 1000 Adam steps of 64 "
                "8x8 binary patterns (the CPU budget, used on a GPU too until one is calibrated); on 512 held-out "
                "patterns the negative ELBO must be <= 20 nats per example and `decode(mu)` must get >= 90% of the "
                "pixels right.",
                "在一个合成的二值数据集上训练，达到规定的负 ELBO：评分器用负 ELBO（`z = mu + exp(0.5*logvar) * eps`）"
                "训练 `VAE(64, 2)`，Adam 1000 步、每步 64 个 8x8 二值图案（CPU 预算；在 GPU 上校准之前 GPU 也用它）；"
                "在 512 个留出样本上，每个样本的负 ELBO 必须 <= 20 nats，`decode(mu)` 必须还原 >= 90% 的像素。")),

    # ---- Chapter 8: diffusion models ----
    dict(name="linear_beta_schedule", chapter=8, framework="numpy", call="(T, beta_1=1e-4, beta_T=0.02)",
         returns="betas",
         shapes=("betas `(T,)`.", "betas 为 `(T,)`。"),
         meaning=("Evenly spaced from beta_1 to beta_T, both ends included.", "从 beta_1 到 beta_T 均匀分布，包含两端。")),
    dict(name="alpha_bar", chapter=8, framework="numpy", call="(betas)", returns="ab",
         meaning=("The cumulative product of `1 - betas`.", "`1 - betas` 的累积乘积。")),
    dict(name="q_sample", chapter=8, framework="numpy", call="(x0, t, noise, alpha_bar)", returns="x_t",
         shapes=("t integers `(n,)`, broadcast over x0's trailing axes.", "t 为整数 `(n,)`，在 x0 的后续各轴上广播。"),
         meaning=("`sqrt(ab[t]) x0 + sqrt(1 - ab[t]) noise`.", "`sqrt(ab[t]) x0 + sqrt(1 - ab[t]) noise`。")),
    dict(name="x0_from_eps", chapter=8, framework="numpy", call="(x_t, t, eps, alpha_bar)", returns="x0",
         meaning=("The inverse of `q_sample`.", "`q_sample` 的逆运算。")),
    dict(name="ddpm_simple_loss", chapter=8, framework="numpy", call="(eps_model, x0, t, noise, alpha_bar)",
         returns="float",
         meaning=("`mean((eps_model(x_t, t) - noise)^2)` with `x_t = q_sample(...)`; eps_model is a callable the "
                  "grader supplies.",
                  "`mean((eps_model(x_t, t) - noise)^2)`，其中 `x_t = q_sample(...)`；eps_model 是评分器提供的可调用对象。")),
    dict(name="ddpm_reverse_step", chapter=8, framework="numpy", call="(x_t, t, eps_pred, betas, alpha_bar, z)",
         returns="x_prev",
         shapes=("t is an int.", "t 是一个 int。"),
         meaning=("`mu = (x_t - betas[t]/sqrt(1 - ab[t]) * eps_pred) / sqrt(1 - betas[t])`; "
                  "`x_prev = mu + sqrt(betas[t]) * z` for `t > 0`, and `mu` for `t == 0`.",
                  "`mu = (x_t - betas[t]/sqrt(1 - ab[t]) * eps_pred) / sqrt(1 - betas[t])`；"
                  "`t > 0` 时 `x_prev = mu + sqrt(betas[t]) * z`，`t == 0` 时为 `mu`。")),
    dict(name="cfg_combine", chapter=8, framework="numpy", call="(eps_uncond, eps_cond, w)", returns="eps",
         meaning=("`eps_uncond + w * (eps_cond - eps_uncond)`.", "`eps_uncond + w * (eps_cond - eps_uncond)`。")),
    dict(name="timestep_embedding", chapter=8, framework="numpy", call="(t, dim, max_period=10000)", returns="emb",
         shapes=("t `(n,)`; dim even.", "t 为 `(n,)`；dim 为偶数。"),
         meaning=("`half = dim//2`, `freqs = exp(-ln(max_period) * arange(half)/half)`, `args = t[:,None]*freqs`, "
                  "`emb = concat([cos(args), sin(args)], -1)`.",
                  "`half = dim//2`，`freqs = exp(-ln(max_period) * arange(half)/half)`，`args = t[:,None]*freqs`，"
                  "`emb = concat([cos(args), sin(args)], -1)`。")),
    dict(name="Denoiser", chapter=8, framework="torch", call="(data_dim)", interface="forward(x_t, t) -> eps",
         shapes=("x_t `(n, data_dim)` float32, t `(n,)` int64 steps 0..999 -> eps `(n, data_dim)`.",
                 "x_t 为 `(n, data_dim)` 的 float32，t 为 `(n,)` 的 int64 步数 0..999，输出 eps `(n, data_dim)`。"),
         meaning=("A noise-prediction network, as a `torch.nn.Module` class.", "一个预测噪声的网络，写成 `torch.nn.Module` 类。"),
         tolerance=_HEAVY_DECIDES,
         heavy=("trained with the DDPM loss on a 2-D mixture of Gaussians, its samples reach a stated distance to "
                "the data: the grader trains `Denoiser(2)` with `mean((eps_theta(x_t, t) - eps)^2)` on "
                "`linear_beta_schedule(1000)`, 2000 Adam steps of 512 points of 8 Gaussians (std 0.05) on the unit "
                "circle (the CPU budget, used on a GPU too until one is calibrated), draws 1000 samples with "
                "`ddpm_reverse_step`, and needs >= 70% of them within 0.2 of a mode and all 8 modes found.",
                "用 DDPM 损失在二维高斯混合分布上训练后，其采样结果与数据的距离达到规定值：评分器用 "
                "`mean((eps_theta(x_t, t) - eps)^2)` 在 `linear_beta_schedule(1000)` 上训练 `Denoiser(2)`，Adam 2000 "
                "步、每步 512 个点，数据是单位圆上 8 个高斯分量（标准差 0.05）（CPU 预算；在 GPU 上校准之前 GPU "
                "也用它），再用 `ddpm_reverse_step` 采样 1000 个点：至少 70% 落在某个分量中心 0.2 以内，且 8 个分量都被找到。")),

    # ---- Chapter 9: visual data, neural fields and the coursework ----
    dict(name="volume_render", chapter=9, framework="numpy", call="(sigma, rgb, deltas)", returns="(color, weights)",
         shapes=("sigma `(R, N)`, rgb `(R, N, 3)`, deltas `(R, N)`.",
                 "sigma 为 `(R, N)`，rgb 为 `(R, N, 3)`，deltas 为 `(R, N)`。"),
         meaning=("`T_i = exp(-sum_{j<i} sigma_j delta_j)`, `weights_i = T_i (1 - exp(-sigma_i delta_i))`, "
                  "`color = sum_i weights_i c_i`.",
                  "`T_i = exp(-sum_{j<i} sigma_j delta_j)`，`weights_i = T_i (1 - exp(-sigma_i delta_i))`，"
                  "`color = sum_i weights_i c_i`。")),
    dict(name="rgb_distance", chapter=9, framework="numpy", call="(a, b)", returns="float",
         meaning=("The mean squared difference.", "均方差。")),
    dict(name="color_histogram", chapter=9, framework="numpy", call="(img, bins)", returns="h",
         shapes=("img `(H, W, 3)` in [0, 1]; h `(3*bins,)`.", "img 为 `(H, W, 3)`，取值在 [0, 1]；h 为 `(3*bins,)`。"),
         meaning=("Per channel, the counts of `numpy.histogram(channel, bins=bins, range=(0, 1))` divided by H*W; "
                  "concatenated R, G, B.",
                  "对每个通道，`numpy.histogram(channel, bins=bins, range=(0, 1))` 的计数除以 H*W；按 R、G、B 顺序拼接。")),
    dict(name="histogram_distance", chapter=9, framework="numpy", call="(h1, h2)", returns="float",
         meaning=("The L1 distance.", "L1 距离。")),
    dict(name="retrieve", chapter=9, framework="numpy", call="(query, database, k)", returns="indices",
         meaning=("The rows of database by increasing L2 distance to query, ties by index; the first k.",
                  "按与 query 的 L2 距离从小到大排列 database 的行，距离相同按索引；取前 k 个。")),
    dict(name="fit_quadratic_surface", chapter=9, framework="numpy", call="(P, z)", returns="w",
         shapes=("w `(6,)`.", "w 为 `(6,)`。"),
         meaning=("The least-squares weights of `polynomial_features(P) @ w ≈ z` (the iris coursework).",
                  "`polynomial_features(P) @ w ≈ z` 的最小二乘权重（鸢尾花数据集的课程作业）。")),
    dict(name="ImplicitImage", chapter=9, framework="torch", call="(L)", interface=None,
         shapes=("maps `(n, 2)` coordinates in [0, 1] to `(n, 3)` colours.",
                 "把 [0, 1] 内的 `(n, 2)` 坐标映射为 `(n, 3)` 颜色。"),
         meaning=("An implicit image, as a `torch.nn.Module` class, using `fourier_features` of order L.",
                  "一个隐式图像网络，写成 `torch.nn.Module` 类，使用 L 阶的 `fourier_features`。"),
         tolerance=_HEAVY_DECIDES,
         heavy=("fits a synthetic 64x64 image to a stated PSNR: the grader fits `ImplicitImage(6)` with the mean "
                "squared colour error, 1000 full-batch Adam steps (the CPU budget, used on a GPU too until one is "
                "calibrated), to an image of plane waves of 4-16 cycles per unit and a hard-edged disc, and needs a "
                "PSNR >= 20 dB on the pixel grid.",
                "拟合一幅合成的 64x64 图像，达到规定的 PSNR：评分器用颜色的均方误差拟合 `ImplicitImage(6)`，Adam "
                "1000 步、全批量（CPU 预算；在 GPU 上校准之前 GPU 也用它），目标图像由 4-16 周期/单位的平面波和一个"
                "边缘锐利的圆盘组成，要求像素网格上的 PSNR >= 20 dB。")),
)
