#!/usr/bin/env bash
# Issue 5's side-by-side benchmark: sgdlab against the peers a user would pick (numpy, PyTorch, scikit-learn,
# LIBSVM), on the same data files, alternating, several runs each; prints the comparison table, the scale rows,
# the machine's memory bandwidth and the start-up time. See bench/README.md and docs/benchmarks.md.
#
#   bench/run.sh                      # everything (~10-15 min on the 2-core VM)
#   QUICK=1 bench/run.sh              # smaller sizes, 1 run per side (~1 min); the table says QUICK
#   bench/run.sh gd steepest          # only some workloads: gd torch steepest sgd lsgrad svm minnorm weakorder startup whole scale stream
#                                     #   nn-deeplinear nn-mlp nn-hvp nn-lanczos (the network rows, bench/nn-rows.sh)
#                                     #   k-ntk k-entk k-solve k-em (the kernel and SDE rows, bench/kernel-rows.sh)
#   bench/run.sh whole                # issue 12's whole-process rows only (./sgdlab beside numpy's whole process; ~5 min)
#   bench/run.sh ooc                  # opt-in: a 4 GB .npy trained through memory mapping under -Xmx1g (~5 min, 4.5 GB disk)
#
# Environment: RUNS (alternating runs per side; 3, QUICK 1), PY (the peers' Python; /usr/bin/python3, Debian's,
# which has numpy, torch, sklearn), NUMPY_THREADS (BLAS threads of numpy/sklearn, default 1 like sgdlab's
# single-threaded loops), JAVA_OPTS (default -Xmx3g -XX:+UseParallelGC --add-modules jdk.incubator.vector: sgdlab's
# SIMD kernels; leave the module out, or add -Dsgdlab.simd=false, to time the scalar kernels), MVN (./mvnw, the wrapper),
# WHOLE_RUNS (alternating whole-process runs per side in workload `whole`; 5, QUICK 3), WHOLE_CHECK_RUNS (runs of
# `check --quick` and of the --lr auto pair; 3).
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=sgdlab-bench/target/benchmarks.jar
DATA=bench/data
PEERS=bench/peers
MVN=${MVN:-./mvnw}
PY=${PY:-/usr/bin/python3}
QUICK=${QUICK:-0}
if ((QUICK)); then RUNS=${RUNS:-1}; WHOLE_RUNS=${WHOLE_RUNS:-3}; else RUNS=${RUNS:-3}; WHOLE_RUNS=${WHOLE_RUNS:-5}; fi
WHOLE_CHECK_RUNS=${WHOLE_CHECK_RUNS:-3}
NUMPY_THREADS=${NUMPY_THREADS:-1}
# The product's defaults (the launcher's options). Opt-in, measured as separate rows by hand: JAVA_OPTS="... -XX:TypeProfileLevel=121"
# lets JDK 17 run the 512-bit product kernels beside the 256-bit ones (Simd.SPECULATION_OPTION); not a default
# because with it a small two-thread MLP step still allocates 288 B (NoAllocationPerStepTest).
read -r -a JOPTS <<<"${JAVA_OPTS:--Xmx3g -XX:+UseParallelGC --add-modules jdk.incubator.vector}"
ALL=(gd torch steepest sgd lsgrad svm minnorm weakorder startup whole scale stream nn-deeplinear nn-mlp nn-hvp nn-lanczos k-ntk k-entk k-solve k-em)
if (($#)); then SELECTED=("$@"); else SELECTED=("${ALL[@]}"); fi

# sizes: default = issue 5's; QUICK = smaller, same code paths
if ((QUICK)); then
  GD_T=100000; TORCH_T=10000; ST_T=200000; BIG_N=20000; SVM_N=2000; SCALE_N=2000,20000,200000; SCALE_D=20,200,2000
  SCALE_NFIX=2000; STREAM_N=20000000; STREAM_REPS=5
else
  GD_T=1000000; TORCH_T=10000; ST_T=2000000; BIG_N=200000; SVM_N=8000; SCALE_N=2000,20000,200000; SCALE_D=20,200,2000
  SCALE_NFIX=20000; STREAM_N=20000000; STREAM_REPS=10
fi
BIG_D=200

log() { echo "[run.sh $(date -u +%H:%M:%S)] $*" >&2; }
selected() { local w; for w in "${SELECTED[@]}"; do [[ $w == "$1" ]] && return 0; done; return 1; }

# ---- build the bench jar (reactor build of sgdlab-bench and what it depends on; never `mvn install`); the
# whole-process and start-up rows run ./sgdlab only and do not need it
needs_jar=0
for w in "${SELECTED[@]}"; do [[ $w == whole || $w == startup ]] || needs_jar=1; done
if ((needs_jar)) && { [[ ! -f $JAR ]] || [[ -n $(find sgdlab-core/src sgdlab-oracles/src sgdlab-nn/src sgdlab-blas/src sgdlab-bench/src \
      sgdlab-kernels/src sgdlab-sde/src sgdlab-theory/src sgdlab-kernels/pom.xml sgdlab-sde/pom.xml sgdlab-theory/pom.xml \
      sgdlab-core/pom.xml sgdlab-oracles/pom.xml sgdlab-nn/pom.xml sgdlab-blas/pom.xml sgdlab-bench/pom.xml pom.xml \
      -newer "$JAR" -print -quit) ]]; }; then
  log "building $JAR"
  "$MVN" -o -q -DskipTests -pl sgdlab-bench -am package
fi
JW=(java "${JOPTS[@]}" -cp "$JAR" org.sgdlab.bench.Workloads)
JG=(java "${JOPTS[@]}" -cp "$JAR" org.sgdlab.bench.GdLoop)
export OPENBLAS_NUM_THREADS=$NUMPY_THREADS OMP_NUM_THREADS=$NUMPY_THREADS MKL_NUM_THREADS=$NUMPY_THREADS

# ---- peers: say clearly which are missing
py_has() { [[ -x $PY ]] && "$PY" -c "import $1" >/dev/null 2>&1; }
HAVE_NUMPY=0; HAVE_TORCH=0; HAVE_SKLEARN=0; HAVE_LIBSVM=0; HAVE_HYPERFINE=0
py_has numpy && HAVE_NUMPY=1 || log "PEER MISSING: numpy not importable by $PY (apt-get install python3-numpy): skipping the numpy rows"
py_has torch && HAVE_TORCH=1 || log "PEER MISSING: torch not importable by $PY (apt-get install python3-torch): skipping the PyTorch rows"
py_has sklearn && HAVE_SKLEARN=1 || log "PEER MISSING: sklearn not importable by $PY (apt-get install python3-sklearn): skipping the scikit-learn rows"
command -v svm-train >/dev/null 2>&1 && HAVE_LIBSVM=1 || log "PEER MISSING: svm-train not found (apt-get install libsvm-tools): skipping the LIBSVM row"
command -v hyperfine >/dev/null 2>&1 && [[ -x $PY ]] && HAVE_HYPERFINE=1   # (its JSON is read with $PY)
pyv() { "$PY" -c "import $1; print($1.__version__)" 2>/dev/null || echo "not installed"; }

# ---- the peers' OpenBLAS kernel. Debian's OpenBLAS (0.3.21, numpy's and torch's) does not know newer CPUs and falls
# back to its generic "Prescott" SSE3 kernel on them (seen on an Emerald Rapids Xeon: numpy's 1024^3 GEMM at 15 GFLOP/s
# instead of 56): a peer four times slower than it should be would flatter sgdlab. Unless OPENBLAS_CORETYPE is set
# already, a peer that reports Prescott on a CPU with AVX-512 (AVX2) runs with the kernel of that family -- Cooperlake
# when the CPU has avx512_bf16, else SkylakeX (Haswell) -- and so does sgdlab-blas's own OpenBLAS, so that both sides
# run the same kernel. The header of the table says which kernel ran and why.
PEER_BLAS_NOTE="OPENBLAS_CORETYPE as set by the environment (${OPENBLAS_CORETYPE:-unset})"
if [[ -z ${OPENBLAS_CORETYPE:-} && -x $PY ]]; then
  peer_core=$(OPENBLAS_VERBOSE=2 "$PY" -c "import numpy" 2>&1 | sed -n 's/^Core: //p' | head -1)
  if [[ $peer_core == Prescott ]]; then
    flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
    fix=""
    if [[ $flags == *" avx512_bf16"* ]]; then fix=Cooperlake
    elif [[ $flags == *" avx512f"* ]]; then fix=SkylakeX
    elif [[ $flags == *" avx2"* ]]; then fix=Haswell
    fi
    if [[ -n $fix ]]; then
      export OPENBLAS_CORETYPE=$fix
      PEER_BLAS_NOTE="OPENBLAS_CORETYPE=$fix for both sides (the peers' OpenBLAS detected this CPU as Prescott, its generic fallback)"
      log "peers' OpenBLAS detected $peer_core on this CPU: running every OpenBLAS (peers' and sgdlab-blas's) with OPENBLAS_CORETYPE=$fix"
    fi
  elif [[ -n $peer_core ]]; then
    PEER_BLAS_NOTE="OPENBLAS_CORETYPE unset (the peers' OpenBLAS chose $peer_core)"
  fi
fi

field() { tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }   # field KEY <<< "RESULT a=1 b=2"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
fmt_t() { awk -v s="$1" 'BEGIN { if (s >= 1) printf "%.3f s", s; else if (s >= 1e-3) printf "%.2f ms", s*1e3; else printf "%.1f µs", s*1e6 }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }   # false for nan

mkdir -p "$DATA" bench/results
gen() { # gen FILE kind=.. ... : generate once
  local f=$1; shift
  [[ -f $f ]] || "${JW[@]}" gen "$@" out="$f" >&2
}

ROWS=(); NOTES=(); EXTRA=()
# row WORKLOAD SGDLAB_SECONDS PEER PEER_SECONDS TARGET_RATIO TARGET_TEXT AGREE_METRIC AGREE_VALUE TOL [UNIT_DIVISOR UNIT]
#   ratio = peer time / sgdlab time; met = ratio >= TARGET_RATIO and the results agree (AGREE_VALUE <= TOL)
row() {
  local wl=$1 ts=$2 peer=$3 tp=$4 tr=$5 ttext=$6 am=$7 av=$8 tol=$9 ratio met
  if [[ $tp == skipped ]]; then
    ROWS+=("| $wl | $(fmt_t "$ts") | $peer | not installed, skipped | - | $ttext | - | - |"); return
  fi
  if le "$av" "$tol"; then
    ratio=$(awk -v a="$tp" -v b="$ts" 'BEGIN {printf "%.2f", a / b}')
    if [[ $tr == 0 ]]; then met=-; elif ge "$ratio" "$tr"; then met=yes; else met=NO; fi   # 0: no target, reported only
    ratio="${ratio}×"
  else
    ratio="MISMATCH"; met=NO
  fi
  ROWS+=("| $wl | $(fmt_t "$ts") | $peer | $(fmt_t "$tp") | $ratio | $ttext | $met | $am = $av (≤ $tol) |")
}

# ---------------------------------------------------------------- workload 1 (and 2): GD on the logistic loss
if selected gd || selected torch; then
  f=$DATA/clouds_100x2.bin; gen "$f" kind=clouds n=100 d=2 seed=1
fi
if selected gd; then
  s=(); p=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JG[@]}" run data="$f" steps=$GD_T lr=0.1 path=trainer reps=5 out=$DATA/w_gd_sgdlab.bin); log "$out"
    s+=("$(field warm_ns_per_step <<<"$out")")
    if ((HAVE_NUMPY)); then
      out=$("$PY" $PEERS/gd_logistic.py "$f" $GD_T 0.1 $DATA/w_gd_numpy.bin); log "$out"
      p+=("$(field warm_ns_per_step <<<"$out")")
    fi
  done
  ts=$(awk -v v="$(median "${s[@]}")" -v t=$GD_T 'BEGIN {print v * t * 1e-9}')
  if ((HAVE_NUMPY)); then
    tp=$(awk -v v="$(median "${p[@]}")" -v t=$GD_T 'BEGIN {print v * t * 1e-9}')
    av=$("${JW[@]}" compare a=$DATA/w_gd_sgdlab.bin b=$DATA/w_gd_numpy.bin | field max_rel)
  else tp=skipped; av=-; fi
  row "1. GD logistic n=100 d=2, $GD_T steps (Trainer + Optimizers.sgd)" "$ts" "numpy loop, seed 001's formulation" "$tp" 30 "≥ 30×" max_rel "$av" 1e-10
fi

if selected torch; then
  s=(); p1=(); pd=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JG[@]}" run data="$f" steps=$TORCH_T lr=0.1 path=trainer reps=31 out=$DATA/w_torch_sgdlab.bin); log "$out"
    s+=("$(field warm_ns_per_step <<<"$out")")
    if ((HAVE_TORCH)); then
      out=$("$PY" $PEERS/gd_logistic_torch.py "$f" $TORCH_T 0.1 $DATA/w_torch_1.bin 1 3); log "$out"
      p1+=("$(field warm_ns_per_step <<<"$out")")
      out=$(env -u OMP_NUM_THREADS -u OPENBLAS_NUM_THREADS -u MKL_NUM_THREADS "$PY" $PEERS/gd_logistic_torch.py "$f" $TORCH_T 0.1 $DATA/w_torch_default.bin default 3); log "$out"
      pd+=("$(field warm_ns_per_step <<<"$out")"); TORCH_DEFAULT_THREADS=$(field threads <<<"$out")
    fi
  done
  ts=$(awk -v v="$(median "${s[@]}")" -v t=$TORCH_T 'BEGIN {print v * t * 1e-9}')
  if ((HAVE_TORCH)); then
    tp=$(awk -v v="$(median "${p1[@]}")" -v t=$TORCH_T 'BEGIN {print v * t * 1e-9}')
    av=$("${JW[@]}" compare a=$DATA/w_torch_sgdlab.bin b=$DATA/w_torch_1.bin | field max_rel)
    row "2. GD logistic n=100 d=2, $TORCH_T steps" "$ts" "PyTorch float64 CPU, autograd, 1 thread" "$tp" 100 "≥ 100×" max_rel "$av" 1e-10
    tp=$(awk -v v="$(median "${pd[@]}")" -v t=$TORCH_T 'BEGIN {print v * t * 1e-9}')
    av=$("${JW[@]}" compare a=$DATA/w_torch_sgdlab.bin b=$DATA/w_torch_default.bin | field max_rel)
    row "2'. same" "$ts" "PyTorch, default threads ($TORCH_DEFAULT_THREADS; OMP_NUM_THREADS unset)" "$tp" 100 "≥ 100×" max_rel "$av" 1e-10
  else
    row "2. GD logistic n=100 d=2, $TORCH_T steps" "$ts" "PyTorch" skipped 100 "≥ 100×" - - -
  fi
fi

# ---------------------------------------------------------------- workload 3: steepest descent, Fig. 8.1
if selected steepest; then
  f=$DATA/fig81.bin; gen "$f" kind=fig81
  s=(); p=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JW[@]}" steepest data="$f" p=1.3333333333333333 lr=1e-4 steps=$ST_T reps=3 out=$DATA/w_st_sgdlab.bin); log "$out"
    s+=("$(field warm_s <<<"$out")")
    if ((HAVE_NUMPY)); then
      out=$("$PY" $PEERS/steepest_lp.py "$f" 1.3333333333333333 1e-4 $ST_T $DATA/w_st_numpy.bin); log "$out"
      p+=("$(field warm_s <<<"$out")")
    fi
  done
  if ((HAVE_NUMPY)); then tp=$(median "${p[@]}"); av=$("${JW[@]}" compare a=$DATA/w_st_sgdlab.bin b=$DATA/w_st_numpy.bin | field max_rel)
  else tp=skipped; av=-; fi
  row "3. steepest descent ‖·‖_{4/3}, Fig. 8.1, η=1e-4, $ST_T steps" "$(median "${s[@]}")" "numpy loop" "$tp" 50 "≥ 50×" max_rel "$av" 1e-9
