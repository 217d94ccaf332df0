#!/usr/bin/env python3
"""Measures how often NumPy's legacy randn depends on glibc's log not being correctly rounded.

NumpyLegacyRandom (Java) replays np.random.randn with a correctly rounded log. Its output can
differ from NumPy's for a polar-method pair only when the C library's log(r2) differs from the
correctly rounded log(r2) (and then often still agrees after the sqrt). This script replays the polar method in Python (math.log is the same libm log NumPy uses),
checks the replay against np.random.randn, and counts pairs whose log is not correctly rounded.

    python3 tools/testdata/numpy_log_agreement.py [seed] [pairs]
"""
import math
import sys
from decimal import Decimal, getcontext

import numpy as np

getcontext().prec = 60


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
    pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rs = np.random.RandomState(seed)
    replay, bad = [], 0
    for _ in range(pairs):
        while True:
            x1 = 2.0 * rs.random_sample() - 1.0
            x2 = 2.0 * rs.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        lg = math.log(r2)
        f = math.sqrt(-2.0 * lg / r2)
        replay += [f * x2, f * x1]
        bad += lg != float(Decimal(r2).ln())
    np.random.seed(seed)
    assert list(np.random.randn(2 * pairs)) == replay, "replay disagrees with numpy"
    print("seed %d: %d of %d pairs (%.4f %%) use a log that is not correctly rounded"
          % (seed, bad, pairs, 100.0 * bad / pairs))


if __name__ == "__main__":
    main()
