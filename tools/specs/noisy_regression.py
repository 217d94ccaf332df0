#!/usr/bin/env python3
"""Writes docs/specs/noisy-regression.csv: 200 rows y = x·w* + 0.5·ε, x ~ N(0, I_5), w* = (1, -2, 0.5, 0, 3), ε ~ N(0, 1),
numpy seed 7. Over-determined and noisy, so that constant-step SGD keeps a noise floor (the sweep example's data)."""
import numpy as np

rng = np.random.default_rng(7)
n, d = 200, 5
x = rng.standard_normal((n, d))
w = np.array([1.0, -2.0, 0.5, 0.0, 3.0])
y = x @ w + 0.5 * rng.standard_normal(n)
with open("docs/specs/noisy-regression.csv", "w") as f:
    f.write(",".join(f"x{j}" for j in range(d)) + ",y\n")
    for i in range(n):
        f.write(",".join(repr(float(v)) for v in x[i]) + "," + repr(float(y[i])) + "\n")
