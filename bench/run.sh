#!/usr/bin/env bash
# Side-by-side: sgdlab (org.sgdlab.bench.GdLoop) vs numpy (bench/gd_logistic.py, seed 001's formulation)
# on the same data, full-batch GD on the summed logistic loss with lr = 0.1 from w0 = 0.
#
#   bench/run.sh            # from the repository root or anywhere
#
# Environment: MVN (default mvn), RUNS (default 3 alternating runs per side), JAVA_REPS (default 5
# in-JVM repetitions of the whole T-step loop; the first is "cold", the median of the rest "warm"),
# NUMPY_THREADS (default 1: OpenBLAS/OMP/MKL pinned to one thread, like sgdlab's single-threaded loop;
# set to e.g. 2 to let numpy's BLAS use more threads).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=sgdlab-bench/target/benchmarks.jar
DATA=bench/data
MVN=${MVN:-mvn}
RUNS=${RUNS:-3}
JAVA_REPS=${JAVA_REPS:-5}
NUMPY_THREADS=${NUMPY_THREADS:-1}
LR=0.1
# workload: n d T
WORKLOADS=("100 2 100000" "10000 100 200")

log() { echo "[run.sh] $*" >&2; }

# ---- build the bench jar if it is missing or older than any source it is built from
if [[ ! -f $JAR ]] || [[ -n $(find sgdlab-core/src sgdlab-core/pom.xml sgdlab-bench/src sgdlab-bench/pom.xml pom.xml -newer "$JAR" -print -quit) ]]; then
  log "building $JAR"
  "$MVN" -q -pl sgdlab-core install -DskipTests
  "$MVN" -q -pl sgdlab-bench package
fi
GDLOOP=(java -cp "$JAR" org.sgdlab.bench.GdLoop)

# ---- peer availability
PEER=1
if ! command -v python3 >/dev/null 2>&1; then
  log "python3 not found: SKIPPING the numpy peer (sgdlab figures only)"; PEER=0
elif ! python3 -c "import numpy" >/dev/null 2>&1; then
  log "numpy not importable by $(command -v python3): SKIPPING the numpy peer (sgdlab figures only)"; PEER=0
fi
export OPENBLAS_NUM_THREADS=$NUMPY_THREADS OMP_NUM_THREADS=$NUMPY_THREADS MKL_NUM_THREADS=$NUMPY_THREADS

# ---- data, generated once
mkdir -p "$DATA" bench/results
for wl in "${WORKLOADS[@]}"; do
  read -r n d T <<<"$wl"
  f=$DATA/clouds_${n}x${d}.bin
  [[ -f $f ]] || "${GDLOOP[@]}" gen n="$n" d="$d" seed=1 out="$f" >&2
done

field() { # field KEY <<< "RESULT a=1 b=2"
  tr ' ' '\n' | sed -n "s/^$1=//p"
}
median() { # median of the arguments
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

ROWS=()
for wl in "${WORKLOADS[@]}"; do
  read -r n d T <<<"$wl"
  f=$DATA/clouds_${n}x${d}.bin
  tr_warm=(); tr_cold=(); di_warm=(); np_ns=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${GDLOOP[@]}" run data="$f" steps="$T" lr=$LR path=trainer reps="$JAVA_REPS" out="$DATA/w_sgdlab_trainer_${n}x${d}.bin")
    log "$out"; tr_warm+=("$(field warm_ns_per_step <<<"$out")"); tr_cold+=("$(field cold_ns_per_step <<<"$out")")
    if ((PEER)); then
      out=$(python3 bench/gd_logistic.py "$f" "$T" $LR "$DATA/w_numpy_${n}x${d}.bin")
      log "$out"; np_ns+=("$(field ns_per_step <<<"$out")")
    fi
    out=$("${GDLOOP[@]}" run data="$f" steps="$T" lr=$LR path=direct reps="$JAVA_REPS" out="$DATA/w_sgdlab_direct_${n}x${d}.bin")
    log "$out"; di_warm+=("$(field warm_ns_per_step <<<"$out")")
  done
  mt=$(median "${tr_warm[@]}"); mc=$(median "${tr_cold[@]}"); md=$(median "${di_warm[@]}")
  same=$("${GDLOOP[@]}" compare a="$DATA/w_sgdlab_direct_${n}x${d}.bin" b="$DATA/w_sgdlab_trainer_${n}x${d}.bin" | field max_rel)
  if ((PEER)); then
    mn=$(median "${np_ns[@]}")
    ratio=$(awk -v a="$mn" -v b="$mt" 'BEGIN {printf "%.1f", a / b}')
    cmp=$("${GDLOOP[@]}" compare a="$DATA/w_sgdlab_trainer_${n}x${d}.bin" b="$DATA/w_numpy_${n}x${d}.bin")
    rel=$(field max_rel <<<"$cmp")
  else
    mn="skipped"; ratio="-"; rel="-"
  fi
  ROWS+=("$(printf '| n=%s d=%s T=%s | %.0f | %.0f | %.0f | %s | %s | %s | %s |' "$n" "$d" "$T" "$mt" "$mc" "$md" \
    "$( [[ $mn == skipped ]] && echo skipped || printf '%.0f' "$mn")" "$ratio" "$rel" "$same")")
done

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
CORES=$(grep -c ^processor /proc/cpuinfo); LOAD=$(cut -d" " -f1-3 /proc/loadavg)
JV=$(java -version 2>&1 | head -2 | tr '\n' ' ')
NP=$( ((PEER)) && python3 -c 'import numpy, sys; print("numpy", numpy.__version__, "python", sys.version.split()[0])' || echo "numpy: not available")
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)   commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $CPU, $CORES cores; $JV; $NP; BLAS threads for numpy: $NUMPY_THREADS; load average at end: $LOAD"
  echo "runs: $RUNS alternating per side; sgdlab = median over runs of the in-JVM warm median ($JAVA_REPS reps, first rep = cold)"
  echo
  echo "| workload | sgdlab Trainer ns/step (warm) | sgdlab Trainer ns/step (cold, incl. JIT) | sgdlab direct loop ns/step (warm) | numpy ns/step | numpy/sgdlab (warm Trainer) | max rel diff final w, sgdlab vs numpy | max rel diff, direct vs Trainer |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "max rel diff = max_j |a_j - b_j| / max(|a_j|, |b_j|) over the final parameter vectors."
} | tee "bench/results/run-$(date -u +%Y%m%dT%H%M%SZ).txt" 2>/dev/null || true