fi

# ---------------------------------------------------------------- memory bandwidth (STREAM-like) and flops,
# measured right before workload 5 so that both see the same load
if selected stream; then
  JS=(java "${JOPTS[@]}" -cp "$JAR" org.sgdlab.bench.StreamBench)
  out1=$("${JS[@]}" n=$STREAM_N reps=$STREAM_REPS threads=1); log "$out1"
  out2=$("${JS[@]}" n=$STREAM_N reps=$STREAM_REPS threads=2); log "$out2"
  TRIAD1=$(field triad_best_gb_s <<<"$out1"); TRIAD2=$(field triad_best_gb_s <<<"$out2")
  EXTRA+=("STREAM-like Java kernels, 3 arrays of $STREAM_N doubles ($(awk -v n=$STREAM_N 'BEGIN {printf "%.0f", 8*n/1e6}') MB each), best of $STREAM_REPS, GB/s:")
  for k in copy scale add triad; do
    EXTRA+=("  $k: 1 thread $(field ${k}_best_gb_s <<<"$out1"), 2 threads $(field ${k}_best_gb_s <<<"$out2")")
  done
  MHZ=$(sed -n 's/^cpu MHz[[:space:]]*: //p' /proc/cpuinfo | head -1)
  EXTRA+=("Kernels.dot in L1 (1024 doubles): $(field dot_in_l1_gflop_s <<<"$out1") GFLOP/s; nominal peak at ${MHZ} MHz, 16 DP flop/cycle/core (2 × 256-bit FMA): $(awk -v m="$MHZ" 'BEGIN {printf "%.1f", m * 16 / 1000}') GFLOP/s per core")
