#!/usr/bin/env python3
"""Writes the NumPy legacy-RNG test vectors used by NumpyLegacyRandomTest and GeneratorsTest.

Run from the repository root:  python3 tools/testdata/numpy_legacy_vectors.py
Outputs go to sgdlab-core/src/test/resources/data/. Every value is written as
"<float.hex> <repr>" so the Java test can compare bit for bit (Double.parseDouble reads hex floats).

NumPy's legacy gauss calls the C library's log(), which on glibc is not always correctly rounded.
The Java port uses a correctly rounded log, so normals from a polar-method pair whose log(r2) is not
correctly rounded here (the only ones that can differ) are marked with a third column "not-cr"; the test allows 3 ulp there and
checks every other value bit for bit. log_cr.txt holds "<x.hex> <correctly rounded log(x).hex>".
"""
import os
import sys

import math
import random
from decimal import Decimal, getcontext

import numpy as np

getcontext().prec = 60

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "..", "sgdlab-core", "src", "test", "resources", "data")


def cr_log(x):
    return float(Decimal(x).ln())


def not_cr_flags(seed, count):
    """For the first `count` legacy normals after seed(seed): True where glibc's log(r2) != CR log."""
    rs = np.random.RandomState(seed)
    flags, values = [], []
    while len(values) < count:
        while True:
            x1 = 2.0 * rs.random_sample() - 1.0
            x2 = 2.0 * rs.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        bad = math.log(r2) != cr_log(r2)
        values += [f * x2, f * x1]
        flags += [bad, bad]
    np.random.seed(seed)
    assert list(np.random.randn(count)) == values[:count], "polar-method replica disagrees with numpy"
    return flags[:count]


def write(name, header, values, flags=None):
    path = os.path.normpath(os.path.join(OUT, name))
    with open(path, "w") as f:
        f.write("# " + header + "\n")
        f.write("# numpy %s, python %s\n" % (np.__version__, sys.version.split()[0]))
        for i, v in enumerate(values):
            v = float(v)
            flag = " not-cr" if flags is not None and flags[i] else ""
            f.write("%s %r%s\n" % (v.hex(), v, flag))
    print("wrote", path)


def main():
    os.makedirs(OUT, exist_ok=True)

    np.random.seed(42)
    write("numpy_seed42_randn1000.txt", "np.random.seed(42); np.random.randn(1000)",
          np.random.randn(1000), not_cr_flags(42, 1000))

    np.random.seed(42)
    write("numpy_seed42_random_sample1000.txt", "np.random.seed(42); np.random.random_sample(1000)",
          np.random.random_sample(1000))

    vals, flags = [], []
    for seed in (0, 1, 12345, 2**32 - 1):
        flags.extend(not_cr_flags(seed, 25))
        np.random.seed(seed)
        vals.extend(np.random.randn(25))
    write("numpy_other_seeds_randn25.txt",
          "for seed in (0, 1, 12345, 2**32-1): np.random.seed(seed); np.random.randn(25)", vals, flags)

    # seed 001, experiment 1, exactly as its numpy code writes it
    np.random.seed(42)
    X_pos = np.random.randn(50, 2) + np.array([2, 2])
    X_neg = np.random.randn(50, 2) + np.array([-2, -2])
    X = np.vstack([X_pos, X_neg])
    y = np.array([1] * 50 + [-1] * 50)
    w = np.random.randn(2) * 0.01
    write("seed001_experiment1.txt",
          "seed 001 experiment 1: X (100x2, row-major), then y (100), then initial w (2)",
          list(X.ravel()) + list(y) + list(w),
          not_cr_flags(42, 200) + [False] * 100 + not_cr_flags(42, 202)[200:])

    rnd = random.Random(2024)
    xs = [rnd.random() for _ in range(1500)] + [math.ldexp(rnd.random() + 0.5, rnd.randint(-1070, 1020))
                                              for _ in range(500)]
    path = os.path.normpath(os.path.join(OUT, "log_cr.txt"))
    with open(path, "w") as f:
        f.write("# x.hex, correctly rounded log(x).hex (decimal, 60 digits)\n")
        for x in xs:
            if x > 0:
                f.write("%s %s\n" % (x.hex(), cr_log(x).hex()))
    print("wrote", path)


if __name__ == "__main__":
    main()
