#!/usr/bin/env python3
"""numpy/scipy peer of `KernelWorkloads solve` (issue 15, row K3): (K + lambda I) alpha = y by LAPACK's Cholesky,
scipy.linalg.cho_factor (dpotrf) then cho_solve (dpotrs), Debian's OpenBLAS on OPENBLAS_NUM_THREADS threads. Timed:
the factorization and the solve only (wall clock; warm_cpu_s = the process's CPU time, all threads); the copy of K and the shift of its diagonal are made before the clock starts
(overwrite_a=True, check_finite=False: the most favourable settings).

usage: krr_numpy.py DATA LAMBDA REPS OUT   (DATA = kern_krr.bin: K as the n x n "X", y)
"""
import sys
import time

import numpy as np
import scipy.linalg as sl

from benchio import read_data, result, write_vector


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    K, y = read_data(sys.argv[1])
    lam, reps = float(sys.argv[2]), int(sys.argv[3])
    n = K.shape[0]
    secs, cpus, alpha = [], [], None
    for _ in range(reps):
        A = K.copy(order="F")                 # LAPACK's layout: no transposing copy inside cho_factor
        A.flat[:: n + 1] += lam
        c0, t0 = time.process_time(), time.perf_counter()
        c = sl.cho_factor(A, lower=True, overwrite_a=True, check_finite=False)
        alpha = sl.cho_solve(c, y, check_finite=False)
        secs.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    warm = sorted(secs[1:] if reps > 1 else secs)
    med = warm[len(warm) // 2] if len(warm) % 2 else 0.5 * (warm[len(warm) // 2 - 1] + warm[len(warm) // 2])
    write_vector(sys.argv[4], alpha)
    wc = sorted(cpus[1:] if reps > 1 else cpus)
    result(impl="scipy-cho", n=n, cold_s=secs[0], warm_s=med, warm_min_s=warm[0], warm_cpu_s=wc[len(wc) // 2],
           cpu_mean_s=sum(cpus) / len(cpus))


if __name__ == "__main__":
    main()
