#!/usr/bin/env python3
"""Workload 7, numpy peer of `Workloads minnorm`: the minimum-norm least-squares solution X^+ y by
np.linalg.lstsq(X, y, rcond=None) (LAPACK gelsd, SVD-based; cutoff max(n, d) * eps, the same as sgdlab's default).

usage: minnorm_lstsq.py DATA.bin REPS OUT_W.bin
"""
import sys

import numpy as np

from benchio import read_data, result, timed, write_vector


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    reps, out = int(argv[2]), argv[3]
    cold, warm, warm_min, sol = timed(reps, lambda: np.linalg.lstsq(X, y, rcond=None))
    w, _, rank, _ = sol
    write_vector(out, w)
    result(impl="numpy-lstsq", numpy=np.__version__, n=X.shape[0], d=X.shape[1], reps=reps, cold_s=cold,
           warm_s=warm, warm_ms=warm * 1e3, rank=int(rank))


if __name__ == "__main__":
    main(sys.argv)
