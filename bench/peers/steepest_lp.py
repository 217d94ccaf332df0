#!/usr/bin/env python3
"""Workload 3, numpy peer of `Workloads steepest`: steepest descent w.r.t. ||.||_p (002 eq. 8.5) on the summed
squared loss L(w) = sum_i (<x_i, w> - y_i)^2 / 2 from w0 = 0:

    g = X.T @ (X @ w - y)
    w <- w - lr * ||g||_q * sharp_p(g),   sharp_p(g) = sign(g) |g|^(q/p) / || |g|^(q/p) ||_p,   1/p + 1/q = 1

written as a numpy user would (np.linalg.norm for both norms). On 002 Fig. 8.1's data with p = 4/3 (q = 4).

usage: steepest_lp.py DATA.bin P LR STEPS OUT_W.bin
"""
import sys
import time

import numpy as np

from benchio import read_data, result, write_vector


def main(argv):
    if len(argv) != 6:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    p, lr, T = float(argv[2]), float(argv[3]), int(argv[4])
    q = p / (p - 1)
    w = np.zeros(X.shape[1])
    t0 = time.perf_counter()
    for _ in range(T):
        g = X.T @ (X @ w - y)
        t = np.abs(g) ** (q / p)
        w -= lr * np.linalg.norm(g, q) * np.sign(g) * t / np.linalg.norm(t, p)
    t1 = time.perf_counter()
    write_vector(argv[5], w)
    result(impl="numpy-steepest", p=p, steps=T, warm_s=t1 - t0, warm_ns_per_step=(t1 - t0) / T * 1e9)


if __name__ == "__main__":
    main(sys.argv)
