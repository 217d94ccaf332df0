#!/usr/bin/env python3
"""numpy peer of `KernelWorkloads em` (issue 15, row K4): Euler-Maruyama for the d-dimensional Ornstein-Uhlenbeck
process dX = -theta X dt + s dW (theta = 1, s = 1) from x0 = (1, ..., 1) to T = 1, vectorized over the paths: each step
draws a (paths x d) block of standard normals with numpy's Generator (PCG64, ziggurat normals) into a preallocated
buffer and updates X in place, X <- X + (-theta X) h + s sqrt(h) xi (as X *= 1 - theta h; X += s sqrt(h) xi: three
passes over the block, no temporaries). Result: the sample mean and variance (ddof 1) of every coordinate of X_T, and
max_z, their largest deviation from Euler-Maruyama's exact law in standard errors (as KernelWorkloads.maxZ).

usage: em_numpy.py PATHS STEPS D REPS OUT
"""
import math
import sys
import time

import numpy as np

from benchio import result, timed, write_vector


def simulate(paths, steps, d, seed):
    theta, s, h = 1.0, 1.0, 1.0 / steps
    rng = np.random.default_rng(seed)
    x = np.ones((paths, d))
    xi = np.empty((paths, d))
    q, sh = 1.0 - theta * h, s * math.sqrt(h)
    for _ in range(steps):
        rng.standard_normal(out=xi)
        xi *= sh
        x *= q
        x += xi
    return np.concatenate([x.mean(axis=0), x.var(axis=0, ddof=1)])


def max_z(m, paths, d, steps):
    h = 1.0 / steps
    q = 1.0 - h
    mean = q ** steps
    var = h * (1 - q ** (2 * steps)) / (1 - q * q)
    z_mean = np.abs(m[:d] - mean) / math.sqrt(var / paths)
    z_var = np.abs(m[d:] - var) / (var * math.sqrt(2.0 / (paths - 1)))
    return float(max(z_mean.max(), z_var.max()))


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    paths, steps, d, reps = (int(v) for v in sys.argv[1:5])
    c0 = time.process_time()
    cold, warm, wmin, m = timed(reps, lambda: simulate(paths, steps, d, 2026))
    cpu = (time.process_time() - c0) / reps
    write_vector(sys.argv[5], m)
    result(impl="numpy-em", paths=paths, steps=steps, d=d, cold_s=cold, warm_s=warm, warm_min_s=wmin, cpu_mean_s=cpu,
           ns_per_path_step_dim=warm * 1e9 / (paths * steps * d), max_z=max_z(m, paths, d, steps))


if __name__ == "__main__":
    main()
