#!/usr/bin/env python3
"""numpy's float64 GEMM for issue 13's shapes: the peer of sgdlab-bench's GemmBenchmark.

C = op(A) @ op(B) with m x k x n = 1024x1024x1024 and 2000x784x256, forms NN, NT, TN (an operand stored
transposed and passed as a transposed view, which numpy hands to BLAS as a transpose flag, no copy), on 1 and 2
BLAS threads, into a preallocated C (matmul(..., out=c)). Prints one line per case:

  RESULT numpy <m>x<k>x<n> <form> threads=<t> best_ms=.. median_ms=.. gflops_best=.. gflops_median=.. kernel=<core>

The BLAS kernel is whatever OpenBLAS picks, or the one OPENBLAS_CORETYPE names: this script neither sets nor
unsets it (bench/gemm.sh runs it both ways and labels the runs). Threads are set through threadpoolctl when it
is installed, else through OpenBLAS's own *_set_num_threads found in the loaded library.

usage: gemm_numpy.py [reps]   (default 20 timed repetitions after 3 warm-up calls)
"""
import ctypes
import os
import sys
import time

import numpy as np

SHAPES = [(1024, 1024, 1024), (2000, 784, 256)]
FORMS = ["NN", "NT", "TN"]


def openblas_library():
    """The OpenBLAS shared library numpy has loaded, and the prefix of its exported names."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    for path in paths:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"), ("openblas", "")):
            try:
                getattr(lib, prefix + "_set_num_threads" + suffix)
                return lib, prefix, suffix
            except AttributeError:
                continue
    return None, None, None


LIB, PREFIX, SUFFIX = openblas_library()


def blas_call(name, *args, restype=None):
    f = getattr(LIB, PREFIX + "_" + name + SUFFIX)
    f.restype = restype
    return f(*args)


def set_threads(t):
    try:
        from threadpoolctl import threadpool_limits
        return threadpool_limits(t, user_api="blas")
    except ImportError:
        blas_call("set_num_threads", ctypes.c_int(t))
        return None


def describe():
    if LIB is None:
        return "?", "?"
    core = blas_call("get_corename", restype=ctypes.c_char_p).decode()
    config = blas_call("get_config", restype=ctypes.c_char_p).decode()
    return core, config


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    core, config = describe()
    print(f"# numpy {np.__version__}, {config}, kernel {core}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}", flush=True)
    rng = np.random.default_rng(13)
    for m, k, n in SHAPES:
        for form in FORMS:
            # stored operands: A is m x k (N) or k x m (T), B is k x n (N) or n x k (T)
            a = rng.standard_normal((m, k) if form[0] == "N" else (k, m))
            b = rng.standard_normal((k, n) if form[1] == "N" else (n, k))
            op_a = a if form[0] == "N" else a.T
            op_b = b if form[1] == "N" else b.T
            c = np.empty((m, n))
            for threads in (1, 2):
                limits = set_threads(threads)
                for _ in range(3):
                    np.matmul(op_a, op_b, out=c)
                times = []
                for _ in range(reps):
                    t0 = time.perf_counter()
                    np.matmul(op_a, op_b, out=c)
                    times.append(time.perf_counter() - t0)
                if limits is not None:
                    limits.restore_original_limits()
                times.sort()
                best, median = times[0], times[len(times) // 2]
                flops = 2.0 * m * n * k
                print(f"RESULT numpy {m}x{k}x{n} {form} threads={threads} best_ms={best * 1e3:.2f} "
                      f"median_ms={median * 1e3:.2f} gflops_best={flops / best / 1e9:.1f} "
                      f"gflops_median={flops / median / 1e9:.1f} kernel={core}", flush=True)


if __name__ == "__main__":
    main()
