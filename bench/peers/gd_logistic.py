#!/usr/bin/env python3
"""Workload 1, numpy peer of org.sgdlab.bench.GdLoop: full-batch GD on the summed logistic loss, from w0 = 0,
in seed 001's own formulation (verbatim):

    def grad_logistic(w, X, y):
        z = y * (X @ w)
        return -X.T @ (y * np.exp(-z) / (1 + np.exp(-z)))
    for t in range(T): w -= lr * grad_logistic(w, X, y)

usage: gd_logistic.py DATA.bin STEPS LR OUT_W.bin

Times the T-step loop once with time.perf_counter (data loading excluded; numpy has no JIT to warm up).
"""
import sys
import time

import numpy as np

from benchio import read_data, result, write_vector


def grad_logistic(w, X, y):
    z = y * (X @ w)
    return -X.T @ (y * np.exp(-z) / (1 + np.exp(-z)))


def main(argv):
    if len(argv) != 5:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    T, lr = int(argv[2]), float(argv[3])
    w = np.zeros(X.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        t0 = time.perf_counter()
        for _ in range(T):
            w -= lr * grad_logistic(w, X, y)
        t1 = time.perf_counter()
    write_vector(argv[4], w)
    result(impl="numpy-gd", n=X.shape[0], d=X.shape[1], steps=T, warm_s=t1 - t0,
           warm_ns_per_step=(t1 - t0) / T * 1e9, nonfinite_w=int(np.count_nonzero(~np.isfinite(w))))


if __name__ == "__main__":
    main(sys.argv)
