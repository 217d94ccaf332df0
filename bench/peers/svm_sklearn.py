#!/usr/bin/env python3
"""Workload 6, scikit-learn peer of `Workloads svm`: the hard-margin SVM with an intercept approximated by libsvm's
soft-margin C-SVC with a huge C, through sklearn:

    SVC(kernel='linear', C=1e10, tol=TOL, cache_size=200, shrinking=True)

w = coef_[0], b = intercept_[0] (decision function <w, x> + b, positive for class +1).

usage: svm_sklearn.py DATA.bin TOL REPS OUT_WB.bin      (writes (w, b) as one vector of length d + 1)
"""
import sys

import numpy as np
import sklearn
from sklearn.svm import SVC

from benchio import read_data, result, timed, write_vector


def main(argv):
    if len(argv) != 5:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    tol, reps, out = float(argv[2]), int(argv[3]), argv[4]

    def run():
        clf = SVC(kernel="linear", C=1e10, tol=tol)
        clf.fit(X, y)
        assert list(clf.classes_) == [-1.0, 1.0]
        return clf

    cold, warm, warm_min, clf = timed(reps, run)
    wb = np.append(clf.coef_[0], clf.intercept_[0])
    write_vector(out, wb)
    result(impl="sklearn-svc", sklearn=sklearn.__version__, n=X.shape[0], d=X.shape[1], tol=tol, reps=reps,
           cold_s=cold, warm_s=warm, warm_ms=warm * 1e3, support_vectors=int(clf.n_support_.sum()),
           min_margin=float(np.min(y * (X @ clf.coef_[0] + clf.intercept_[0]))))


if __name__ == "__main__":
    main(sys.argv)
