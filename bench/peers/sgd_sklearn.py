#!/usr/bin/env python3
"""Workload 4, scikit-learn peer of `Workloads sgd`: single-sample SGD on the logistic loss, samples in order,

    SGDClassifier(loss='log_loss', penalty=None, learning_rate='constant', eta0=LR, fit_intercept=False,
                  shuffle=False, max_iter=EPOCHS, tol=None, average=False)

whose update per sample i is w <- w - eta0 * dloss(<w, x_i>, y_i) * x_i with dloss = d/dp log(1 + exp(-y p))
(sklearn/linear_model/_sgd_fast.pyx: _plain_sgd and Log.dloss; with penalty None there is no weight decay; with
shuffle=False every epoch visits the rows in order). The final w is coef_[0].

usage: sgd_sklearn.py DATA.bin LR EPOCHS OUT_W.bin REPS
Times clf.fit(X, y) (input validation included; data loading excluded).
"""
import sys
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import SGDClassifier

from benchio import read_data, result, timed, write_vector


def main(argv):
    if len(argv) != 6:
        raise SystemExit(__doc__)
    X, y = read_data(argv[1])
    lr, epochs, out, reps = float(argv[2]), int(argv[3]), argv[4], int(argv[5])
    warnings.simplefilter("ignore")  # ConvergenceWarning: tol=None runs exactly max_iter epochs on purpose

    def run():
        clf = SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=lr, fit_intercept=False,
                            shuffle=False, max_iter=epochs, tol=None, average=False)
        clf.fit(X, y)
        assert list(clf.classes_) == [-1.0, 1.0] and clf.n_iter_ == epochs
        return clf.coef_[0].copy()

    cold, warm, warm_min, w = timed(reps, run)
    write_vector(out, w)
    samples = epochs * X.shape[0]
    result(impl="sklearn-sgd", sklearn=sklearn.__version__, n=X.shape[0], d=X.shape[1], epochs=epochs, reps=reps,
           cold_s=cold, warm_s=warm, warm_ns_per_sample=warm / samples * 1e9, warm_samples_per_s=samples / warm)


if __name__ == "__main__":
    main(sys.argv)