fi

# ---------------------------------------------------------------- workloads 4, 5: the n × d = BIG_N × 200 clouds
if selected sgd || selected lsgrad; then
  f=$DATA/clouds_${BIG_N}x${BIG_D}.bin; gen "$f" kind=clouds n=$BIG_N d=$BIG_D seed=1
fi
if selected lsgrad; then
  sk=(); sr=(); p=(); bw=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JW[@]}" lsgrad data="$f" path=kernel calls=5 reps=5 out=$DATA/g_ls_kernel.bin); log "$out"
    sk+=("$(field warm_ms_per_gradient <<<"$out")"); bw+=("$(field gb_per_s_one_pass <<<"$out")")
    if ((HAVE_NUMPY)); then
      out=$("$PY" $PEERS/ls_gradient.py "$f" 5 5 $DATA/g_ls_numpy.bin); log "$out"
      p+=("$(field warm_ms_per_gradient <<<"$out")")
    fi
    out=$("${JW[@]}" lsgrad data="$f" path=risk calls=5 reps=5 out=$DATA/g_ls_risk.bin); log "$out"
    sr+=("$(field warm_ms_per_gradient <<<"$out")")
  done
  tk=$(awk -v v="$(median "${sk[@]}")" 'BEGIN {print v * 1e-3}'); trk=$(awk -v v="$(median "${sr[@]}")" 'BEGIN {print v * 1e-3}')
  LS_GBS=$(median "${bw[@]}")
  if ((HAVE_NUMPY)); then
    tp=$(awk -v v="$(median "${p[@]}")" 'BEGIN {print v * 1e-3}')
    av=$("${JW[@]}" compare a=$DATA/g_ls_kernel.bin b=$DATA/g_ls_numpy.bin | field normwise_rel)
    av2=$("${JW[@]}" compare a=$DATA/g_ls_risk.bin b=$DATA/g_ls_numpy.bin | field normwise_rel)
  else tp=skipped; av=-; av2=-; fi
  row "5. LS gradient Xᵀ(Xw−y) n=$BIG_N d=$BIG_D, Kernels.leastSquaresResidualGradient" "$tk" "numpy X.T @ (X @ w - y), $NUMPY_THREADS BLAS thread(s)" "$tp" 1.7 "≥ 1.7×" normwise_rel "$av" 1e-12
  LS_RISK_GBS=$(awk -v n="$BIG_N" -v d="$BIG_D" -v t="$trk" 'BEGIN {printf "%.3f", 8 * n * d / t / 1e9}')
  row "5'. same through EmpiricalRisk(SquaredLoss).gradientOnly (fixed row blocks on $(getconf _NPROCESSORS_ONLN) threads, same bits for any count)" "$trk" "numpy, as above" "$tp" 1.7 "≥ 1.7×" normwise_rel "$av2" 1e-12
