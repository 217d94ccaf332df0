#!/usr/bin/env python3
"""Whole-process peer of `sgdlab train` on seed 001's data (bench/run.sh workload `whole`): what a user of the seed's
numpy code runs as one process: start Python, import numpy, read the CSV with np.loadtxt, take the seed's T steps
of GD on the summed logistic loss from the seed's own start w0 = randn(2)·0.01 (numpy seed 42, after the data's
draws), print w. Verbatim from seed 001, experiment 1:

    def grad_logistic(w, X, y):
        z = y * (X @ w)
        return -X.T @ (y * np.exp(-z) / (1 + np.exp(-z)))
    for t in range(5000): w -= lr * grad_logistic(w, X, y)

usage: gd_logistic_csv.py DATA.csv STEPS LR

The CSV has a header line and the label in its last column (`sgdlab generate seed-exp1 --out DATA.csv`). Prints
`RESULT w=w0,w1`; the runner times the whole process from outside.
"""
import sys

import numpy as np


def grad_logistic(w, X, y):
    z = y * (X @ w)
    return -X.T @ (y * np.exp(-z) / (1 + np.exp(-z)))


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    data = np.loadtxt(argv[1], delimiter=",", skiprows=1)
    X, y = data[:, :-1], data[:, -1]
    steps, lr = int(float(argv[2])), float(argv[3])
    np.random.seed(42)
    np.random.randn(50, 2)  # the seed's two clouds, drawn before w0
    np.random.randn(50, 2)
    w = np.random.randn(2) * 0.01
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            w -= lr * grad_logistic(w, X, y)
    print("RESULT w=" + ",".join(repr(float(v)) for v in w), flush=True)


if __name__ == "__main__":
    main(sys.argv)
