#!/usr/bin/env bash
# Issue 13 §2's GEMM table: sgdlab's Java kernel and its OpenBLAS backend (JMH, sgdlab-bench's GemmBenchmark) next to
# numpy's matmul (bench/peers/gemm_numpy.py), in GFLOP/s = 2mnk / time, for m×k×n = 1024³ and 2000×784×256, forms NN,
# NT, TN, on 1 and 2 threads.
#
#   bench/gemm.sh                  # everything (~15 min on the 2-core VM)
#   QUICK=1 bench/gemm.sh          # shorter JMH iterations and fewer numpy repetitions (~6 min)
#
# OpenBLAS (numpy's and sgdlab-blas's) runs twice, with OPENBLAS_CORETYPE=Haswell (the AVX2 kernel) and with it
# unset (the kernel OpenBLAS picks for this CPU): each run says which. This script sets or unsets that variable
# only for the commands it starts; nothing else does (never in tests or CI). The Java kernel does not read it.
#
# Environment: PY (the peer's Python; default python3 on the PATH: pick one whose numpy bundles the same OpenBLAS
# version as sgdlab-blas, 0.3.31, to compare kernels and not versions), JAVA_OPTS (default --add-modules
# jdk.incubator.vector; add -XX:TypeProfileLevel=121 to run the 512-bit tiles on JDK 17 too: Simd.SPECULATION_OPTION),
# MVN (./mvnw).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=sgdlab-bench/target/benchmarks.jar
PY=${PY:-python3}
MVN=${MVN:-./mvnw}
QUICK=${QUICK:-0}
read -r -a JOPTS <<<"${JAVA_OPTS:---add-modules jdk.incubator.vector}"
if ((QUICK)); then JMH=(-f 1 -wi 2 -i 3 -w 1 -r 1); REPS=8; else JMH=(-f 1 -wi 3 -i 5 -w 2 -r 2); REPS=20; fi
OUT=bench/results/gemm-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
log() { echo "[gemm.sh $(date -u +%H:%M:%S)] $*" >&2; }

if [[ ! -f $JAR ]] || [[ -n $(find sgdlab-core/src sgdlab-blas/src sgdlab-bench/src -newer "$JAR" -print -quit) ]]; then
  log "building $JAR"
  "$MVN" -o -q -B -DskipTests -pl sgdlab-bench -am package
fi

log "uptime: $(uptime)"
log "JMH: the Java kernel"
java "${JOPTS[@]}" -jar "$JAR" 'GemmBenchmark.java$' "${JMH[@]}" -rf json -rff "$OUT/java.json" >"$OUT/java.log" 2>&1
for core in Haswell unset; do
  log "JMH: OpenBLAS, OPENBLAS_CORETYPE=$core"
  if [[ $core == unset ]]; then run=(env -u OPENBLAS_CORETYPE); else run=(env OPENBLAS_CORETYPE=$core); fi
  "${run[@]}" java "${JOPTS[@]}" -jar "$JAR" 'GemmBenchmark.openblas' "${JMH[@]}" -rf json -rff "$OUT/openblas-$core.json" \
    >"$OUT/openblas-$core.log" 2>&1
  log "numpy ($PY), OPENBLAS_CORETYPE=$core"
  "${run[@]}" "$PY" bench/peers/gemm_numpy.py "$REPS" >"$OUT/numpy-$core.txt"
  "${run[@]}" java -cp "$JAR" -Dsgdlab.blas=openblas org.sgdlab.bench.GemmBenchmark\$Describe >"$OUT/openblas-$core.describe" 2>&1 || true
done
log "uptime: $(uptime)"

"$PY" - "$OUT" <<'PYEOF'
import json, re, sys, pathlib
out = pathlib.Path(sys.argv[1])
def jmh(path):
    rows = {}
    for r in json.loads(path.read_text()):
        p = r["params"]; m, k, n = map(int, p["shape"].split("x"))
        name = r["benchmark"].rsplit(".", 1)[1]
        ms = r["primaryMetric"]["score"]
        best = min(x for fork in r["primaryMetric"]["rawData"] for x in fork)
        rows[(p["shape"], p["form"], int(p["threads"]), name)] = (2 * m * n * k / ms / 1e6, 2 * m * n * k / best / 1e6)
    return rows
def numpy(path):
    rows, head = {}, ""
    for line in path.read_text().splitlines():
        if line.startswith("#"): head = line[2:]
        f = dict(x.split("=", 1) for x in line.split()[4:]) if line.startswith("RESULT") else None
        if f: rows[(line.split()[2], line.split()[3], int(f["threads"]))] = (float(f["gflops_best"]), float(f["gflops_median"]))
    return rows, head
java = jmh(out / "java.json")
print("GEMM, GFLOP/s: JMH mean over its iterations (and the best iteration), numpy median over its repetitions (and")
print(f"the best); the ratio is OpenBLAS off-heap (JMH mean) / numpy (median), same kernel. Raw files in {out}\n")
for core in ("Haswell", "unset"):
    blas = jmh(out / f"openblas-{core}.json"); npy, head = numpy(out / f"numpy-{core}.txt")
    desc = (out / f"openblas-{core}.describe").read_text().strip() if (out / f"openblas-{core}.describe").exists() else "?"
    print(f"OPENBLAS_CORETYPE={core}\n  sgdlab-blas: {desc}\n  numpy: {head}")
    print(f"  {'m×k×n':<15}{'form':<5}{'thr':>4}{'java':>14}{'blas double[]':>15}{'blas off-heap':>15}{'numpy':>14}{'ratio':>7}")
    for shape in ("1024x1024x1024", "2000x784x256"):
        for form in ("NN", "NT", "TN"):
            for t in (1, 2):
                nan = (float("nan"), float("nan"))
                j = java.get((shape, form, t, "java"), nan)
                b = blas.get((shape, form, t, "openblas"), nan)
                o = blas.get((shape, form, t, "openblasOffHeap"), nan)
                nb, nm = npy.get((shape, form, t), nan)
                cell = lambda x, y: f"{x:.1f} ({y:.1f})"
                print(f"  {shape:<15}{form:<5}{t:>4}{cell(*j):>14}{cell(*b):>15}{cell(*o):>15}{cell(nm, nb):>14}{o[0] / nm:>7.2f}")
    print()
PYEOF