fi

# the share of the measured bandwidth workload 5's kernel reaches (needs the stream and lsgrad workloads); the
# machine's bandwidth is the better of the 1- and 2-thread triads (on a loaded machine either can be the higher)
if [[ -n ${LS_GBS:-} && -n ${TRIAD1:-} ]]; then
  BW=$(awk -v a="$TRIAD1" -v b="$TRIAD2" 'BEGIN {print (a > b) ? a : b}')
  share=$(awk -v a="$LS_GBS" -v b="$BW" 'BEGIN {printf "%.0f", 100 * a / b}')
  if ge "$share" 60; then met=yes; else met=NO; fi
  ROWS+=("| 5''. bandwidth of workload 5's kernel (1 thread), one pass over X (8·n·d bytes) | $LS_GBS GB/s | STREAM triad, best of 1 thread ($TRIAD1 GB/s) and 2 threads ($TRIAD2 GB/s) | $BW GB/s | $share % | ≥ 60 % | $met | STREAM measured right before workload 5 |")
  if [[ -n ${LS_RISK_GBS:-} ]]; then
    share=$(awk -v a="$LS_RISK_GBS" -v b="$BW" 'BEGIN {printf "%.0f", 100 * a / b}')
    if ge "$share" 60; then met=yes; else met=NO; fi
    ROWS+=("| 5'''. bandwidth of workload 5' (the product's path, $(getconf _NPROCESSORS_ONLN) threads), one pass over X | $LS_RISK_GBS GB/s | STREAM triad, as above | $BW GB/s | $share % | ≥ 60 % | $met | same run |")
  fi
fi

if selected sgd; then
  s=(); p=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JW[@]}" sgd data="$f" lr=0.1 epochs=5 reps=3 out=$DATA/w_sgd_sgdlab.bin); log "$out"
    s+=("$(field warm_s <<<"$out")")
    if ((HAVE_SKLEARN)); then
      out=$("$PY" $PEERS/sgd_sklearn.py "$f" 0.1 5 $DATA/w_sgd_sklearn.bin 3); log "$out"
      p+=("$(field warm_s <<<"$out")")
    fi
  done
  if ((HAVE_SKLEARN)); then tp=$(median "${p[@]}"); av=$("${JW[@]}" compare a=$DATA/w_sgd_sgdlab.bin b=$DATA/w_sgd_sklearn.bin | field max_rel)
  else tp=skipped; av=-; fi
  row "4. single-sample SGD logistic n=$BIG_N d=$BIG_D, 5 epochs in order, η=0.1" "$(median "${s[@]}")" "sklearn SGDClassifier (time of fit)" "$tp" 5 "≥ 5× samples/s" max_rel "$av" 1e-9
