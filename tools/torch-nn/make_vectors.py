#!/usr/bin/python3
"""Reference values of small networks in float64 from PyTorch, for sgdlab-nn's TorchNetworkAgreementTest.

Run with Debian's torch:  /usr/bin/python3 tools/torch-nn/make_vectors.py
Writes sgdlab-nn/src/test/resources/nn/torch_network_vectors.txt.

For each case: a multilayer perceptron in sgdlab's Mlp layout (W_l as torch's nn.Linear weight [out, in], then b_l,
then for normalized hidden layers gamma_l and beta_l), data X, targets y, parameters theta, a direction v, and
    value        L(theta)                               (sum or mean of per-example losses)
    gradient     grad L(theta)                          (functorch.grad)
    hvp          Hessian(L)(theta) v                    (forward-over-reverse: jvp of grad)
    per_example  d loss_i / d theta, one row per example (jacrev of the per-example losses)
    jvp_outputs  d f(X; theta)[v]                       (jvp of the network outputs)
The losses are written out from their definitions (as sgdlab's core defines them): squared 0.5 (f - y)^2, logistic
log(1 + e^{-y f}) as logaddexp(0, -y f), exponential e^{-y f}, squared hinge max(0, 1 - y f)^2, and softmax
cross-entropy (F.cross_entropy).

The HVP is forward-over-reverse (jvp of grad) where torch has forward-mode rules for every op; torch 1.13 lacks them
for the backward of F.batch_norm and F.cross_entropy, and there it is reverse-over-reverse (vjp of grad, double
backward). Both are exact; where both run the script requires them to agree to 1e-13 and records which one it wrote. Batch norm is F.batch_norm in training mode (biased batch variance, eps 1e-5), layer
norm F.layer_norm (eps 1e-5).

Output format (one item per line; numbers as Python repr, which Java's Double.parseDouble reads back exactly):
    case <id>
    widths <n0> ... <nL>
    activation <relu|tanh|softplus|sigmoid|identity|leaky-relu:<slope>>
    normalization <none|batch|layer>
    bias <0|1>
    loss <squared|logistic|exponential|squared-hinge|softmax-cross-entropy>
    reduction <sum|mean>
    X <n> <d> <n*d numbers, row major>
    y <n numbers>
    theta <p numbers>
    v <p numbers>
    value <number>
    gradient <p numbers>
    hvp_method <forward-over-reverse|reverse-over-reverse>
    hvp <p numbers>
    per_example <n> <p> <n*p numbers>
    jvp_outputs <n*k numbers>
    end
"""
import os

import torch
import torch.nn.functional as F

try:  # torch >= 2.0
    from torch.func import grad, jacrev, jvp, vjp
except ImportError:  # torch 1.13 (Debian bookworm): the same transforms under their earlier name
    from functorch import grad, jacrev, jvp, vjp

torch.set_default_dtype(torch.float64)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sgdlab-nn", "src", "test", "resources",
                   "nn", "torch_network_vectors.txt")

# (id, widths, activation, normalization, bias, loss, reduction, n, seed)
CASES = [
    ("relu_logistic_mean", [4, 8, 1], "relu", "none", True, "logistic", "mean", 12, 1),
    ("tanh_squared_sum_depth3", [3, 6, 5, 1], "tanh", "none", True, "squared", "sum", 10, 2),
    ("softplus_softmax_mean", [4, 7, 3], "softplus", "none", True, "softmax-cross-entropy", "mean", 12, 3),
    ("sigmoid_exponential_nobias", [3, 6, 1], "sigmoid", "none", False, "exponential", "mean", 9, 4),
    ("leaky_squaredhinge_sum", [3, 5, 4, 1], "leaky-relu:0.1", "none", True, "squared-hinge", "sum", 10, 5),
    ("deep_linear_squared", [5, 5, 5, 5, 1], "identity", "none", False, "squared", "mean", 8, 6),
    ("batchnorm_relu_squared", [3, 6, 6, 1], "relu", "batch", True, "squared", "mean", 10, 7),
    ("layernorm_tanh_logistic", [3, 5, 5, 1], "tanh", "layer", True, "logistic", "mean", 10, 8),
    ("batchnorm_tanh_softmax", [4, 6, 3], "tanh", "batch", False, "softmax-cross-entropy", "sum", 9, 9),
]


def layout(widths, normalization, bias):
    """(name, shape) in sgdlab's Mlp order."""
    blocks = []
    layers = len(widths) - 1
    for l in range(1, layers + 1):
        blocks.append(("W%d" % l, (widths[l], widths[l - 1])))
        if bias:
            blocks.append(("b%d" % l, (widths[l],)))
        if l < layers and normalization != "none":
            blocks.append(("gamma%d" % l, (widths[l],)))
            blocks.append(("beta%d" % l, (widths[l],)))
    return blocks


def unflatten(theta, blocks):
    out = {}
    at = 0
    for name, shape in blocks:
        size = 1
        for s in shape:
            size *= s
        out[name] = theta[at:at + size].reshape(shape)
        at += size
    return out


