#!/usr/bin/env python3
"""Writes small .npy and IDX fixtures for NpyReaderTest, IdxReaderTest and DataFilesTest.

Run from the repository root:  python3 tools/testdata/npy_idx_fixtures.py
Outputs go to sgdlab-core/src/test/resources/data/npy/ and .../data/idx/.

.npy: every 2-D file holds the 3x4 array F = (arange(12).reshape(3, 4) - 2) * 0.5 (floats) or
I = arange(12).reshape(3, 4) - 2 (signed ints) or U = arange(12).reshape(3, 4) * 20 (uint8).
IDX: 3 images of 2x2 unsigned bytes (pixel value 10*i + j) with labels 7, 3, 7.
"""
import gzip
import os

import numpy as np

BASE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     "..", "..", "sgdlab-core", "src", "test", "resources", "data"))


def npy(name, arr, version=None):
    path = os.path.join(BASE, "npy", name)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=version)
    print("wrote", path)


def main():
    os.makedirs(os.path.join(BASE, "npy"), exist_ok=True)
    os.makedirs(os.path.join(BASE, "idx"), exist_ok=True)
    F = (np.arange(12).reshape(3, 4) - 2) * 0.5
    I = np.arange(12).reshape(3, 4) - 2
    U = np.arange(12).reshape(3, 4) * 20
    npy("f8_c.npy", F.astype("<f8"))
    npy("f8_fortran.npy", np.asfortranarray(F.astype("<f8")))
    npy("f8_big.npy", F.astype(">f8"))
    npy("f8_big_fortran.npy", np.asfortranarray(F.astype(">f8")))
    npy("f4.npy", F.astype("<f4"))
    npy("f4_big.npy", F.astype(">f4"))
    npy("i1.npy", I.astype("i1"))
    npy("i2_big.npy", I.astype(">i2"))
    npy("i4.npy", I.astype("<i4"))
    npy("i8.npy", I.astype("<i8"))
    npy("u1.npy", U.astype("u1"))
    npy("f8_v2.npy", F, version=(2, 0))
    npy("f8_v3.npy", F, version=(3, 0))
    npy("vector.npy", np.array([1.0, -1.0, 1.0]))
    npy("pair_X.npy", F)
    npy("pair_y.npy", np.array([1.0, -1.0, 1.0]))

    images = np.array([[[10 * i + j for j in range(2)] for _ in range(2)] for i in range(3)], dtype=np.uint8)
    images[:, 1, :] += 1  # image i: [[10i, 10i+1], [10i+1, 10i+2]]
    labels = np.array([7, 3, 7], dtype=np.uint8)
    img_bytes = bytes([0, 0, 8, 3]) + np.array([3, 2, 2], dtype=">i4").tobytes() + images.tobytes()
    lbl_bytes = bytes([0, 0, 8, 1]) + np.array([3], dtype=">i4").tobytes() + labels.tobytes()
    for name, data in (("tiny-images-idx3-ubyte", img_bytes), ("tiny-labels-idx1-ubyte", lbl_bytes)):
        with open(os.path.join(BASE, "idx", name), "wb") as f:
            f.write(data)
        # gzip-compressed copies: one with .gz, one without (detection is by content)
        with gzip.GzipFile(os.path.join(BASE, "idx", name + ".gz"), "wb", mtime=0) as f:
            f.write(data)
    with gzip.GzipFile(os.path.join(BASE, "idx", "gzipped-no-suffix.idx"), "wb", mtime=0) as f:
        f.write(img_bytes)
    floats = np.array([[0.5, -1.25], [3.0, 1e-3]], dtype=">f4")
    with open(os.path.join(BASE, "idx", "floats.idx"), "wb") as f:
        f.write(bytes([0, 0, 0x0D, 2]) + np.array([2, 2], dtype=">i4").tobytes() + floats.tobytes())
    print("wrote idx fixtures")


if __name__ == "__main__":
    main()
