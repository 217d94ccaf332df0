#!/usr/bin/python3
"""Reference trajectories of torch.optim optimizers for sgdlab's TorchAgreementTest.

Run with Debian's torch (1.13):  /usr/bin/python3 tools/torch/make_optimizer_vectors.py
Writes sgdlab-core/src/test/resources/optim/torch_vectors.txt.

Problem: the quadratic f(w) = 1/2 w^T A w - b^T w in float64 with A, b, w0 below (all written into
the output file). The gradient g = A w - b is computed in plain Python floats with a left-to-right
sum, exactly as the Java test does, and handed to torch as p.grad, so the only arithmetic that can
differ between the two is the optimizer's own. Each configuration runs 100 steps with
foreach=False (torch's single-tensor code path) and records w after every step.

Output format (one item per line, numbers as Python repr, which Java's Double.parseDouble reads
back exactly):
    dim <d>
    A <d*d numbers, row major>
    b <d numbers>
    w0 <d numbers>
    case <id> <sgdlab name> <key=value ...>      (hyperparameters by torch's keyword names)
    step <t> <d numbers>                          (w after step t, t = 1..100)
"""
import os
import torch

D = 5
STEPS = 100

# A = M M^T / D + 0.5 I with a fixed M: symmetric positive definite, eigenvalues in about [0.5, 3]
M = [[((3 * i + 7 * j) % 11 - 5) / 5.0 for j in range(D)] for i in range(D)]
A = [[sum(M[i][k] * M[j][k] for k in range(D)) / D + (0.5 if i == j else 0.0) for j in range(D)] for i in range(D)]
B = [(-1.0) ** i * (i + 1) / 3.0 for i in range(D)]
W0 = [1.0, -1.0, 0.5, 2.0, -0.3]


def grad(w):
    g = []
    for i in range(D):
        s = 0.0
        for j in range(D):
            s += A[i][j] * w[j]
        g.append(s - B[i])
    return g


# (id, torch class, torch kwargs, sgdlab name, sgdlab hyperparameters)
CASES = [
    ("sgd_plain", torch.optim.SGD, dict(lr=0.1), "sgd", dict(lr=0.1)),
    ("sgd_momentum", torch.optim.SGD, dict(lr=0.05, momentum=0.9), "sgd", dict(lr=0.05, momentum=0.9)),
    ("sgd_dampening", torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.3), "sgd",
     dict(lr=0.05, momentum=0.9, dampening=0.3)),
    ("sgd_nesterov", torch.optim.SGD, dict(lr=0.05, momentum=0.8, nesterov=True), "sgd",
     dict(lr=0.05, momentum=0.8, nesterov=1)),
    ("sgd_weight_decay", torch.optim.SGD, dict(lr=0.05, momentum=0.5, weight_decay=0.1), "sgd",
     dict(lr=0.05, momentum=0.5, weight_decay=0.1)),
    ("adam", torch.optim.Adam, dict(lr=0.05), "adam", dict(lr=0.05)),
    ("adam_weight_decay", torch.optim.Adam, dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05), "adam",
     dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.05)),
    ("adamw", torch.optim.AdamW, dict(lr=0.05), "adamw", dict(lr=0.05)),
    ("adamw_wd", torch.optim.AdamW, dict(lr=0.05, weight_decay=0.3), "adamw", dict(lr=0.05, weight_decay=0.3)),
    ("amsgrad", torch.optim.Adam, dict(lr=0.05, amsgrad=True), "amsgrad", dict(lr=0.05)),
    ("adamax", torch.optim.Adamax, dict(lr=0.05), "adamax", dict(lr=0.05)),
    ("adamax_weight_decay", torch.optim.Adamax, dict(lr=0.02, weight_decay=0.1), "adamax",
     dict(lr=0.02, weight_decay=0.1)),
    ("adagrad", torch.optim.Adagrad, dict(lr=0.5), "adagrad", dict(lr=0.5)),
    ("adagrad_decay_init", torch.optim.Adagrad,
     dict(lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.05), "adagrad",
     dict(lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.05)),
    ("rmsprop", torch.optim.RMSprop, dict(lr=0.01), "rmsprop", dict(lr=0.01)),
    ("rmsprop_centered", torch.optim.RMSprop, dict(lr=0.01, centered=True), "rmsprop", dict(lr=0.01, centered=1)),
    ("rmsprop_momentum", torch.optim.RMSprop, dict(lr=0.005, momentum=0.9), "rmsprop", dict(lr=0.005, momentum=0.9)),
    ("rmsprop_weight_decay", torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, weight_decay=0.1, eps=1e-6), "rmsprop",
     dict(lr=0.01, alpha=0.9, weight_decay=0.1, eps=1e-6)),
    ("rmsprop_all", torch.optim.RMSprop, dict(lr=0.005, centered=True, momentum=0.5, weight_decay=0.1), "rmsprop",
     dict(lr=0.005, centered=1, momentum=0.5, weight_decay=0.1)),
]


def run(cls, kwargs):
    p = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    opt = cls([p], foreach=False, **kwargs)
    out = []
    for _ in range(STEPS):
        g = grad(p.detach().tolist())
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        out.append(p.detach().tolist())
    return out


def nums(xs):
    return " ".join(repr(float(x)) for x in xs)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "sgdlab-core", "src", "test", "resources", "optim", "torch_vectors.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = ["# torch.optim reference trajectories, written by tools/torch/make_optimizer_vectors.py",
             "# torch " + torch.__version__ + ", float64, foreach=False, f(w) = 1/2 w^T A w - b^T w",
             "dim %d" % D, "A " + nums(x for row in A for x in row), "b " + nums(B), "w0 " + nums(W0)]
    for cid, cls, kwargs, name, hp in CASES:
        lines.append("case %s %s %s" % (cid, name, " ".join("%s=%r" % (k, float(v)) for k, v in hp.items())))
        for t, w in enumerate(run(cls, kwargs), start=1):
            lines.append("step %d %s" % (t, nums(w)))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%d cases x %d steps)" % (path, len(CASES), STEPS))


if __name__ == "__main__":
    main()
