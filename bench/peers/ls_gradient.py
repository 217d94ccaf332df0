#!/usr/bin/env python3
"""Workload 5, numpy peer of `Workloads lsgrad`: the full-batch least-squares gradient

    g = X.T @ (X @ w - y)

at w_j = (-1)^j (j + 1) / d (j = 0..d-1, the point of Workloads.lsgradPoint), CALLS evaluations per repetition.

usage: ls_gradient.py DATA.bin CALLS REPS OUT_G.bin
"""
import sys

import numpy as np

from benchio import read_data, result, timed, write_vector


def main(argv):
    if len(argv) != 5:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    calls, reps, out = int(argv[2]), int(argv[3]), argv[4]
    n, d = X.shape
    j = np.arange(d)
    w = np.where(j % 2 == 0, 1.0, -1.0) * (j + 1) / d

    def run():
        for _ in range(calls):
            g = X.T @ (X @ w - y)
        return g

    cold, warm, warm_min, g = timed(reps, run)
    write_vector(out, g)
    sec = warm / calls
    result(impl="numpy-lsgrad", numpy=np.__version__, n=n, d=d, calls=calls, reps=reps, cold_s=cold, warm_s=warm,
           warm_ms_per_gradient=sec * 1e3, gb_per_s_two_passes=16.0 * n * d / sec * 1e-9)


if __name__ == "__main__":
    main(sys.argv)
