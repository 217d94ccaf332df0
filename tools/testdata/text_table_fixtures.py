#!/usr/bin/env python3
"""Writes text tables as numpy and scikit-learn export them, for CsvReaderTest, LibsvmReaderTest and DataFilesTest.

Run from the repository root:  python3 tools/testdata/text_table_fixtures.py
Outputs go to sgdlab-core/src/test/resources/data/text/.

Every table holds the same 6 x 4 array T (3 feature columns, the label last), with values chosen to
exercise '%.18e' round trips: T = [[x0, x1, x2, y], ...] with x from a seeded normal draw scaled over
several decades and y = +-1. expected.npy holds T exactly (float64), so a reader must reproduce it bit
for bit from the text.

  savetxt_default.txt   np.savetxt(f, T)                                   space, '%.18e', no header
  savetxt_default.csv   the same bytes under a .csv name (numpy does not look at the name)
  savetxt_comma.csv     np.savetxt(f, T, delimiter=',')
  savetxt_tab.tsv       np.savetxt(f, T, delimiter='\\t')
  savetxt_hash_header.csv  np.savetxt(f, T, delimiter=',', header='a,b,c,y')  -> "# a,b,c,y" comment line
  savetxt_real_header.csv  np.savetxt(f, T, delimiter=',', header='a,b,c,y', comments='')  -> a real header
  savetxt_numeric_header.csv  header='1,2,3,4', comments='' -> a header of numeric-looking names
  savetxt_fmt_g.txt     np.savetxt(f, T, fmt='%.17g')                      shortest-ish decimal
  sklearn_default.svm   dump_svmlight_file(X, y, f)                        0-based indices, no comment
  sklearn_default.txt   the same bytes under a .txt name
  sklearn_comment.svm   dump_svmlight_file(X, y, f, comment='fixture')     0-based, says so in a comment
  sklearn_one_based.svm dump_svmlight_file(X, y, f, zero_based=False)      1-based indices
  sklearn_expected.npy  what load_svmlight_file(sklearn_default.svm) reads, densified with the label last
                        (scikit-learn writes 16 significant digits, so not always T's exact bits)
"""
import io
import os
import shutil

import numpy as np
from sklearn.datasets import dump_svmlight_file, load_svmlight_file

BASE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "..", "..", "sgdlab-core", "src", "test", "resources", "data", "text"))


def table():
    rng = np.random.default_rng(20240612)
    x = rng.standard_normal((6, 3)) * np.array([1e-7, 1.0, 1e5])
    x[1, 0] = 0.0          # a zero, so the sparse exports omit an entry
    x[4, 2] = 0.0
    x[2, 1] = -0.1         # not exactly representable
    y = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
    return np.column_stack([x, y])


def main():
    os.makedirs(BASE, exist_ok=True)
    t = table()
    np.save(os.path.join(BASE, "expected.npy"), t)

    def out(name):
        return os.path.join(BASE, name)

    np.savetxt(out("savetxt_default.txt"), t)
    shutil.copyfile(out("savetxt_default.txt"), out("savetxt_default.csv"))
    np.savetxt(out("savetxt_comma.csv"), t, delimiter=",")
    np.savetxt(out("savetxt_tab.tsv"), t, delimiter="\t")
    np.savetxt(out("savetxt_hash_header.csv"), t, delimiter=",", header="a,b,c,y")
    np.savetxt(out("savetxt_real_header.csv"), t, delimiter=",", header="a,b,c,y", comments="")
    np.savetxt(out("savetxt_numeric_header.csv"), t, delimiter=",", header="1,2,3,4", comments="")
    np.savetxt(out("savetxt_fmt_g.txt"), t, fmt="%.17g")

    x, y = t[:, :3], t[:, 3]
    dump_svmlight_file(x, y, out("sklearn_default.svm"))
    shutil.copyfile(out("sklearn_default.svm"), out("sklearn_default.txt"))
    dump_svmlight_file(x, y, out("sklearn_comment.svm"), comment="fixture")
    dump_svmlight_file(x, y, out("sklearn_one_based.svm"), zero_based=False)

    xs, ys = load_svmlight_file(out("sklearn_default.svm"), n_features=3)
    np.save(out("sklearn_expected.npy"), np.column_stack([xs.toarray(), ys]))
    for name in ("sklearn_comment.svm", "sklearn_one_based.svm"):
        xo, yo = load_svmlight_file(out(name), n_features=3, zero_based=(name != "sklearn_one_based.svm"))
        assert np.array_equal(xo.toarray(), xs.toarray()) and np.array_equal(yo, ys), name

    # numpy reads its own output back exactly: the fixtures are faithful
    for name in ("savetxt_default.txt", "savetxt_fmt_g.txt"):
        assert np.array_equal(np.loadtxt(out(name)), t), name
    assert np.array_equal(np.loadtxt(out("savetxt_comma.csv"), delimiter=","), t)
    print("wrote", BASE)


if __name__ == "__main__":
    main()
