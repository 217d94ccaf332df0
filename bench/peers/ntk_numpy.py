#!/usr/bin/env python3
"""numpy peer of `KernelWorkloads ntk` (issue 14, row K1): the analytic ReLU NTK Gram matrix of the rows of X by the
recursion sgdlab-kernels' AnalyticNtk implements (002 §9.4; Arora et al. 2019, Thm 3.1), NTK parameterization,
c_sigma = 2, no biases, all layers trained, Sigma^(0)(x, x') = x^T x' (no 1/d):

    t = 0; (a, b, c) = (|x|^2, |x'|^2, x^T x')
    for h = 1 .. depth-1:  t += c;  rho = c/sqrt(ab);  theta = arccos(rho)
                           c = sqrt(ab) (sin theta + (pi - theta) cos theta)/pi     (= 2 E[relu(u) relu(v)])
                           t *= (pi - theta)/pi                                     (= 2 E[relu'(u) relu'(v)])
                           (a, b unchanged: 2 E[relu(u)^2] = a)
    Theta = t + c

The `neural-tangents` library (stax.serial(Dense, Relu, ..., Dense).kernel_fn) does not install on this machine (no
route to the package index; jax is not packaged by Debian), so this is the same recursion in numpy, vectorized over
the whole n x n matrix, X @ X.T through numpy's BLAS (Debian's OpenBLAS, OPENBLAS_NUM_THREADS threads).

usage: ntk_numpy.py DATA DEPTH REPS OUT     (REPS repetitions, the first cold; OUT gets K row-major, or /dev/null)
"""
import sys
import time

import numpy as np

from benchio import read_data, result, timed, write_vector


def ntk(X, depth):
    G = X @ X.T
    nrm = np.diag(G).copy()
    s = np.sqrt(np.multiply.outer(nrm, nrm))  # sqrt(a b) as sgdlab forms it: sqrt(a a) = a exactly, so rho_ii = 1
    t = np.zeros_like(G)
    c = G
    for _ in range(depth - 1):
        t += c
        rho = np.divide(c, s, out=np.zeros_like(c), where=s > 0)
        np.clip(rho, -1.0, 1.0, out=rho)
        theta = np.arccos(rho)
        sin = np.sqrt(np.maximum(0.0, (1.0 - rho) * (1.0 + rho)))
        step = (np.pi - theta) / (2.0 * np.pi)
        c = 2.0 * s * (sin / (2.0 * np.pi) + rho * step)
        t *= 2.0 * step
    return t + c


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    X, _ = read_data(sys.argv[1])
    depth = int(sys.argv[2])
    c0 = time.process_time()
    cold, warm, wmin, K = timed(int(sys.argv[3]), lambda: ntk(X, depth))
    cpu = (time.process_time() - c0) / int(sys.argv[3])
    write_vector(sys.argv[4], K)
    result(impl="numpy-ntk", n=X.shape[0], d=X.shape[1], depth=depth, cold_s=cold, warm_s=warm, warm_min_s=wmin, cpu_mean_s=cpu)


if __name__ == "__main__":
    main()