def activate(name, z):
    if name == "relu":
        return torch.relu(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "softplus":
        return torch.logaddexp(torch.zeros_like(z), z)
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "identity":
        return z
    if name.startswith("leaky-relu:"):
        return F.leaky_relu(z, float(name.split(":")[1]))
    raise ValueError(name)


def forward(theta, X, spec):
    widths, act, norm, bias = spec["widths"], spec["activation"], spec["normalization"], spec["bias"]
    p = unflatten(theta, spec["blocks"])
    h = X
    layers = len(widths) - 1
    for l in range(1, layers + 1):
        z = h @ p["W%d" % l].T
        if bias:
            z = z + p["b%d" % l]
        if l == layers:
            return z
        if norm == "batch":
            z = F.batch_norm(z, None, None, p["gamma%d" % l], p["beta%d" % l], training=True, eps=1e-5)
        elif norm == "layer":
            z = F.layer_norm(z, (widths[l],), p["gamma%d" % l], p["beta%d" % l], eps=1e-5)
        h = activate(act, z)


def per_example(theta, X, y, spec):
    f = forward(theta, X, spec)
    loss = spec["loss"]
    if loss == "softmax-cross-entropy":
        return F.cross_entropy(f, y.long(), reduction="none")
    f = f.reshape(-1)
    if loss == "squared":
        return 0.5 * (f - y) ** 2
    m = y * f
    if loss == "logistic":
        return torch.logaddexp(torch.zeros_like(m), -m)
    if loss == "exponential":
        return torch.exp(-m)
    if loss == "squared-hinge":
        return torch.clamp(1 - m, min=0) ** 2
    raise ValueError(loss)


def total(theta, X, y, spec):
    l = per_example(theta, X, y, spec)
    return l.sum() if spec["reduction"] == "sum" else l.mean()


def init(blocks, widths, gen):
    parts = []
    for name, shape in blocks:
        if name.startswith("gamma"):
            parts.append(1.0 + 0.2 * torch.randn(shape, generator=gen).reshape(-1))
        elif name.startswith("beta"):
            parts.append(0.2 * torch.randn(shape, generator=gen).reshape(-1))
        else:
            fan_in = widths[int(name[1:]) - 1]
            parts.append(torch.randn(shape, generator=gen).reshape(-1) / fan_in ** 0.5)
    return torch.cat(parts)


def fmt(t):
    return " ".join(repr(float(x)) for x in t.reshape(-1).tolist())


def main():
    lines = ["# generated by tools/torch-nn/make_vectors.py with torch " + torch.__version__ + " (float64)"]
    for cid, widths, act, norm, bias, loss, reduction, n, seed in CASES:
        gen = torch.Generator().manual_seed(seed)
        blocks = layout(widths, norm, bias)
        spec = dict(widths=widths, activation=act, normalization=norm, bias=bias, loss=loss, reduction=reduction,
                    blocks=blocks)
        d = widths[0]
        X = torch.randn((n, d), generator=gen)
        if loss == "softmax-cross-entropy":
            y = torch.randint(0, widths[-1], (n,), generator=gen).double()
        elif loss == "squared":
            y = torch.randn((n,), generator=gen)
        else:
            y = torch.where(torch.rand((n,), generator=gen) < 0.5, -1.0, 1.0)
        theta = init(blocks, widths, gen)
        v = torch.randn(theta.shape, generator=gen)

        def f(th):
            return total(th, X, y, spec)

        value = f(theta)
        g = grad(f)(theta)
        _, pullback = vjp(grad(f), theta)
        hv_rr = pullback(v)[0]
        try:
            _, hv = jvp(grad(f), (theta,), (v,))
            method = "forward-over-reverse"
            rel = ((hv - hv_rr).norm() / hv.norm()).item()
            assert rel <= 1e-13, "%s: the two HVPs differ by %g" % (cid, rel)
        except NotImplementedError:
            hv = hv_rr
            method = "reverse-over-reverse"
        rows = jacrev(lambda th: per_example(th, X, y, spec))(theta)
        _, jo = jvp(lambda th: forward(th, X, spec), (theta,), (v,))
        if loss == "squared-hinge":
            margins = y * forward(theta, X, spec).reshape(-1)
            assert torch.all((margins - 1).abs() > 1e-3), "a margin sits on the hinge"
        lines += [
            "case " + cid,
            "widths " + " ".join(str(w) for w in widths),
            "activation " + act,
            "normalization " + norm,
            "bias " + ("1" if bias else "0"),
            "loss " + loss,
            "reduction " + reduction,
            "X %d %d %s" % (n, d, fmt(X)),
            "y " + fmt(y),
            "theta " + fmt(theta),
            "v " + fmt(v),
            "value " + repr(float(value)),
            "gradient " + fmt(g),
            "hvp_method " + method,
            "hvp " + fmt(hv),
            "per_example %d %d %s" % (n, theta.numel(), fmt(rows)),
            "jvp_outputs " + fmt(jo),
            "end",
        ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("wrote", os.path.normpath(OUT), "(%d cases)" % len(CASES))
    for line in lines:
        if line.startswith("case ") or line.startswith("hvp_method "):
            print("  " + line)


if __name__ == "__main__":
    main()
