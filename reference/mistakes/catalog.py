"""Known mistakes per contract function, with explanations that teach.

`MISTAKES[function]` lists dicts with keys "name" (short, shown in reports),
"impl" ("module:function" of the wrong implementation in this package),
"explain_en" and "explain_zh". The code tasks of the question bank are
generated from this table, and the grader names a mistake when a submission's
outputs match its implementation. Pure data: importing it imports nothing heavy.
"""

from __future__ import annotations

_M = "mlvc_reference.mistakes."


def _m(name: str, impl: str, en: str, zh: str) -> dict[str, str]:
    return {"name": name, "impl": _M + impl, "explain_en": en, "explain_zh": zh}

MISTAKES: dict[str, list[dict[str, str]]] = {
    # ----------------------------------------------------------- activations
    "sigmoid": [
        _m(
            "sign flipped in the exponent",
            "activations:sigmoid_sign_flipped",
            "1/(1 + e^{x}) is σ(-x): it tends to 0 for large x instead of 1. The logistic function "
            "is 1/(1 + e^{-x}).",
            "1/(1 + e^{x}) 其实是 σ(-x)：x 很大时趋向 0 而不是 1。logistic sigmoid 的定义是 1/(1 + e^{-x})。",
        ),
        _m(
            "tanh instead of sigmoid",
            "activations:sigmoid_is_tanh",
            "tanh maps to (-1, 1) and the sigmoid to (0, 1); they are related by tanh(x) = 2σ(2x) "
            "- 1 but are different functions.",
            "tanh 的值域是 (-1, 1)，sigmoid 的值域是 (0, 1)。两者满足 tanh(x) = 2σ(2x) - 1，但不是同一个函数。",
        ),
        _m(
            "returned the derivative",
            "activations:sigmoid_returns_derivative",
            "σ(x)(1 - σ(x)) is the derivative σ'(x), which belongs in the backward pass; the "
            "forward pass returns σ(x) itself.",
            "σ(x)(1 - σ(x)) 是导数 σ'(x)，属于 backward pass；forward 应该直接返回 σ(x)。",
        ),
    ],
    "softmax": [
        _m(
            "normalised over axis 0",
            "activations:softmax_wrong_axis",
            "The probabilities must sum to one along `axis` (by default the last axis: one distribution "
            "per row). Normalising over axis 0 mixes different samples of the batch.",
            "概率应沿参数 `axis` 归一化（默认最后一维，即每一行是一个分布）。沿 axis 0 归一化会把 batch 中不同样本混在一起。",
        ),
        _m(
            "shift only in the numerator",
            "activations:softmax_unshifted_denominator",
            "Subtracting max z is only allowed because it cancels between numerator and denominator; "
            "shift both, e^{z-m} / Σ e^{z-m}, or the rows no longer sum to one (and the denominator "
            "can still overflow).",
            "减去 max z 之所以成立，是因为它在分子分母中相互抵消；分子分母都要减：e^{z-m} / Σ e^{z-m}，否则每行之和不再是 1，分母也仍可能溢出。",
        ),
        _m(
            "no exponential",
            "activations:softmax_linear_normalisation",
            "z / Σ z is not a softmax: it can be negative or divide by zero. Softmax exponentiates "
            "first, e^{z_c} / Σ e^{z_c'}.",
            "z / Σ z 不是 softmax：结果可能为负，分母也可能为零。softmax 要先取指数：e^{z_c} / Σ e^{z_c'}。",
        ),
    ],
    # --------------------------------------------------------- linear_models
    "normal_equation": [
        _m(
            "forgot the inverse",
            "linear_models:normal_equation_forgot_inverse",
            "X^T y is only the right-hand side of the normal equations X^T X w = X^T y; you still "
            "have to solve with X^T X (np.linalg.solve or lstsq).",
            "X^T y 只是正规方程 X^T X w = X^T y 的右端项，还需要对 X^T X 求解（np.linalg.solve 或 lstsq）。",
        ),
        _m(
            "elementwise inverse",
            "linear_models:normal_equation_elementwise_inverse",
            "In NumPy `A ** -1` inverts every entry, not the matrix. Use np.linalg.solve(X.T "
            "@ X, X.T @ y) (or np.linalg.inv).",
            "NumPy 中 `A ** -1` 是逐元素取倒数，而不是矩阵求逆。应该用 np.linalg.solve(X.T @ X, X.T @ y)（或 np.linalg.inv）。",
        ),
        _m(
            "added a bias column",
            "linear_models:normal_equation_bias_column",
            "The contract adds no bias column: w has exactly d entries, one per column of X. "
            "If a bias is wanted, the caller puts a column of ones into X.",
            "按约定不自动添加 bias 列：w 恰好有 d 个分量，对应 X 的每一列。如需 bias，由调用者在 X 中加入全 1 列。",
        ),
    ],
    "ridge_regression": [
        _m(
            "penalty missing",
            "linear_models:ridge_penalty_missing",
            "λ was ignored, which is plain least squares. Ridge solves (X^T X + λI) w = X^T y.",
            "忽略了 λ，结果就是普通最小二乘。Ridge regression 要解 (X^T X + λI) w = X^T y。",
        ),
        _m(
            "λ² instead of λ",
            "linear_models:ridge_lam_squared",
            "The loss is ||y - Xw||² + λ||w||², whose gradient gives X^T X + λI; λ enters linearly, "
            "not squared.",
            "损失是 ||y - Xw||² + λ||w||²，求导得到 X^T X + λI；λ 是一次项，不是平方。",
        ),
        _m(
            "λ added to every entry",
            "linear_models:ridge_penalty_on_all_entries",
            "`X.T @ X + lam` broadcasts λ onto every entry. The penalty is λ times the identity: "
            "X.T @ X + lam * np.eye(d) only changes the diagonal.",
            "`X.T @ X + lam` 会把 λ 广播到每个元素上。正则项是 λ 乘单位矩阵：X.T @ X + lam * np.eye(d) 只改变对角线。",
        ),
        _m(
            "2λ instead of λ",
            "linear_models:ridge_doubled_lambda",
            "Setting the gradient of ||y - Xw||² + λ||w||² to zero gives 2X^T(Xw - y) + 2λw = "
            "0, so the factors 2 cancel; mixing a ½ on one term but not the other doubles λ.",
            "对 ||y - Xw||² + λ||w||² 求导并令其为零：2X^T(Xw - y) + 2λw = 0，两边的 2 相消；只在一项前加 ½ 会让 λ 变成 "
            "2λ。",
        ),
    ],
    # -------------------------------------------------------------- backprop
    "add_backward": [
        _m(
            "second input gets no gradient",
            "backprop:add_backward_second_input_zero",
            "z = x + y depends on both inputs with ∂z/∂y = 1, so dy = dz as well, not 0.",
            "z = x + y 同时依赖两个输入，∂z/∂y = 1，所以 dy 也等于 dz，而不是 0。",
        ),
        _m(
            "gradient split in half",
            "backprop:add_backward_split_in_half",
            "The add gate is a gradient distributor: each input receives the full dz (local gradient "
            "1), not dz/2.",
            "加法门是 gradient distributor：每个输入都得到完整的 dz（局部梯度为 1），而不是 dz/2。",
        ),
        _m(
            "forgot the upstream gradient",
            "backprop:add_backward_local_gradient_only",
            "The local gradients are 1, but the chain rule multiplies them by the upstream dz: "
            "dx = dy = 1 · dz.",
            "局部梯度确实是 1，但链式法则要乘上游梯度 dz：dx = dy = 1 · dz。",
        ),
        _m(
            "subtract-gate rule",
            "backprop:add_backward_subtract_gate",
            "dy = -dz belongs to z = x - y. For z = x + y both gradients are +dz.",
            "dy = -dz 是减法门 z = x - y 的规则；对 z = x + y，两个梯度都是 +dz。",
        ),
    ],
    "mul_backward": [
        _m(
            "inputs not swapped",
            "backprop:mul_backward_not_swapped",
            "∂(xy)/∂x = y, so dx = dz · y and dy = dz · x: the multiply gate swaps its inputs.",
            "∂(xy)/∂x = y，所以 dx = dz · y，dy = dz · x：乘法门会把两个输入交换过来。",
        ),
        _m(
            "forgot the upstream gradient",
            "backprop:mul_backward_no_upstream",
            "(y, x) are only the local gradients; the chain rule multiplies each by dz.",
            "(y, x) 只是局部梯度；链式法则要求再乘以上游梯度 dz。",
        ),
        _m(
            "treated as an add gate",
            "backprop:mul_backward_as_add_gate",
            "Passing dz through unchanged is the add gate's rule. For z = x * y the gradient "
            "is scaled by the other input.",
            "把 dz 原样传下去是加法门的规则。对 z = x * y，梯度要乘以另一个输入。",
        ),
        _m(
            "copy-paste in dy",
            "backprop:mul_backward_copy_paste",
            "dy was computed as dz · y, a copy of the dx line; it must be dz · x.",
            "dy 写成了 dz · y，是复制 dx 那一行造成的；正确的是 dz · x。",
        ),
    ],
    "sigmoid_backward": [
        _m(
            "derivative taken at x",
            "backprop:sigmoid_backward_derivative_at_x",
            "The formula s(1 - s) uses the sigmoid's output s = σ(x), not the input x: dx = dout "
            "· σ(x)(1 - σ(x)).",
            "公式 s(1 - s) 中的 s 是 sigmoid 的输出 σ(x)，不是输入 x：dx = dout · σ(x)(1 - σ(x))。",
        ),
        _m(
            "forgot the upstream gradient",
            "backprop:sigmoid_backward_no_upstream",
            "σ'(x) is the local gradient; the backward pass must return dout · σ'(x).",
            "σ'(x) 只是局部梯度；backward 要返回 dout · σ'(x)。",
        ),
        _m(
            "tanh derivative rule",
            "backprop:sigmoid_backward_tanh_formula",
            "1 - s² is the derivative rule of tanh. For the sigmoid it is σ(1 - σ).",
            "1 - s² 是 tanh 的求导公式；sigmoid 的导数是 σ(1 - σ)。",
        ),
    ],
    "linear_forward": [
        _m(
            "W not transposed",
            "backprop:linear_forward_transposed_W",
            "W has shape (out, in) as in nn.Linear, so the layer is x @ W.T + b. x @ W only runs "
            "when W is square, and then computes a different layer.",
            "W 的形状是 (out, in)（与 nn.Linear 相同），所以应是 x @ W.T + b。x @ W 只在 W 为方阵时能运行，而且算的是另一个层。",
        ),
        _m(
            "bias missing",
            "backprop:linear_forward_no_bias",
            "An affine layer adds the bias: x @ W.T + b, broadcast over the rows of the batch.",
            "仿射层要加上 bias：x @ W.T + b，b 会沿 batch 的每一行广播。",
        ),
        _m(
            "column-vector convention",
            "backprop:linear_forward_column_convention",
            "W x + b treats samples as columns and returns (out, n). The contract's batches are "
            "rows: return (n, out).",
            "W x + b 把样本当作列向量，返回 (out, n)。按约定 batch 是按行排列的，应返回 (n, out)。",
        ),
    ],
    "linear_backward": [
        _m(
            "db averaged",
            "backprop:linear_backward_db_averaged",
            "b is added to every sample, so its gradient collects every sample's contribution: "
            "db = dout.sum(axis=0), not the mean (dout already carries any 1/n of the loss).",
            "b 被加到每个样本上，所以梯度要把每个样本的贡献加起来：db = dout.sum(axis=0)，而不是取平均（loss 中的 1/n 已经包含在 dout "
            "里）。",
        ),
        _m(
            "dW averaged",
            "backprop:linear_backward_dW_averaged",
            "dW = dout^T x sums the per-sample outer products; dividing by n again scales the "
            "gradient down twice.",
            "dW = dout^T x 是各样本外积之和；再除以 n 会把梯度多缩小一次。",
        ),
        _m(
            "dW transposed",
            "backprop:linear_backward_dW_transposed",
            "A gradient has the shape of its parameter: W is (out, in), so dW = dout.T @ x, not "
            "x.T @ dout.",
            "梯度的形状与参数相同：W 是 (out, in)，所以 dW = dout.T @ x，而不是 x.T @ dout。",
        ),
        _m(
            "dx uses W transposed",
            "backprop:linear_backward_dx_transposed_W",
            "out = x W^T, so ∂L/∂x = dout @ W (shape (n, in)). dout @ W.T only runs for a square "
            "W and is wrong there.",
            "out = x W^T，所以 ∂L/∂x = dout @ W（形状 (n, in)）。dout @ W.T 只在 W 为方阵时能运行，而且结果不对。",
        ),
    ],
    # ----------------------------------------------------------- convolution
    "conv_output_size": [
        _m(
            "dilation ignored",
            "convolution:conv_output_size_ignores_dilation",
            "A dilated kernel spans D(K-1) + 1 pixels, so O = floor((I + 2P - D(K-1) - 1)/S) "
            "+ 1. The notes' floor((I + 2P - K)/S) + 1 is the special case D = 1.",
            "dilation 为 D 的卷积核覆盖 D(K-1) + 1 个像素，所以 O = floor((I + 2P - D(K-1) - 1)/S) + 1。笔记中的 "
            "floor((I + 2P - K)/S) + 1 只是 D = 1 的特例。",
        ),
        _m(
            "padding counted once",
            "convolution:conv_output_size_padding_once",
            "Padding P is added on both sides of the input, so the padded size is I + 2P.",
            "padding P 加在输入的两侧，所以填充后的尺寸是 I + 2P。",
        ),
        _m(
            "rounded up",
            "convolution:conv_output_size_ceil",
            "A window must fit entirely inside the padded input, so the count of strides is rounded "
            "down (floor), not up.",
            "每个窗口都必须完整地落在填充后的输入内，所以步数要向下取整（floor），而不是向上取整。",
        ),
        _m(
            "no floor (float result)",
            "convolution:conv_output_size_no_floor",
            "`/` gives a float and possibly a fraction; use integer floor division `//` so the "
            "size is an int.",
            "`/` 得到的是 float，还可能带小数；应使用整数除法 `//`，让结果是 int。",
        ),
    ],
    "conv2d": [
        _m(
            "kernel flipped",
            "convolution:conv2d_flipped_kernel",
            "CNN layers compute cross-correlation, Σ x[i+u, j+v] w[u, v], without flipping the "
            "kernel (as torch.nn.functional.conv2d); flipping gives the textbook convolution, "
            "which differs for asymmetric kernels.",
            "CNN 中的 conv 层实际计算的是 cross-correlation：Σ x[i+u, j+v] w[u, v]，卷积核不翻转（与 torch.nn.functional.conv2d"
            " 一致）；翻转核得到的是数学上的卷积，对不对称的核结果不同。",
        ),
        _m(
            "bias ignored",
            "convolution:conv2d_ignores_bias",
            "When b is given, b[f] is added to every position of output channel f.",
            "给定 b 时，要把 b[f] 加到输出通道 f 的每个位置上。",
        ),
        _m(
            "padding ignored",
            "convolution:conv2d_ignores_padding",
            "padding = P surrounds the input with P rows and columns of zeros before sliding "
            "the kernel, so the output has size floor((H + 2P - KH)/S) + 1.",
            "padding = P 表示在滑动卷积核之前，先在输入四周补 P 行/列的零，所以输出尺寸是 floor((H + 2P - KH)/S) + 1。",
        ),
        _m(
            "edge padding",
            "convolution:conv2d_edge_padding",
            "The padding is zeros (np.pad's default 'constant' mode), not a copy of the border "
            "pixels.",
            "padding 填充的是零（np.pad 默认的 'constant' 模式），而不是复制边缘像素。",
        ),
    ],
    # ------------------------------------------------------------- attention
    "scaled_dot_product_attention": [
        _m(
            "softmax over the queries",
            "attention:sdpa_softmax_over_queries",
            "Each query distributes its attention over the keys: the softmax runs over the last "
            "axis (keys), so every row of the weights sums to one.",
            "每个 query 把注意力分配到各个 key 上：softmax 应沿最后一维（key 维）计算，使权重矩阵的每一行之和为 1。",
        ),
        _m(
            "no 1/sqrt(d) scaling",
            "attention:sdpa_no_scaling",
            "Dot products of d-dimensional vectors grow like sqrt(d); without dividing by sqrt(d_k) "
            "the softmax saturates and its gradients vanish.",
            "d 维向量的点积大小随 sqrt(d) 增长；不除以 sqrt(d_k)，softmax 会饱和，梯度消失。",
        ),
        _m(
            "scaled by d, not sqrt(d)",
            "attention:sdpa_scaled_by_d",
            "The scale is 1/sqrt(d_k), which keeps the scores' variance near 1 for unit-variance "
            "inputs; 1/d over-flattens them.",
            "缩放因子是 1/sqrt(d_k)，它使单位方差输入下 score 的方差约为 1；用 1/d 会让分布过于平坦。",
        ),
        _m(
            "mask applied after the softmax",
            "attention:sdpa_mask_after_softmax",
            "Zeroing weights after the softmax leaves rows that no longer sum to one. Set blocked "
            "scores to -inf before the softmax so the remaining weights renormalise.",
            "在 softmax 之后才把权重置零，每一行的和就不再是 1。应在 softmax 之前把被屏蔽的 score 设为 -inf，剩下的权重会自动重新归一化。",
        ),
    ],
    "causal_mask": [
        _m(
            "upper triangle",
            "attention:causal_mask_upper",
            "True above the diagonal lets each position see the future. Position i may attend "
            "to j <= i: the lower triangle, np.tril.",
            "对角线以上为 True 会让每个位置看到未来。位置 i 只能 attend 到 j <= i，即下三角 np.tril。",
        ),
        _m(
            "diagonal excluded",
            "attention:causal_mask_strict",
            "A position may attend to itself, so the diagonal is True; without it the first query "
            "has no key at all.",
            "每个位置可以 attend 到自身，所以对角线应为 True；去掉对角线后第一个 query 没有任何可用的 key。",
        ),
        _m(
            "PyTorch's blocked-position convention",
            "attention:causal_mask_blocked_positions",
            "torch's attn_mask marks positions that may NOT attend; the contract's True means "
            '"may attend". Invert it: True on and below the diagonal.',
            "torch 的 attn_mask 中 True 表示不能 attend；而本约定中 True 表示“可以 attend”。应取反：对角线及以下为 True。",
        ),
    ],
    "multi_head_attention": [
        _m(
            "heads split along the wrong axis",
            "attention:mha_heads_strided",
            "Reshape (L, d_model) to (L, h, d_k), so head i owns the contiguous columns i·d_k:(i+1)·d_k; "
            "reshaping to (L, d_k, h) gives each head every h-th column.",
            "应把 (L, d_model) reshape 成 (L, h, d_k)，使第 i 个 head 拥有连续的列 i·d_k:(i+1)·d_k；reshape "
            "成 (L, d_k, h) 会让每个 head 取每隔 h 列的一列。",
        ),
        _m(
            "scaled by sqrt(d_model)",
            "attention:mha_scaled_by_d_model",
            "Each head attends in d_k = d_model / h dimensions, so its scores are divided by "
            "sqrt(d_k), not sqrt(d_model).",
            "每个 head 在 d_k = d_model / h 维中计算注意力，所以 score 要除以 sqrt(d_k)，而不是 sqrt(d_model)。",
        ),
        _m(
            "no output projection",
            "attention:mha_no_output_projection",
            "After concatenating the heads the result is multiplied by W_o, which mixes information "
            "across heads.",
            "把各 head 拼接后还要乘以 W_o，它负责在 head 之间混合信息。",
        ),
        _m(
            "weights transposed",
            "attention:mha_weights_transposed",
            "Here projections are right-multiplied, Q = x_q @ W_q (W of shape (d_model, d_model)); "
            "x @ W.T is the nn.Linear convention and a different map.",
            "本约定中投影是右乘：Q = x_q @ W_q（W 的形状为 (d_model, d_model)）；x @ W.T 是 nn.Linear 的约定，是另一个映射。",
        ),
    ],
    # ------------------------------------------------------------------- vae
    "reparameterize": [
        _m(
            "variance used as std",
            "vae:reparameterize_variance_as_std",
            "logvar = log σ², so σ = exp(0.5 · logvar); exp(logvar) is the variance σ².",
            "logvar = log σ²，所以 σ = exp(0.5 · logvar)；exp(logvar) 是方差 σ²，不是标准差。",
        ),
        _m(
            "logvar used as std",
            "vae:reparameterize_logvar_as_std",
            "The encoder outputs a log-variance, which can be negative; turn it into σ = exp(0.5 "
            "· logvar) before scaling ε.",
            "encoder 输出的是 log-variance，可能为负；要先变成 σ = exp(0.5 · logvar)，再去乘 ε。",
        ),
        _m(
            "μ and σ swapped",
            "vae:reparameterize_roles_swapped",
            "z = μ + σ ⊙ ε: the noise is scaled by σ and shifted by μ. The notes' \"y = μ x + "
            'σ" swaps them.',
            "z = μ + σ ⊙ ε：噪声乘以 σ 再平移 μ。笔记中的 “y = μ x + σ” 把两者写反了。",
        ),
    ],
    "kl_standard_normal": [
        _m(
            "factor ½ missing",
            "vae:kl_missing_half",
            "KL(N(μ, σ²) || N(0, 1)) = ½(σ² + μ² - 1 - log σ²) per dimension; without the ½ it "
            "is doubled.",
            "每一维 KL(N(μ, σ²) || N(0, 1)) = ½(σ² + μ² - 1 - log σ²)；少了 ½ 结果就翻倍。",
        ),
        _m(
            "mean over latent dims",
            "vae:kl_mean_over_latent",
            "The latent dimensions are independent, so their KLs add up: sum over the latent "
            "axis, don't average.",
            "各潜变量维度相互独立，KL 可以相加：沿 latent 维求和，而不是求平均。",
        ),
        _m(
            "sign flipped",
            "vae:kl_sign_flipped",
            "A KL divergence is never negative. The formula is -½ Σ(1 + logvar - μ² - exp(logvar)), "
            "with the leading minus.",
            "KL 散度永远非负。公式是 -½ Σ(1 + logvar - μ² - exp(logvar))，前面的负号不能丢。",
        ),
        _m(
            "summed over the batch",
            "vae:kl_summed_over_batch",
            "The task returns one KL per sample, shape (n,); reducing over the batch is the caller's "
            "job.",
            "本任务要返回每个样本各自的 KL，形状为 (n,)；对 batch 的归约由调用者完成。",
        ),
    ],
    "negative_elbo": [
        _m(
            "KL summed over the batch",
            "vae:negative_elbo_kl_summed_over_batch",
            "Both terms are per-sample quantities and are averaged over the batch together; summing "
            "only the KL weights it n times more than the reconstruction.",
            "两项都是逐样本的量，要一起对 batch 求平均；只对 KL 求和会让它相对重建项的权重放大 n 倍。",
        ),
        _m(
            "BCE averaged over pixels",
            "vae:negative_elbo_bce_mean_over_pixels",
            "log p(x|z) is a sum over the data dimensions; averaging (the default reduction of "
            "binary_cross_entropy) shrinks the reconstruction term and lets the KL dominate.",
            "log p(x|z) 是对所有数据维度的求和；求平均（binary_cross_entropy 的默认 reduction）会缩小重建项，使 KL 项占主导。",
        ),
        _m(
            "KL subtracted",
            "vae:negative_elbo_kl_subtracted",
            "ELBO = E[log p(x|z)] - KL, so the negative ELBO is reconstruction loss + KL.",
            "ELBO = E[log p(x|z)] - KL，所以 negative ELBO 是重建损失 + KL。",
        ),
        _m(
            "naive BCE (unstable)",
            "vae:negative_elbo_naive_bce",
            "σ(l) rounds to exactly 0 or 1 for large |l|, and log(0) gives inf. Work on logits: "
            "BCE = max(l, 0) - l·x + log(1 + e^{-|l|}).",
            "|l| 较大时 σ(l) 会被舍入成恰好 0 或 1，log(0) 得到 inf。应直接在 logits 上计算：BCE = max(l, 0) - l·x + "
            "log(1 + e^{-|l|})。",
        ),
    ],
    # ------------------------------------------------------------- diffusion
    "linear_beta_schedule": [
        _m(
            "endpoint excluded",
            "diffusion:linear_beta_schedule_endpoint_excluded",
            "Both ends are included: betas[0] = β_1 and betas[T-1] = β_T, i.e. np.linspace(beta_1, "
            "beta_T, T).",
            "两端都要包含：betas[0] = β_1，betas[T-1] = β_T，即 np.linspace(beta_1, beta_T, T)。",
        ),
        _m(
            "1-based shift",
            "diffusion:linear_beta_schedule_one_based",
            "Indices are 0-based: betas[0] is the paper's β_1. Building T + 1 points and dropping "
            "the first shifts the whole schedule.",
            "下标从 0 开始：betas[0] 就是论文中的 β_1。生成 T + 1 个点再丢掉第一个，会让整个 schedule 错位。",
        ),
        _m(
            "returned alphas",
            "diffusion:linear_beta_schedule_returns_alphas",
            "The schedule is the noise variances β_t; α_t = 1 - β_t is derived from it later.",
            "schedule 是噪声方差 β_t；α_t = 1 - β_t 是之后再由它推出的。",
        ),
    ],
    "alpha_bar": [
        _m(
            "product of the betas",
            "diffusion:alpha_bar_cumprod_of_betas",
            "ᾱ_t = Π_{s<=t} α_s with α_s = 1 - β_s; the product of the β's tends to 0 immediately.",
            "ᾱ_t = Π_{s<=t} α_s，其中 α_s = 1 - β_s；直接对 β 连乘会立刻趋近于 0。",
        ),
        _m(
            "not cumulative (α_t for ᾱ_t)",
            "diffusion:alpha_bar_not_cumulative",
            "1 - β_t is one step's α_t; ᾱ_t is the cumulative product. The notes make the same "
            "slip in q(x_t|x_0).",
            "1 - β_t 只是单步的 α_t；ᾱ_t 是累积乘积。笔记在 q(x_t|x_0) 中也犯了同样的笔误。",
        ),
        _m(
            "exclusive product (off by one)",
            "diffusion:alpha_bar_exclusive",
            "alpha_bar[0] is already (1 - betas[0]): the product includes step t itself (np.cumprod), "
            "it does not start at 1.",
            "alpha_bar[0] 已经等于 (1 - betas[0])：乘积包含第 t 步本身（np.cumprod），而不是从 1 开始。",
        ),
    ],
    "q_sample": [
        _m(
            "square roots missing",
            "diffusion:q_sample_no_square_roots",
            "q(x_t|x_0) = N(sqrt(ᾱ_t) x_0, (1 - ᾱ_t) I): the coefficients are standard deviations, "
            "sqrt(ᾱ_t) and sqrt(1 - ᾱ_t), so the variance stays near 1.",
            "q(x_t|x_0) = N(sqrt(ᾱ_t) x_0, (1 - ᾱ_t) I)：系数是标准差 sqrt(ᾱ_t) 和 sqrt(1 - ᾱ_t)，这样方差保持在 "
            "1 附近。",
        ),
        _m(
            "1-based index",
            "diffusion:q_sample_one_based",
            "t is 0-based: use alpha_bar[t]. alpha_bar[t - 1] shifts every step and t = 0 wraps "
            "around to the last one.",
            "t 从 0 开始：直接用 alpha_bar[t]。用 alpha_bar[t - 1] 会让每一步错位，而 t = 0 会绕回到最后一步。",
        ),
        _m(
            "α_t used for ᾱ_t",
            "diffusion:q_sample_single_step_alpha",
            "Jumping from x_0 to x_t needs the cumulative ᾱ_t = Π α_s; one step's α_t only links "
            "x_t to x_{t-1}. The notes' x_t = sqrt(α_t) x_0 + sqrt(1 - α_t) ε is a typo for ᾱ_t.",
            "从 x_0 一步跳到 x_t 需要累积的 ᾱ_t = Π α_s；单步的 α_t 只联系 x_t 和 x_{t-1}。笔记中 x_t = sqrt(α_t) x_0 "
            "+ sqrt(1 - α_t) ε 是 ᾱ_t 的笔误。",
        ),
        _m(
            "sqrt misplaced",
            "diffusion:q_sample_sqrt_misplaced",
            "The noise coefficient is sqrt(1 - ᾱ_t), not 1 - sqrt(ᾱ_t): the two variances ᾱ_t "
            "and 1 - ᾱ_t add up to 1.",
            "噪声系数是 sqrt(1 - ᾱ_t)，不是 1 - sqrt(ᾱ_t)：两部分方差 ᾱ_t 与 1 - ᾱ_t 之和为 1。",
        ),
    ],
    "ddpm_simple_loss": [
        _m(
            "target is x_0",
            "diffusion:ddpm_simple_loss_target_x0",
            "ε_θ predicts the noise that was added, so the target is ε, not the clean x_0.",
            "ε_θ 预测的是加入的噪声，所以目标是 ε，而不是干净的 x_0。",
        ),
        _m(
            "model fed x_0",
            "diffusion:ddpm_simple_loss_model_on_x0",
            "The network sees the noised sample x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε; from x_0 "
            "it cannot know the noise.",
            "网络的输入是加噪后的 x_t = sqrt(ᾱ_t) x_0 + sqrt(1 - ᾱ_t) ε；只看 x_0 不可能知道加了什么噪声。",
        ),
        _m(
            "sum instead of mean",
            "diffusion:ddpm_simple_loss_sum",
            "L_simple is the mean squared error over all entries; summing scales it with the "
            "batch and data size.",
            "L_simple 是对所有元素的均方误差；求和会让损失随 batch 和数据大小缩放。",
        ),
        _m(
            "absolute error",
            "diffusion:ddpm_simple_loss_l1",
            "The simplified DDPM loss is squared error, ||ε - ε_θ||²; |ε - ε_θ| is an L1 loss.",
            "简化的 DDPM 损失是平方误差 ||ε - ε_θ||²；|ε - ε_θ| 是 L1 损失。",
        ),
    ],
    "ddpm_reverse_step": [
        _m(
            "noise added at t = 0",
            "diffusion:ddpm_reverse_step_noise_at_t0",
            "The last step returns the mean μ_θ: adding sqrt(β_t) z at t = 0 leaves noise in "
            "the final sample.",
            "最后一步直接返回均值 μ_θ：在 t = 0 时还加 sqrt(β_t) z，会在最终样本中留下噪声。",
        ),
        _m(
            "divided by sqrt(ᾱ_t)",
            "diffusion:ddpm_reverse_step_sqrt_alpha_bar",
            "One reverse step undoes one forward step, so μ_θ divides by sqrt(α_t) = sqrt(1 - "
            "β_t), not the cumulative sqrt(ᾱ_t).",
            "一步反向过程只撤销一步前向过程，所以 μ_θ 要除以 sqrt(α_t) = sqrt(1 - β_t)，而不是累积的 sqrt(ᾱ_t)。",
        ),
        _m(
            "β_t used as std",
            "diffusion:ddpm_reverse_step_beta_as_std",
            "σ_t² = β_t is a variance, so the added noise is sqrt(β_t) z.",
            "σ_t² = β_t 是方差，所以加入的噪声是 sqrt(β_t) z。",
        ),
        _m(
            "1-based index",
            "diffusion:ddpm_reverse_step_one_based",
            "t is 0-based: use betas[t] and alpha_bar[t]; index t - 1 shifts the schedule and "
            "t = 0 wraps around.",
            "t 从 0 开始：用 betas[t] 和 alpha_bar[t]；用 t - 1 会让 schedule 错位，t = 0 还会绕回到末尾。",
        ),
        _m(
            "noise prediction added",
            "diffusion:ddpm_reverse_step_eps_added",
            "μ_θ removes the predicted noise: x_t - β_t / sqrt(1 - ᾱ_t) · ε_θ, with a minus sign.",
            "μ_θ 要去掉预测的噪声：x_t - β_t / sqrt(1 - ᾱ_t) · ε_θ，是减号。",
        ),
    ],
}
