"""A corpus of typed answers per shipped question, as students write them (issue 15).

`right`: equivalent forms, each must be graded right; `wrong`: each must be graded
wrong (never asked again for a notation reason); `asked`: ambiguous or unfamiliar
notation that must be asked again, never graded. Symbolic and matrix questions are
written by hand below; numeric questions get theirs from `numeric_corpus`, which
writes the variant's answer the ways students do (rounded, with the unit, a Unicode
minus, full-width digits, 'x = ...', a thousands separator) and wrong values that no
rounding can reach.
"""

from __future__ import annotations

HAND: dict[str, dict[str, list[str]]] = {
    # ---- symbolic ----
    "opt.logistic-gradient": {
        "right": ["sigmoid(z) - y", "σ(z) − y", "1/(1+exp(-z)) - y", "-y + sigmoid(z)", r"\frac{1}{1+e^{-z}} - y",
                  "dL/dz = sigmoid(z) - y."],
        "wrong": ["y - sigmoid(z)", "(sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))", "sigmoid(z)", "-y"],
        "asked": ["p - y", "sigmoid z - y"]},
    "mlp.sigmoid-derivative": {
        "right": ["s(1-s)", "s - s^2", "σ(1 − σ)", "s·(1−s)", "ds/dx = s*(1-s).", "-s² + s", r"s \cdot (1 - s)"],
        "wrong": ["s*(1+s)", "1 - s^2", "s", "s^2"],
        "asked": ["s(1-s", "sigmoid(x)(1-sigmoid(x))"]},
    "mlp.tanh-derivative": {
        "right": ["1-t^2", "1 − t²", "(1-t)(1+t)", "1 - t*t", "-t^2+1"],
        "wrong": ["t*(1 - t)", "1 + t^2", "1 - t", "2t"],
        "asked": ["sech(x)^2", "1 - tanh^2"]},
    "mlp.elu-derivative": {
        "right": ["a exp(x)", "a e^x", "a*e^(x)", "exp(x)*a", "f'(x) = a exp(x)", r"a e^{x}"],
        "wrong": ["a*(exp(x) - 1)", "0", "exp(x)", "a"],
        "asked": ["α exp(x)"]},
    "mlp.chain-rule-single": {
        "right": ["2x cos(x^2)", "2*x*cos(x**2)", "cos(x²)·2x", r"2 x \cos(x^2)", "x cos(x^2) + x cos(x^2)"],
        "wrong": ["cos(x^2)", "cos(2*x)", "2x sin(x^2)", "-2x cos(x^2)"],
        "asked": ["2x cos x^2"]},
    "mlp.chain-rule-multi": {
        "right": ["2t sin(t) + t^2 cos(t)", "t(2sin(t) + t cos(t))", "t²cos(t) + 2t·sin(t)",
                  "df/dt = 2*t*sin(t)+t**2*cos(t)", r"2t\sin(t) + t^2\cos(t)"],
        "wrong": ["2*t*cos(t)", "2*t*sin(t)", "t^2 cos(t)", "2t sin(t) - t^2 cos(t)"],
        "asked": ["2t sin t + t^2 cos t"]},
    "cnn.dilated-span": {
        "right": ["D(K-1)+1", "DK - D + 1", "1 + D*(K-1)", "D K − D + 1", "(K-1)D + 1"],
        "wrong": ["D*K", "K + D - 1", "D(K-1)", "D(K+1) - 1"],
        "asked": ["d(k-1)+1"]},
    "cnn.gaussian-derivative": {
        "right": ["-x exp(-x^2/(2 s^2))/s^2", "-(x/s^2)*exp(-x²/(2s²))", "-x/s**2*exp(-x**2/(2*s**2))",
                  r"-\frac{x}{s^2} e^{-\frac{x^2}{2s^2}}", "−x·exp(−x²/(2s²))/s²"],
        "wrong": ["x/s^2*exp(-x^2/(2*s^2))", "exp(-x^2/(2*s^2))", "-x*exp(-x^2/(2*s^2))", "-x/s*exp(-x^2/(2*s^2))"],
        "asked": ["-x/s^2 exp(-x^2/(2s^2))", "-x/σ^2 exp(-x^2/(2σ^2))"]},
    "und.gradcam-gap-gradient": {
        "right": ["w/Z", "w_k/Z", "w*Z^-1", r"\frac{w}{Z}", "dS/dA = w/Z.", "w/(Z)"],
        "wrong": ["w", "w*Z", "Z/w", "1/Z"],
        "asked": ["w/HW"]},
    "und.deepdream-gradient": {
        "right": ["a", "2a/2", "dL/da = a", "1/2*2a", "a^1"],
        "wrong": ["a^2", "1", "2a", "a^2/2"],
        "asked": ["a_i", "sum(a)"]},
    "sty.ssim-structure": {
        "right": ["(sxy + C3)/(sx sy + C3)", "(σ_xy + C_3)/(σ_x σ_y + C_3)", "(sxy+C3)/(sxsy+C3)",
                  r"\frac{\sigma_{xy} + C_3}{\sigma_x \sigma_y + C_3}", "s = (sxy + C3)/(sy*sx + C3)"],
        "wrong": ["(2*sxy + C3)/(sx*sy + C3)", "(2*sxy + C3)/(sx**2 + sy**2 + C3)", "sxy/(sx*sy)",
                  "(sxy + C3)/(sx + sy + C3)"],
        "asked": ["(sxy + c3)/(sx sy + c3)"]},
    "sty.ssim-cs": {
        "right": ["(2sxy + C2)/(sx² + sy² + C2)", "(2*sxy+C2)/(sx^2+sy^2+C2)", "(C2 + 2 sxy)/(C2 + sx^2 + sy^2)",
                  "cs = (2sxy+C2)/(sx^2+sy^2+C2)", r"\frac{2 sxy + C2}{sx^2 + sy^2 + C2}"],
        "wrong": ["(2*sx*sy + C2)/(sx**2 + sy**2 + C2)", "(sxy + C2)/(sx**2 + sy**2 + C2)", "2 sxy/(sx^2 + sy^2)",
                  "(2sxy + C2)/(sx sy + C2)"],
        "asked": ["(2sxy + C2)/(sx^2 + sy^2 + C3)", "c·s = (2sxy+C2)/(sx^2+sy^2+C2)"]},
    "seq.bce-gradient": {  # the loss averages T steps (issue 16 told it apart from opt.logistic-gradient)
        "right": ["(sigmoid(z) - y)/T", r"\frac{\sigma(z) - y}{T}", "(1/(1+e^(-z)) - y)/T", "-(y - sigmoid(z))/T",
                  "dL/dz = (σ(z) − y)/T"],
        "wrong": ["sigmoid(z) - y", "(y - sigmoid(z))/T", "sigmoid(z)*(1 - sigmoid(z))/T", "(sigmoid(z) - y)*T"],
        "asked": ["(ŷ - y)/T"]},
    "seq.rnn-jacobian": {
        "right": ["w(1-h^2)", "w(1 − h_t²)", "w - w h^2", "(1-h²)·w", "w*(1-h)*(1+h)"],
        "wrong": ["1 - h^2", "w*(1 - h)^2", "w", "w*h"],
        "asked": ["w(1 - tanh^2)"]},
    "seq.lstm-cell-update": {
        "right": ["f c + i g", "f·c_{t−1} + i·g", "fc + ig", "c_t = f⊙c_{t-1} + i⊙g", "i*g + f*c"],
        "wrong": ["f*c + g", "i*c + f*g", "f*c*i*g", "c + g"],
        "asked": ["f c_{t-2} + i g"]},
    "gen.reparameterise": {
        "right": ["mu + exp(logvar/2)*eps", "μ + exp(logvar/2)·ε", "mu + eps*sqrt(exp(logvar))",
                  "z = mu + e^(logvar/2) eps", r"\mu + e^{\frac{logvar}{2}}\epsilon"],
        "wrong": ["mu + exp(logvar)*eps", "mu + logvar*eps", "mu*eps + exp(logvar/2)", "mu + exp(logvar/2)"],
        "asked": ["mu + σ eps"]},
    "gen.gaussian-kl": {
        "right": ["(mu^2 + s^2 - 1 - log(s^2))/2", "(μ² + s² − 1 − ln(s²))/2", "mu^2/2 + s^2/2 - 1/2 - log(s)",
                  "0.5*(mu**2 + s**2 - 1) - ln(s)", r"\frac{\mu^2 + s^2 - 1 - \log(s^2)}{2}"],
        "wrong": ["mu^2 + s^2 - 1 - log(s^2)", "(mu^2 + s^2 - 1 + log(s^2))/2", "(mu^2 + s - 1 - log(s))/2",
                  "(mu^2 + s^2 - log(s^2))/2"],
        "asked": ["1/2(mu^2 + s^2 - 1 - log(s^2))", "(mu^2 + σ^2 - 1 - log(σ^2))/2"]},
    "gen.optimal-discriminator": {
        "right": ["p/(p+q)", "1/(1 + q/p)", r"\frac{p}{p+q}", "D = p/(q + p)", "p·(p+q)⁻¹", "p_data/(p_data + p_g)"],
        "wrong": ["q/(p + q)", "p/q", "1/2", "p"],
        "asked": ["p_data/(p_data + p_model)"]},
    "gen.non-saturating": {
        "right": ["sigmoid(a) - 1", "σ(a) − 1", "-(1 - sigmoid(a))", "-1/(1+exp(a))", "dL/da = sigmoid(a)-1"],
        "wrong": ["-sigmoid(a)", "1 - sigmoid(a)", "sigmoid(a)", "-1/sigmoid(a)"],
        "asked": ["D - 1"]},
    "dif.closed-form": {
        "right": ["sqrt(a) x0 + sqrt(1-a) eps", "√a·x0 + √(1−a)·eps",
                  r"\sqrt{\bar\alpha_t} x_0 + \sqrt{1-\bar{\alpha}_t}\epsilon", "x_t = a^0.5 x_0 + (1-a)^0.5 ε",
                  "sqrt(1-a)*eps + sqrt(a)*x0"],
        "wrong": ["a*x0 + (1 - a)*eps", "sqrt(a)*x0 + (1 - a)*eps", "sqrt(1 - a)*x0 + sqrt(a)*eps",
                  "sqrt(a)*x0 + sqrt(a)*eps"],
        "asked": ["sqrt(α_t) x0 + sqrt(1-α_t) eps"]},
    "dif.x0-from-eps": {
        "right": ["(x - sqrt(1-a)*eps)/sqrt(a)", "(x_t − √(1−ᾱ_t) ε)/√ᾱ_t", r"\frac{x - \sqrt{1-a}\,\epsilon}{\sqrt{a}}",
                  "x/sqrt(a) - sqrt(1-a)/sqrt(a)*eps", "x0 = (x - (1-a)^(1/2) eps) a^(-1/2)"],
        "wrong": ["x - sqrt(1 - a)*eps", "(x - (1 - a)*eps)/a", "(x + sqrt(1 - a)*eps)/sqrt(a)",
                  "(x - sqrt(a)*eps)/sqrt(1-a)"],
        "asked": ["(x - sqrt(1-a) eps)/sqrt a"]},
    "dif.score-from-eps": {
        "right": ["-eps/sqrt(1-a)", "−ε/√(1−a)", r"-\frac{\epsilon}{\sqrt{1-a}}", "-eps*(1-a)^(-1/2)",
                  "-(1-a)^(-0.5) eps"],
        "wrong": ["eps/sqrt(1 - a)", "-eps/(1 - a)", "-eps", "-eps*sqrt(1-a)"],
        "asked": ["-eps/σ_t"]},
    "dif.gaussian-score": {
        "right": ["-(x-mu)/s^2", "(mu - x)/s^2", "−(x − μ)/s²", "(μ-x)/s**2", r"-\frac{x-\mu}{s^2}"],
        "wrong": ["(x - mu)/s^2", "-(x - mu)/s", "exp(-(x - mu)^2/(2*s^2))*(-(x - mu)/s^2)", "-(x-mu)"],
        "asked": ["-(x-mu)/σ^2"]},
    "vis.stereo-sensitivity": {
        "right": ["-f*B/d^2", "-fB/d²", "−f·B·d⁻²", r"-\frac{f B}{d^{2}}", "dZ/dd = -(f B)/(d d)"],
        "wrong": ["f*B/d**2", "-f*B/d", "f*B/d", "-f/d^2"],
        "asked": ["-fB/d^2 Z"]},
    "vis.nerf-weight": {
        "right": ["exp(-s1 d1)(1 - exp(-s2 d2))", "exp(-s_1 d_1)(1 - exp(-s_2 d_2))", "exp(-s1*d1) - exp(-s1*d1 - s2*d2)",
                  r"e^{-s_1 d_1}(1-e^{-s_2 d_2})", "w_2 = exp(−s1·d1)·(1 − exp(−s2·d2))"],
        "wrong": ["1 - exp(-s2*d2)", "exp(-s1*d1 - s2*d2)*(1 - exp(-s2*d2))", "exp(-s1*d1)*exp(-s2*d2)",
                  "1 - exp(-s1*d1)"],
        "asked": ["T_2 (1 - exp(-s2 d2))"]},
    # ---- matrix ----
    "opt.normal-equation": {
        "right": ["inv(X^T X) X^T y", "(XᵀX)⁻¹Xᵀy", r"(X^\top X)^{-1} X^\top y", "w = solve(X'X, X'y)",
                  "(X.T @ X)^-1 @ X.T @ y", "inv(X^TX)X^Ty"],
        "wrong": ["inv(X X^T) X^T y", "X^T y", "inv(X^T X) X y", "X^T X^-1 y"],
        "asked": ["X^T y / (X^T X)", "X^+ y"]},
    "opt.ls-gradient": {
        "right": ["2X^TXw - 2X^Ty", "2 X^T (X w - y)", "-2 X^T (y - X w)", "2(X^T X w - X^T y)", "∇L = 2Xᵀ(Xw − y)"],
        "wrong": ["X^T X w - X^T y", "2 X^T y - 2 X^T X w", "2 X^T (y - X w)", "X^T (X w - y)"],
        "asked": ["2 X^T (X w - y"]},
    "opt.basis-regression": {
        "right": ["inv(Phi^T Phi) Phi^T y", "(ΦᵀΦ)⁻¹Φᵀy", "solve(Phi'Phi, Phi'y)", r"(\Phi^\top\Phi)^{-1}\Phi^\top y",
                  "w = inv(Phi^TPhi)Phi^Ty"],
        "wrong": ["inv(Phi^T Phi) Phi y", "inv(Phi Phi^T) Phi^T y", "Phi^T y", "inv(Phi^T Phi) y"],
        "asked": ["inv(phi^T phi) phi^T y"]},
    "opt.ridge": {
        "right": ["inv(X^T X + lam I) X^T y", "(XᵀX + λI)⁻¹Xᵀy", "solve(X'X + lam*I, X'y)",
                  r"(X^\top X + \lambda I)^{-1} X^\top y", "X^T inv(X X^T + lam I) y"],
        "wrong": ["inv(X^T X) X^T y + lam y", "inv(X^T X - lam I) X^T y", "inv(X^T X + lam I) y", "inv(X^T X) X^T y"],
        "asked": ["X^T y / (X^T X + lam I)"]},
    "mlp.linear-no-activation": {
        "right": ["W2 W1", "W_2 W_1", "W2*W1", "W2 @ W1", "M = W2W1", "(W1^T W2^T)^T"],
        "wrong": ["W1 W2", "W1^T W2^T", "W2^T W1", "W2 + W1"],
        "asked": ["W2 W1 x"]},
    "mlp.linear-backward-dw": {
        "right": ["G^T x", "Gᵀx", "(x^T G)^T", "G'x", "dL/dW = G.T @ x"],
        "wrong": ["x^T G", "G^T x W", "G x", "W"],
        "asked": ["G^T X"]},
    "mlp.linear-backward-dx": {
        "right": ["G W", "GW", "G @ W", "(W^T G^T)^T", "dL/dx = G*W"],
        "wrong": ["W^T G^T", "G^T x", "G", "x"],
        "asked": ["G W / W"]},
    "cnn.learn-filter": {
        "right": ["inv(A^T A) A^T h", "(AᵀA)⁻¹Aᵀh", "solve(A'A, A'h)", "g = (A^TA)^{-1}A^Th", "inv(A^T A) (h^T A)^T"],
        "wrong": ["A^T h", "inv(A A^T) A^T h", "inv(A^T A) h", "A^T A h"],
        "asked": ["A^+ h"]},
    "und.ga-linear-classifier": {
        "right": ["w/(2 lam)", "inv(2 lam I) w", "w/(2λ)", r"\frac{w}{2\lambda}", "x* = 1/2 inv(lam) w",
                  "(2 lam I)^-1 w", "I w/(2 lam)", "w/(2*lam*I)", "inv(2*lam*I)*w"],
        "wrong": ["2 lam w", "w", "I w", "lam w / 2", "w/lam"],
        "asked": ["w/2lam", "w/2 lam"]},
    "und.inversion-linear": {
        "right": ["inv(A^T A + lam I) A^T phi0", "(AᵀA+λI)⁻¹Aᵀφ0", "inv(A^TA+lamI)A^Tphi0",
                  r"(A^\top A + \lambda I)^{-1} A^\top \phi_0", "solve(A'A + lam I, A'phi0)"],
        "wrong": ["inv(A^T A) A^T phi0", "A^T phi0", "inv(A^T A - lam I) A^T phi0", "inv(A A^T + lam I) A^T phi0"],
        "asked": ["inv(A^T A + lam I) A^T Φ0"]},
    "sty.gram-definition": {
        "right": ["F F^T", "F Fᵀ", "F F'", "G = F @ F.T", "(F F^T)^T"],
        "wrong": ["F**T F", "F^T F", "F", "2 F F^T"],
        "asked": ["F ⊙ F"]},
    "sty.style-loss-gradient": {
        "right": ["4 (F F^T - A) F", "4 F F^T F - 4 A F", "4(FFᵀ − A)F", "4(F F' - A^T) F", "(F F^T - A) F * 4"],
        "wrong": ["2 (F F**T - A) F", "2 (F F**T - A)", "4 (F^T F - A) F", "(F F^T - A) F"],
        "asked": ["4 (G - A) F"]},
    "seq.cross-attention-scores": {
        "right": ["X Wq Wk^T C^T", "X W_q W_k^T C^T", "(X Wq)(C Wk)^T", "X @ Wq @ Wk.T @ C.T", "S = XWqWkᵀCᵀ"],
        "wrong": ["C Wk Wq^T X^T", "X Wq Wk C^T", "X Wq Wk^T", "X Wq (C Wk)"],
        "asked": ["Q K^T"]},
    "gen.pca-reconstruction": {
        "right": ["X U U^T", "XUUᵀ", "(X U) U^T", "X @ U @ U.T", "X_hat = X U U'"],
        "wrong": ["X U", "U U^T X", "X U^T U", "X"],
        "asked": ["X U U^T + mu"]},
    "dif.ip-adapter-output": {
        "right": ["At Ct Wv + lam Ai Ci Wi", "A_t C_t W_v + λ A_i C_i W_i", "lam Ai Ci Wi + At Ct Wv",
                  "At@Ct@Wv + lam*Ai@Ci@Wi", "Z = AtCtWv + λAiCiWi"],
        "wrong": ["At Ct Wv + Ai Ci Wi", "lam (At Ct Wv + Ai Ci Wi)", "At Ct Wi + lam Ai Ci Wv", "At Ct Wv"],
        "asked": ["At Ct Wv + lam Ai Ci Wi + b"]},
    "vis.quadratic-fit-predictions": {
        "right": ["Phi inv(Phi^T Phi) Phi^T z", "Φ(ΦᵀΦ)⁻¹Φᵀz", "Phi solve(Phi'Phi, Phi'z)",
                  "ẑ = Phi (Phi^T Phi)^{-1} Phi^T z", "Phi @ inv(Phi.T @ Phi) @ Phi.T @ z"],
        "wrong": ["inv(Phi^T Phi) Phi^T z", "Phi Phi^T z", "z", "Phi inv(Phi Phi^T) Phi^T z"],
        "asked": ["Phi w"]},
}


