#!/usr/bin/python3
"""PyTorch per-step times for the networks of sgdlab-nn's StepTiming (org.sgdlab.nn.bench.StepTiming), float64.

Run with Debian's torch:  /usr/bin/python3 tools/torch-nn/step_timing.py [threads]
Prints the minimum over repeated blocks of the wall-clock time per call and the thread's CPU time per call over all
blocks (as StepTiming does; the CPU time is the calling thread's, comparable when torch runs one intra-op thread), for
torch's default intra-op thread count or the one given. A GD step is forward, backward and the in-place update w -= lr * grad; an HVP
is functorch's jvp of grad (forward-over-reverse).
"""
import sys
import time

import torch

try:
    from torch.func import grad, jvp
except ImportError:
    from functorch import grad, jvp

torch.set_default_dtype(torch.float64)
if len(sys.argv) > 1:
    torch.set_num_threads(int(sys.argv[1]))


def micros(step, warm, blocks, per):
    for _ in range(warm):
        step()
    best = float("inf")
    cpu0 = time.thread_time()
    for _ in range(blocks):
        t0 = time.perf_counter()
        for _ in range(per):
            step()
        best = min(best, (time.perf_counter() - t0) / per * 1e6)
    return best, (time.thread_time() - cpu0) / (blocks * per) * 1e6


def report(what, step, warm, blocks, per):
    wall, cpu = micros(step, warm, blocks, per)
    print("%-45s wall %10.2f us  cpu %10.2f us" % (what, wall, cpu))


def deep_linear():
    g = torch.Generator().manual_seed(1)
    X = torch.randn(100, 10, generator=g)
    Y = torch.randn(100, 10, generator=g)
    Ws = [(0.3 * torch.randn(10, 10, generator=g)).requires_grad_() for _ in range(3)]

    def step():
        out = X @ Ws[0].T @ Ws[1].T @ Ws[2].T
        loss = 0.5 * ((out - Y) ** 2).sum()
        for W in Ws:
            W.grad = None
        loss.backward()
        with torch.no_grad():
            for W in Ws:
                W -= 1e-4 * W.grad

    theta = torch.cat([W.detach().reshape(-1) for W in Ws])
    v = torch.randn(theta.shape, generator=g)

    def f(th):
        W1, W2, W3 = th[:100].reshape(10, 10), th[100:200].reshape(10, 10), th[200:].reshape(10, 10)
        return 0.5 * ((X @ W1.T @ W2.T @ W3.T - Y) ** 2).sum()

    report("deep linear 3 x (10x10), n=100, GD step", step, 2000, 20, 500)
    report("deep linear 3 x (10x10), n=100, HVP", lambda: jvp(grad(f), (theta,), (v,)), 500, 20, 200)


def mlp(widths, n, act, lossname, warm, blocks, per, label):
    g = torch.Generator().manual_seed(2)
    X = torch.randn(n, widths[0], generator=g)
    y = torch.where(X[:, 0] > 0, 1.0, -1.0)
    layers = []
    for i in range(1, len(widths)):
        bound = 1 / widths[i - 1] ** 0.5
        W = ((torch.rand(widths[i], widths[i - 1], generator=g) * 2 - 1) * bound).requires_grad_()
        b = ((torch.rand(widths[i], generator=g) * 2 - 1) * bound).requires_grad_()
        layers += [W, b]

    def forward(ps):
        h = X
        for i in range(0, len(ps), 2):
            h = h @ ps[i].T + ps[i + 1]
            if i + 2 < len(ps):
                h = act(h)
        return h.reshape(-1)

    def loss_of(ps):
        out = forward(ps)
        if lossname == "logistic":
            return torch.logaddexp(torch.zeros_like(out), -y * out).mean()
        return (0.5 * (out - y) ** 2).mean()

    def step():
        loss = loss_of(layers)
        for p in layers:
            p.grad = None
        loss.backward()

    sizes = [p.numel() for p in layers]
    shapes = [p.shape for p in layers]
    theta = torch.cat([p.detach().reshape(-1) for p in layers])
    v = torch.randn(theta.shape, generator=g)

    def f(th):
        ps, at = [], 0
        for s, sh in zip(sizes, shapes):
            ps.append(th[at:at + s].reshape(sh))
            at += s
        return loss_of(ps)

    report(label + ", gradient", step, warm, blocks, per)
    report(label + ", HVP", lambda: jvp(grad(f), (theta,), (v,)), warm, blocks, per)


if __name__ == "__main__":
    print("torch", torch.__version__, "threads", torch.get_num_threads())
    deep_linear()
    mlp([5, 16, 16, 1], 64, torch.tanh, "logistic", 500, 20, 200, "mlp 5-16-16-1 tanh, n=64")
    mlp([784, 256, 256, 1], 2000, torch.relu, "squared", 3, 5, 1, "mlp 784-256-256-1 relu, n=2000")
