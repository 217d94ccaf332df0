#!/usr/bin/env python3
"""Turns a LIBSVM linear-kernel model file (svm-train -t 0) into (w, b): w = sum_i coef_i x_i over the support
vectors, b = -rho, for the decision function <w, x> + b. LIBSVM's positive side is the first label of its
`label` line (the first label seen in training), so the signs are flipped when that label is -1.

usage: libsvm_model.py MODEL D OUT_WB.bin     (writes (w, b) as one vector of length D + 1)
Prints `RESULT impl=libsvm-model support_vectors=.. min_margin_on=...` details only about the model.
"""
import sys

import numpy as np

from benchio import result, write_vector


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    d = int(argv[2])
    w = np.zeros(d)
    rho, labels, in_sv, nsv = None, None, False, 0
    with open(argv[1]) as f:
        for line in f:
            parts = line.split()
            if not in_sv:
                if parts[0] == "rho":
                    rho = float(parts[1])
                elif parts[0] == "label":
                    labels = [int(v) for v in parts[1:]]
                elif parts[0] == "kernel_type" and parts[1] != "linear":
                    raise SystemExit("not a linear-kernel model")
                elif parts[0] == "SV":
                    in_sv = True
                continue
            coef = float(parts[0])
            for item in parts[1:]:
                j, v = item.split(":")
                w[int(j) - 1] += coef * float(v)
            nsv += 1
    if rho is None or labels is None or sorted(labels) != [-1, 1]:
        raise SystemExit(f"{argv[1]}: no rho / labels -1, +1 in the model")
    sign = 1.0 if labels[0] == 1 else -1.0
    write_vector(argv[3], np.append(sign * w, -sign * rho))
    result(impl="libsvm-model", support_vectors=nsv, first_label=labels[0])


if __name__ == "__main__":
    main(sys.argv)
