#!/usr/bin/env python3
"""Writes the seed inputs of the reader fuzz tests (CsvReaderFuzzTest, LibsvmReaderFuzzTest, NpyReaderFuzzTest,
IdxReaderFuzzTest, MappedDatasetFuzzTest in sgdlab-core) into their Jazzer inputs directories.

Run from the repository root:  python3 tools/testdata/fuzz_seeds.py
Outputs: sgdlab-core/src/test/resources/org/sgdlab/data/<Test>Inputs/<method>/seed-*

Seeds are valid files of each format (copies of the reader fixtures under data/ plus a few small
hand-written ones), so the fuzzer starts from inputs that reach deep into each parser. Jazzer runs every
file of these directories in the default tests (regression mode); inputs it finds while fuzzing
(JAZZER_FUZZ=1) that crash are written there too, and a sample of its coverage corpus is committed
beside them as corpus-* files (see CONTRIBUTING.md, "Fuzzing the readers").
"""
import gzip
import os
import shutil
import struct

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RES = os.path.join(ROOT, "sgdlab-core", "src", "test", "resources")
DATA = os.path.join(RES, "data")
INPUTS = os.path.join(RES, "org", "sgdlab", "data")


def target(test, method):
    d = os.path.join(INPUTS, test + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("seed-"):
            os.remove(os.path.join(d, f))
    return d


def put(d, name, data):
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def copy(d, rel):
    shutil.copyfile(os.path.join(DATA, rel), os.path.join(d, "seed-" + os.path.basename(rel)))


def npy(header, payload, version=1):
    h = header.encode("latin1")
    pre = 10 if version == 1 else 12
    pad = (-(pre + len(h) + 1)) % 64
    h = h + b" " * pad + b"\n"
    length = struct.pack("<H", len(h)) if version == 1 else struct.pack("<I", len(h))
    return b"\x93NUMPY" + bytes([version, 0]) + length + h + payload


def main():
    d = target("CsvReaderFuzzTest", "csv")
    for f in ("savetxt_comma.csv", "savetxt_default.txt", "savetxt_fmt_g.txt", "savetxt_hash_header.csv",
              "savetxt_real_header.csv", "savetxt_numeric_header.csv", "savetxt_tab.tsv"):
        copy(d, "text/" + f)
    put(d, "header.csv", "a,b,y\n1,2,3\n4.5,-6e-3,1\n")
    put(d, "quoted.csv", '"x","a,b","y"\n"1",2,"3"\n# comment\n\n4,5,6\r\n')
    put(d, "semicolon.csv", "\ufeff1;2;3\r7;8;9\n")
    put(d, "utf8.csv", "\u00e9,\u03b2,y\n1,2,3\n")
    put(d, "whitespace.txt", "  1 2\t3\n y 5 6\n")

    d = target("LibsvmReaderFuzzTest", "libsvm")
    for f in ("sklearn_default.svm", "sklearn_comment.svm", "sklearn_one_based.svm"):
        copy(d, "text/" + f)
    put(d, "qid.svm", "1 qid:3 1:0.5 7:-2\n-1 qid:3 2:1e3 # tail\n\n+1 3:4\n")
    put(d, "onebased.svm", "# Column indices are one-based\n2 1:1 2:2 3:3\n")

    d = target("NpyReaderFuzzTest", "npy")
    for f in sorted(os.listdir(os.path.join(DATA, "npy"))):
        copy(d, "npy/" + f)
    put(d, "f8_3d.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 1), }", struct.pack("<2d", 1.5, -2)))
    put(d, "b1_empty.npy", npy("{'descr': '|b1', 'fortran_order': False, 'shape': (0, 3), }", b""))
    put(d, "u8_v2.npy", npy("{'descr': '>u8', 'fortran_order': True, 'shape': (2,), }", struct.pack(">2Q", 1, 2**64 - 1), 2))

    d = target("IdxReaderFuzzTest", "idx")
    for f in sorted(os.listdir(os.path.join(DATA, "idx"))):
        copy(d, "idx/" + f)
    put(d, "i32_2d.idx", struct.pack(">BBBB", 0, 0, 0x0C, 2) + struct.pack(">2i", 2, 2) + struct.pack(">4i", 1, -2, 3, 2**31 - 1))
    put(d, "f64_1d.idx.gz", gzip.compress(struct.pack(">BBBB", 0, 0, 0x0E, 1) + struct.pack(">i", 2) + struct.pack(">2d", 0.5, 7),
                                          mtime=0))

    # found by fuzzing: 2·10^9 rows of 0 values each made the every-other-row read spin 2·10^9 times (now a typed error)
    put(d, "regress-zero-row-length.idx", struct.pack(">BBBB", 0, 0, 0x08, 2) + struct.pack(">2i", 2000000000, 0))

    d = target("MappedDatasetFuzzTest", "sgdlabBinary")
    for n, dim in ((2, 3), (0, 1), (5, 1)):
        body = struct.pack("<%dd" % (n * dim), *[i - 0.5 for i in range(n * dim)]) + struct.pack("<%dd" % n, *[(-1) ** i for i in range(n)])
        put(d, "sgdlabd1_%dx%d.bin" % (n, dim), b"SGDLABD1" + struct.pack("<qq", n, dim) + body)
    copy(d, "npy/pair_X.npy")
    copy(d, "npy/f8_c.npy")


if __name__ == "__main__":
    main()