fi


# ---------------------------------------------------------------- workload 6: hard-margin SVM
if selected svm; then
  f=$DATA/separable_${SVM_N}x50.bin; gen "$f" kind=separable n=$SVM_N d=50 gap=0.1 seed=1 libsvm=$DATA/separable_${SVM_N}x50.svm
  s=(); sh=(); pl=(); ps=(); kkt=""
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JW[@]}" svm data="$f" intercept=true reps=3 out=$DATA/wb_svm_sgdlab.bin); log "$out"
    s+=("$(field warm_s <<<"$out")"); kkt=$(field kkt <<<"$out"); nsv=$(field support_vectors <<<"$out")
    if ((HAVE_LIBSVM)); then
      t0=$(date +%s%N)
      svm-train -q -t 0 -c 1e10 -e 1e-6 -m 200 "$DATA/separable_${SVM_N}x50.svm" "$DATA/separable_${SVM_N}x50.model"
      t1=$(date +%s%N); pl+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1e-9}')")
      log "svm-train -t 0 -c 1e10 -e 1e-6: ${pl[-1]} s (whole process, incl. reading the text file)"
    fi
    if ((HAVE_SKLEARN)); then
      out=$("$PY" $PEERS/svm_sklearn.py "$f" 1e-6 1 $DATA/wb_svm_sklearn.bin); log "$out"
      ps+=("$(field warm_s <<<"$out")")
    fi
    out=$("${JW[@]}" svm data="$f" intercept=false reps=3); log "$out"
    sh+=("$(field warm_s <<<"$out")"); kkth=$(field kkt <<<"$out")
  done
  ts=$(median "${s[@]}")
  if le "$kkt" 1e-10; then kktok="KKT $kkt ≤ 1e-10"; else kktok="KKT $kkt > 1e-10: NOT MET"; fi
  if ((HAVE_LIBSVM)); then
    ("$PY" $PEERS/libsvm_model.py "$DATA/separable_${SVM_N}x50.model" 50 $DATA/wb_svm_libsvm.bin) >&2
    av=$("${JW[@]}" compare a=$DATA/wb_svm_sgdlab.bin b=$DATA/wb_svm_libsvm.bin | field normwise_rel)
    row "6. hard-margin SVM with intercept, n=$SVM_N d=50 ($kktok, $nsv SVs)" "$ts" "svm-train -t 0 -c 1e10 -e 1e-6" "$(median "${pl[@]}")" 2 "≥ 2×" "normwise_rel (w,b)" "$av" 1e-4
  else row "6. hard-margin SVM with intercept, n=$SVM_N d=50" "$ts" "LIBSVM svm-train" skipped 2 "≥ 2×" - - -; fi
  if ((HAVE_SKLEARN)); then
    av=$("${JW[@]}" compare a=$DATA/wb_svm_sgdlab.bin b=$DATA/wb_svm_sklearn.bin | field normwise_rel)
    row "6'. same" "$ts" "sklearn SVC(kernel='linear', C=1e10, tol=1e-6)" "$(median "${ps[@]}")" 2 "≥ 2×" "normwise_rel (w,b)" "$av" 1e-4
  fi
  EXTRA+=("homogeneous hard-margin SVM (no intercept; no peer solves it), n=$SVM_N d=50: sgdlab $(fmt_t "$(median "${sh[@]}")"), KKT $kkth")
fi

# ---------------------------------------------------------------- workload 7: minimum-norm solution
if selected minnorm; then
  f=$DATA/gaussian_300x1000.bin; gen "$f" kind=gaussian n=300 d=1000 seed=1
  s=(); p=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JW[@]}" minnorm data="$f" reps=21 out=$DATA/w_mn_sgdlab.bin); log "$out"; s+=("$(field warm_s <<<"$out")")
    if ((HAVE_NUMPY)); then
      out=$("$PY" $PEERS/minnorm_lstsq.py "$f" 5 $DATA/w_mn_numpy.bin); log "$out"; p+=("$(field warm_s <<<"$out")")
    fi
  done
  if ((HAVE_NUMPY)); then tp=$(median "${p[@]}"); av=$("${JW[@]}" compare a=$DATA/w_mn_sgdlab.bin b=$DATA/w_mn_numpy.bin | field normwise_rel)
  else tp=skipped; av=-; fi
  row "7. minimum-norm solution 300×1000, MinNormLeastSquares" "$(median "${s[@]}")" "numpy lstsq (gelsd), $NUMPY_THREADS BLAS thread(s)" "$tp" 0.6667 "within 1.5× (ratio ≥ 0.67)" normwise_rel "$av" 1e-10
fi

