#!/usr/bin/env python3
"""PyTorch peer of `KernelWorkloads entk` (issue 15, row K2): the empirical NTK Theta = J J^T of the 100-1024-1 relu
network f(x) = sqrt(2/1024) relu(x W1^T) W2^T (NTK parameterization, no biases; sgdlab-kernels' FullyConnectedNetwork)
at the parameters w0 on the 500 rows of X, float64 on the CPU, the way the PyTorch documentation computes an
empirical NTK: per-example Jacobians by vmap(jacrev(f)) (torch.func, or functorch on torch 1.13), flattened and
concatenated into J (500 x 103424), then J @ J.T.

usage: entk_torch.py DIR THREADS REPS OUT   (DIR holds kern_entk.bin and kern_entk_w0.bin from KernelWorkloads gen)
"""
import os
import sys
import time

if len(sys.argv) != 5:
    raise SystemExit(__doc__)
os.environ["OPENBLAS_NUM_THREADS"] = sys.argv[2]
os.environ["OMP_NUM_THREADS"] = sys.argv[2]

import numpy as np  # noqa: E402
import torch  # noqa: E402

try:
    from torch.func import jacrev, vmap  # noqa: E402
except ImportError:  # torch < 2.0 (Debian 12: 1.13)
    from functorch import jacrev, vmap  # noqa: E402

from benchio import read_data, result, timed, write_vector  # noqa: E402


def read_vector(path):
    raw = open(path, "rb").read()
    if raw[:8] != b"SGDLABW1":
        raise SystemExit(f"{path}: not an SGDLABW1 file")
    return np.frombuffer(raw, dtype="<f8", offset=16).astype(np.float64)


def main():
    d, threads, reps, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    torch.set_num_threads(threads)
    X_np, _ = read_data(f"{d}/kern_entk.bin")
    X = torch.from_numpy(X_np)
    w0 = read_vector(f"{d}/kern_entk_w0.bin")
    n0, width = X.shape[1], 1024
    W1 = torch.from_numpy(w0[: width * n0].reshape(width, n0).copy())
    W2 = torch.from_numpy(w0[width * n0:].reshape(1, width).copy())
    scale = (2.0 / width) ** 0.5

    def f(W1, W2, x):  # one example x (n0,) -> scalar
        h = torch.relu(x @ W1.T) * scale
        return (h @ W2.T)[0]

    def gram():
        j1, j2 = vmap(jacrev(f, argnums=(0, 1)), in_dims=(None, None, 0))(W1, W2, X)
        J = torch.cat([j1.reshape(X.shape[0], -1), j2.reshape(X.shape[0], -1)], dim=1)
        return J @ J.T

    c0 = time.process_time()
    cold, warm, wmin, K = timed(reps, gram)
    cpu = (time.process_time() - c0) / reps
    write_vector(out, K.numpy())
    result(impl="torch-entk", n=X.shape[0], p=w0.size, threads=threads, torch=torch.__version__, cold_s=cold,
           warm_s=warm, warm_min_s=wmin, cpu_mean_s=cpu)


if __name__ == "__main__":
    main()
