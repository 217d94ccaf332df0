"""File I/O shared by the peer scripts (the format of org.sgdlab.bench.BenchData, all little-endian):

data:   b"SGDLABD1", int64 n, int64 d, X as n*d float64 row-major, y as n float64
vector: b"SGDLABW1", int64 d, d float64

`result(**fields)` prints the one `RESULT key=value ...` line bench/run.sh parses.
"""
import statistics
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
    X = payload[: n * d].reshape(n, d).astype(np.float64)  # native-order, C-contiguous, writable copy
    y = payload[n * d:].astype(np.float64)
    return X, y


def write_vector(path, w):
    w = np.ascontiguousarray(np.ravel(w), dtype="<f8")
    with open(path, "wb") as f:
        f.write(b"SGDLABW1")
        f.write(np.array([w.size], dtype="<i8").tobytes())
        f.write(w.tobytes())


def timed(reps, fn):
    """Runs fn() reps times; returns (cold seconds, median of the others, min of the others, last result)."""
    secs, out = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        secs.append(time.perf_counter() - t0)
    warm = secs[1:] if reps > 1 else secs
    return secs[0], statistics.median(warm), min(warm), out


def result(**fields):
    parts = []
    for k, v in fields.items():
        parts.append(f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}")
    print("RESULT " + " ".join(parts), flush=True)
