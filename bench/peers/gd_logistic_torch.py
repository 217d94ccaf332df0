#!/usr/bin/env python3
"""Workload 2, PyTorch peer of org.sgdlab.bench.GdLoop: full-batch GD on the summed logistic loss
L(w) = sum_i log(1 + exp(-y_i <x_i, w>)), float64 on the CPU, from w0 = 0, w <- w - lr * grad L(w), with the
gradient from autograd (the way a PyTorch user writes it: softplus(-margins).sum().backward()).

usage: gd_logistic_torch.py DATA.bin STEPS LR OUT_W.bin THREADS REPS

THREADS: torch.set_num_threads(THREADS), or "default" to leave PyTorch's own choice. The whole T-step loop is
run REPS times from w0 = 0 (first = cold: allocator and dispatcher warm-up; median of the rest = warm).
"""
import sys

import torch

from benchio import read_data, result, timed, write_vector


def main(argv):
    if len(argv) != 7:
        raise SystemExit(__doc__)
    X_np, y_np = read_data(argv[1])
    T, lr, out, threads, reps = int(argv[2]), float(argv[3]), argv[4], argv[5], int(argv[6])
    if threads != "default":
        torch.set_num_threads(int(threads))
    X = torch.from_numpy(X_np)
    y = torch.from_numpy(y_np)

    def run():
        w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
        for _ in range(T):
            loss = torch.nn.functional.softplus(-y * (X @ w)).sum()
            loss.backward()
            with torch.no_grad():
                w -= lr * w.grad
            w.grad = None
        return w.detach().numpy().copy()

    cold, warm, warm_min, w = timed(reps, run)
    write_vector(out, w)
    result(impl="torch-gd", torch=torch.__version__, threads=torch.get_num_threads(), n=X.shape[0], d=X.shape[1],
           steps=T, reps=reps, cold_s=cold, warm_s=warm, warm_ns_per_step=warm / T * 1e9,
           cold_ns_per_step=cold / T * 1e9)


if __name__ == "__main__":
    main(sys.argv)
