#!/usr/bin/env python3
"""numpy peer of org.sgdlab.bench.GdLoop: full-batch GD on the summed logistic loss, from w0 = 0,
in seed 001's own formulation (verbatim):

    def grad_logistic(w, X, y):
        z = y * (X @ w)
        return -X.T @ (y * np.exp(-z) / (1 + np.exp(-z)))
    for t in range(T): w -= lr * grad_logistic(w, X, y)

usage: gd_logistic.py DATA.bin STEPS [LR] [OUT_W.bin]

Reads the little-endian file written by `GdLoop gen` (b"SGDLABD1", int64 n, int64 d, X row-major
float64, y float64), times the T-step loop with time.perf_counter (data loading excluded), writes the
final w as b"SGDLABW1", int64 d, d float64, and prints one `RESULT key=value ...` line.
"""
import sys
import time

import numpy as np


def read_data(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:8] != b"SGDLABD1":
        raise SystemExit(f"{path}: not an SGDLABD1 file")
    n, d = (int(v) for v in np.frombuffer(raw, dtype="<i8", count=2, offset=8))
    payload = np.frombuffer(raw, dtype="<f8", offset=24)
    if payload.size != n * d + n:
        raise SystemExit(f"{path}: header says n={n}, d={d} but {payload.size} doubles follow")
    X = payload[: n * d].reshape(n, d).astype(np.float64)  # native-order, C-contiguous copy
    y = payload[n * d:].astype(np.float64)
    return X, y


def write_w(path, w):
    with open(path, "wb") as f:
        f.write(b"SGDLABW1")
        f.write(np.array([w.size], dtype="<i8").tobytes())
        f.write(np.ascontiguousarray(w, dtype="<f8").tobytes())


def grad_logistic(w, X, y):
    z = y * (X @ w)
    return -X.T @ (y * np.exp(-z) / (1 + np.exp(-z)))


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    T = int(argv[2])
    lr = float(argv[3]) if len(argv) > 3 else 0.1
    out = argv[4] if len(argv) > 4 else None
    w = np.zeros(X.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        t0 = time.perf_counter()
        for t in range(T):
            w -= lr * grad_logistic(w, X, y)
        t1 = time.perf_counter()
    if out:
        write_w(out, w)
    nonfinite = int(np.count_nonzero(~np.isfinite(w)))
    print(f"RESULT impl=numpy n={X.shape[0]} d={X.shape[1]} steps={T} "
          f"ns_per_step={(t1 - t0) / T * 1e9:.1f} nonfinite_w={nonfinite} w0={w[0]!r}")


if __name__ == "__main__":
    main(sys.argv)