# ---------------------------------------------------------------- workload 13: the weak-order claim's SGD Monte Carlo
# (issue 15 §Performance) sgdlab's WeakOrderWorkload (sde.weak-order, logistic part, eta = 1/16, 16 steps, controlled
# paths, -Dsgdlab.threads=1) beside bench/peers/weakorder_numpy.py (the same estimator vectorized over paths, 1 BLAS
# thread); paths per second = paths / warm time; agreement: every test function's estimates within 5 combined
# standard errors (independent random numbers on the two sides).
if selected weakorder; then
  f=$DATA/weakorder_eta0.0625.txt
  [[ -f $f ]] || java "${JOPTS[@]}" -cp "$JAR" org.sgdlab.bench.WeakOrderMonteCarlo gen eta=0.0625 out="$f"
  if ((QUICK)); then WO_PATHS=8192; else WO_PATHS=65536; fi
  s=(); p=(); so=""; po=""
  for ((r = 1; r <= RUNS; r++)); do
    so=$(java "${JOPTS[@]}" -Dsgdlab.threads=1 -cp "$JAR" org.sgdlab.bench.WeakOrderMonteCarlo run eta=0.0625 paths=$WO_PATHS reps=5 seed=$r); log "$so"
    s+=("$(field warm_s <<<"$so")")
    if ((HAVE_NUMPY)); then
      po=$("$PY" $PEERS/weakorder_numpy.py "$f" $WO_PATHS 5 $r); log "$po"; p+=("$(field warm_s <<<"$po")")
    fi
  done
  if ((HAVE_NUMPY)); then
    tp=$(median "${p[@]}")
    av=0
    for g in x1 x2 squared_norm loss; do
      av=$(awk -v a="$(field mean_$g <<<"$so")" -v b="$(field mean_$g <<<"$po")" -v sa="$(field se_$g <<<"$so")" \
               -v sb="$(field se_$g <<<"$po")" -v m="$av" 'BEGIN {z = (a - b) / sqrt(sa * sa + sb * sb); if (z < 0) z = -z; printf "%.2f", (z > m ? z : m)}')
    done
  else tp=skipped; av=-; fi
  ts=$(median "${s[@]}")
  row "13. SGD Monte Carlo of sde.weak-order (logistic, η = 1/16, $WO_PATHS controlled paths; paths/s sgdlab $(awk -v n=$WO_PATHS -v t="$ts" 'BEGIN {printf "%.0f", n / t}')$( [[ $tp != skipped ]] && awk -v n=$WO_PATHS -v t="$tp" 'BEGIN {printf ", numpy %.0f", n / t}'))" \
      "$ts" "numpy vectorized over paths, $NUMPY_THREADS BLAS thread(s); sgdlab 1 thread" "$tp" 0 "— (reported)" max_z "$av" 5
fi

# ---------------------------------------------------------------- workload 8: start-up
if selected startup; then
  ./sgdlab --version >/dev/null 2>&1   # builds the CLI jar if stale; not timed
  for cmd in "./sgdlab --version" "./sgdlab list" "java -jar sgdlab-cli/target/sgdlab.jar --version"; do
    if ((HAVE_HYPERFINE)); then
      hyperfine -N -w 1 -r 10 --export-json bench/results/hyperfine.json "$cmd" >&2
      st=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' bench/results/hyperfine.json)
    else
      tt=()
      for ((k = 0; k < 10; k++)); do
        t0=$(date +%s%N); $cmd >/dev/null 2>&1; t1=$(date +%s%N)
        tt+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1e-9}')")
      done
      st=$(median "${tt[@]}")
    fi
    if le "$st" 1; then met=yes; else met=NO; fi
    ROWS+=("| 8. \`$cmd\`, whole process (≥ time to first output) | $(fmt_t "$st") | — | — | — | < 1 s | $met | median of 10 $( ((HAVE_HYPERFINE)) && echo "(hyperfine)" || echo "(shell loop)") |")
  done
fi