def _fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))


def numeric_corpus(question, checker, variant) -> dict[str, list[str]]:
    """Right, wrong and asked forms of a numeric question's variant, computed from its answer."""
    from mlvc_review.quiz.checkers.numeric import precision
    from mlvc_review.quiz.checkers.rounding import rounded_forms

    want = checker.want(question, variant)
    unit = f" {question.unit.en}" if question.unit else ""
    forms = [text for text, _ in rounded_forms(want, precision(question))]
    shown = checker.shown_want(question, variant)
    right = [repr(want), shown, f"{forms[0]}{unit}", f"x = {forms[-1]}.", _fullwidth(forms[0]), f"{forms[0]}{unit}.",
             f"≈ {forms[0]}", f"{want:.8e}"]
    if want < 0:
        right.append(forms[0].replace("-", "−"))
    if float(want).is_integer() and abs(want) >= 1000:
        right.append(f"{int(want):,}")
    step = question.tolerance.abs + question.tolerance.rel * abs(want) + abs(want) * 0.05 + 1
    wrong = [repr(want + 3 * step), repr(want - 3 * step), repr(-want - 3 * step if want >= 0 else -want + 3 * step)]
    asked = [f"{forms[0]} furlongs", "0,5", f"{forms[0]} +"]
    return {"right": right, "wrong": wrong, "asked": asked}


def corpus_for(question, checker, variant) -> dict[str, list[str]]:
    if question.type == "numeric":
        return numeric_corpus(question, checker, variant)
    return HAND[question.id]