# ---------------------------------------------------------------- workload 10-12: whole processes (issue 12 §5)
# What a user waits for: one process from start to exit, timed from outside by the shell's clock around the process
# (what /usr/bin/time reports; not hyperfine, so that sgdlab and the peer can alternate run by run), median of
# WHOLE_RUNS (check --quick and --lr auto: of WHOLE_CHECK_RUNS).
# sgdlab's side is the launcher (./sgdlab: JVM start with its CDS archive, CSV read, training, result.json, trace CSV,
# plots, index.html); numpy's is gd_logistic_csv.py (Python start, numpy import, loadtxt, the seed's loop).
whole_time() { # whole_time OUT CMD...: wall seconds of one run of CMD (its stdout in OUT, stderr dropped)
  local t0 t1
  t0=$(date +%s%N); "${@:2}" >"$1" 2>/dev/null || true; t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1e-9}'
}
json_w() { "$PY" -c 'import json,sys; print(",".join(repr(v) for v in json.load(open(sys.argv[1]))["summary"]["w"]))' "$1"; }
max_rel() { "$PY" -c 'import sys
a = [float(v) for v in sys.argv[1].split(",")]; b = [float(v) for v in sys.argv[2].split(",")]
print("%.3e" % max(abs(x - y) / max(abs(x), abs(y), 1e-300) for x, y in zip(a, b)) if len(a) == len(b) else "nan")' "$1" "$2"; }
if selected whole; then
  ./sgdlab --version >/dev/null 2>&1   # builds the CLI jar and its CDS archive if stale; not timed
  WHOLE_LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
  seed_csv=$DATA/seed001.csv
  [[ -f $seed_csv ]] || ./sgdlab generate seed-exp1 --out "$seed_csv" >&2
  for T in 10 5000 2000000; do
    s=(); p=()
    SG=(./sgdlab train --data "$seed_csv" --label y --loss logistic --reduction sum --optimizer gd --lr 0.1 --steps $T
        --init seed-exp1 --out bench/results/whole-train-$T)
    for ((r = 1; r <= WHOLE_RUNS; r++)); do
      s+=("$(whole_time /dev/null "${SG[@]}")")
      if ((HAVE_NUMPY)); then p+=("$(whole_time $DATA/whole-numpy-$T.txt "$PY" $PEERS/gd_logistic_csv.py "$seed_csv" $T 0.1)"); fi
      log "whole T=$T: sgdlab ${s[-1]} s$( ((HAVE_NUMPY)) && echo ", numpy ${p[-1]} s")"
    done
    if [[ $T == 10 ]]; then
      EXTRA+=("whole process, \`./sgdlab train\` GD on seed 001's CSV, 10 steps: $(fmt_t "$(median "${s[@]}")")$( ((HAVE_NUMPY)) && echo ", numpy's whole process $(fmt_t "$(median "${p[@]}")")") (median of $WHOLE_RUNS)")
      continue
    fi
    if [[ $T == 5000 ]]; then tr=0.5; ttext="≤ 2× numpy (ratio ≥ 0.5)"; else tr=10; ttext="≥ 10×"; fi
    if ((HAVE_NUMPY)); then
      tp=$(median "${p[@]}")
      av=$(max_rel "$(json_w bench/results/whole-train-$T/result.json)" "$(sed -n 's/^RESULT w=//p' $DATA/whole-numpy-$T.txt)")
    else tp=skipped; av=-; fi
    row "10. whole process: \`sgdlab train\` GD logistic on seed 001's CSV (100×2), $T steps, report and plots" \
      "$(median "${s[@]}")" "numpy's whole process: python3, import, loadtxt, seed 001's loop" "$tp" $tr "$ttext" "max_rel w" "$av" 1e-9
  done

  # check --quick: every claim, quick budget, the report
  s=()
  for ((r = 1; r <= WHOLE_CHECK_RUNS; r++)); do
    s+=("$(whole_time bench/results/whole-check.json ./sgdlab check --quick --json --out bench/results/whole-check)")
    log "whole check --quick: ${s[-1]} s"
  done
  ts=$(median "${s[@]}")
  counts=$("$PY" -c 'import json,sys,collections; r=json.load(open(sys.argv[1]))["results"]; c=collections.Counter(x["verdict"] for x in r); print(len(r), "claims:", ", ".join("%d %s" % (v, k) for k, v in sorted(c.items())))' bench/results/whole-check.json 2>/dev/null || echo "?")
  if le "$ts" 20; then met=yes; else met=NO; fi
  ROWS+=("| 11. whole process: \`./sgdlab check --quick\` ($counts) | $(fmt_t "$ts") | — | — | — | ≤ 20 s | $met | median of ${#s[@]} |")

  # --lr auto on a 200 000 × 50 CSV against the same process with a given step size (reading the CSV dominates it)
  iso=$DATA/iso_200000x50.csv
  if [[ ! -f $iso ]] && ((HAVE_NUMPY)); then
    "$PY" -c 'import sys, numpy as np
r = np.random.default_rng(0); X = r.standard_normal((200000, 50)); y = X @ r.standard_normal(50) + 0.1 * r.standard_normal(200000)
np.savetxt(sys.argv[1], np.column_stack([X, y]), delimiter=",", header=",".join(["x%d" % j for j in range(1, 51)] + ["y"]), comments="")' "$iso"
  fi
  if [[ -f $iso ]]; then
    sa=(); sr=()
    for ((r = 1; r <= WHOLE_CHECK_RUNS; r++)); do
      sr+=("$(whole_time /dev/null ./sgdlab train --data "$iso" --label y --loss squared --optimizer gd --lr 1e-6 --steps 1 --out bench/results/whole-read)")
      sa+=("$(whole_time /dev/null ./sgdlab train --data "$iso" --label y --loss squared --optimizer gd --lr auto --steps 1 --out bench/results/whole-auto)")
      log "whole --lr auto: read ${sr[-1]} s, auto ${sa[-1]} s"
    done
    eta=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["learning_rate"])' bench/results/whole-auto/result.json 2>/dev/null || echo "?")
    ts=$(median "${sa[@]}"); tp=$(median "${sr[@]}")
    ratio=$(awk -v a="$tp" -v b="$ts" 'BEGIN {printf "%.2f", a / b}')
    if ge "$ratio" 0.5; then met=yes; else met=NO; fi
    ROWS+=("| 12. whole process: \`sgdlab train --lr auto --steps 1\` on a 200000×50 CSV (isotropic Gaussian X) | $(fmt_t "$ts") | the same process with --lr 1e-6 (start, reading the CSV, 1 step, report) | $(fmt_t "$tp") | ${ratio}× | ≤ 2× reading (ratio ≥ 0.5) | $met | η = $eta |")
  else
    ROWS+=("| 12. \`--lr auto\` on a 200000×50 CSV | - | numpy needed to write the CSV | not installed, skipped | - | ≤ 2× reading | - | - |")
  fi
  EXTRA+=("whole-process rows (10-12): load average $WHOLE_LOAD0 at their start, $(cut -d' ' -f1-3 /proc/loadavg) at their end; $(getconf _NPROCESSORS_ONLN) cores; timed with $( ((HAVE_HYPERFINE)) && echo hyperfine || echo "the shell's clock around each process (hyperfine not installed)")")
fi

# ---------------------------------------------------------------- out of core (opt-in): a 4 GB .npy under -Xmx1g
# Full-batch GD through memory mapping on X of 2.5e6 × 200 float64 (4.0 GB) against the same loop over a 0.5 GB
# set held in the heap, alternating in one JVM, rows per second (org.sgdlab.bench.ScaleDriver).
if selected ooc; then
  OOC_N=$( ((QUICK)) && echo 625000 || echo 2500000 )
  big=$DATA/ooc_${OOC_N}x200.npy; mem=$DATA/ooc_312500x200.npy
  JS=(java -cp "$JAR" org.sgdlab.bench.ScaleDriver)
  [[ -f $big ]] || { log "writing $big"; "${JS[@]}" gen "$big" "$OOC_N" 200 >&2; }
  [[ -f $mem ]] || { log "writing $mem"; "${JS[@]}" gen "$mem" 312500 200 >&2; }
  for loss in logistic squared; do
    out=$(java -Xmx1g -XX:+UseParallelGC --add-modules jdk.incubator.vector -cp "$JAR" \
          org.sgdlab.bench.ScaleDriver compare "$mem" "$big" 3 "$loss" 5); log "$out"
    line=$(grep "median in-memory" <<<"$out")
    ratio=$(sed -n 's/.*mapped [^,]*, ratio \([0-9.]*\);.*/\1/p' <<<"$line")
    if ge "$ratio" 0.8; then met=yes; else met=NO; fi
    ROWS+=("| 9. out of core, $loss full-batch GD, X $(awk -v n="$OOC_N" 'BEGIN {printf "%.1f", 8 * n * 200 / 1e9}') GB mapped under -Xmx1g vs 0.5 GB in the heap | $(sed -n 's/.*mapped \([^,]*\),.*/\1/p' <<<"$line") | in-memory | $(sed -n 's/.*median in-memory \([^,]*\),.*/\1/p' <<<"$line") | ratio $ratio | ≥ 0.80 of in-memory | $met | same bits as in memory (tests) |")
  done
fi

# ---------------------------------------------------------------- the network rows (issue 13 §6)
NN_ROWS=(); NN_NOTES=()
if selected nn-deeplinear || selected nn-mlp || selected nn-hvp || selected nn-lanczos; then
  source bench/nn-rows.sh
fi

# ---------------------------------------------------------------- the kernel and SDE rows (issues 14, 15)
K_ROWS=(); K_NOTES=()
if selected k-ntk || selected k-entk || selected k-solve || selected k-em; then
  source bench/kernel-rows.sh
fi

# ---------------------------------------------------------------- scale rows
SCALE=()
if selected scale; then
  for kind in sgd grad; do
    for spec in "n=$SCALE_N d=200" "n=$SCALE_NFIX d=$SCALE_D"; do
      out=$("${JW[@]}" scale kind=$kind $spec reps=5)
      while read -r line; do
        log "$line"
        SCALE+=("| $( [[ $kind == sgd ]] && echo "SGD epoch (Trainer, batch 1, logistic)" || echo "full-batch LS gradient (EmpiricalRisk)") | $(field n <<<"$line") | $(field d <<<"$line") | $(field warm_us_per_epoch <<<"$line") | $(field ns_per_nonzero <<<"$line") |")
      done <<<"$out"
    done
  done
fi

# ---------------------------------------------------------------- report
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
CORES=$(grep -c ^processor /proc/cpuinfo)
JV=$(java -version 2>&1 | head -1)
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)   commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]] && echo ' (dirty)')$( ((QUICK)) && echo '   QUICK=1 (smaller sizes: not the issue targets)')"
  echo "machine: $CPU, $CORES cores ($(env -u OMP_NUM_THREADS nproc) available), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); $JV; JAVA_OPTS: ${JOPTS[*]}"
  echo "peers: $PY: numpy $(pyv numpy), torch $(pyv torch), sklearn $(pyv sklearn), scipy $(pyv scipy); libsvm: $( ((HAVE_LIBSVM)) && (dpkg-query -W -f '${Version}' libsvm-tools 2>/dev/null || echo present) || echo 'not installed'); BLAS threads (numpy/sklearn): $NUMPY_THREADS; $PEER_BLAS_NOTE"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); runs: $RUNS alternating per side; times are medians (sgdlab: median over runs of the in-JVM warm median; JIT-cold first repetition excluded)"
  echo
  if ((${#ROWS[@]})); then
    echo "| workload | sgdlab | peer | peer time | ratio (peer/sgdlab) | target | met? | results agree |"
    echo "|---|---:|---|---:|---:|---|---|---|"
    printf '%s\n' "${ROWS[@]}" | sort -s -n -k2,2   # by workload number (5 runs before 4, next to STREAM)
  fi
  if ((${#NN_ROWS[@]})); then
    echo
    echo "Networks (issue 13 §6), float64, $NN_THREADS threads on both sides unless stated; times per step/call/solve:"
    echo "median over $RUNS alternating runs of each process's warm median (best = fastest warm repetition; the spread is"
    echo "the runs' medians, min–max); whole process = one fresh process doing the stated work, start-up included (sgdlab / peer)."
    echo
    echo "| workload | sgdlab (best; spread) | peer | peer time (best; spread) | ratio peer/sgdlab | target | met? | whole process sgdlab / peer | allocation after warm-up | results agree | load avg (1 min) start → end |"
    echo "|---|---:|---|---:|---:|---|---|---|---|---|---|"
    printf '%s\n' "${NN_ROWS[@]}"
    if ((${#NN_NOTES[@]})); then echo; printf '%s\n' "${NN_NOTES[@]}"; fi
  fi
  if ((${#K_ROWS[@]})); then
    echo
    echo "Kernels and SDEs (issues 14, 15), float64, $K_THREADS threads on both sides unless stated: median over $RUNS alternating"
    echo "runs of each process's warm median (best = fastest warm repetition; spread = the runs' medians, min–max); CPU ="
    echo "process CPU time per repetition, all threads (sgdlab: JIT and GC included; the cold first repetition too), and"
    echo "its ratio peer/sgdlab; whole process = one fresh process doing the work once, start-up and loading included."
    echo
    echo "| workload | sgdlab (best; spread) | peer | peer time (best; spread) | ratio peer/sgdlab | CPU ratio (sgdlab / peer) | target | met? | whole process sgdlab / peer | results agree | load avg (1 min) start → end |"
    echo "|---|---:|---|---:|---:|---:|---|---|---|---|---|"
    printf '%s\n' "${K_ROWS[@]}"
    if ((${#K_NOTES[@]})); then echo; printf '%s\n' "${K_NOTES[@]}"; fi
  fi
  if ((${#SCALE[@]})); then
    echo
    echo "| scale row | n | d | µs per epoch | ns per nonzero |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${SCALE[@]}"
  fi
  if ((${#EXTRA[@]})); then echo; printf '%s\n' "${EXTRA[@]}"; fi
  echo
  echo "max_rel = max_j |a_j - b_j| / max(|a_j|, |b_j|); normwise_rel = max_j |a_j - b_j| / max_j |b_j|; a = sgdlab, b = peer."
} | tee "bench/results/run-$(date -u +%Y%m%dT%H%M%SZ).txt"
