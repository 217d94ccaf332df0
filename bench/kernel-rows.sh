# The kernel and SDE rows of bench/run.sh (issues 14 and 15): sgdlab-kernels and sgdlab-sde against numpy/scipy and
# PyTorch float64 on the CPU, side by side in one run, alternating, RUNS times per side. Sourced by run.sh (uses its
# JOPTS, JAR, PY, PEERS, DATA, RUNS, QUICK, HAVE_NUMPY, HAVE_TORCH, log, field, median, fmt_t, ge, le); fills K_ROWS and
# K_NOTES, which run.sh prints as a third table.
#
# Workloads (org.sgdlab.bench.KernelWorkloads; data from `KernelWorkloads gen`, once):
#   k-ntk    K1: analytic ReLU NTK Gram matrix, 2000 x 784 (MNIST-sized) inputs, depth 3    vs ntk_numpy.py (the same
#            recursion in numpy: `neural-tangents` does not install here)
#   k-entk   K2: empirical NTK of a 100-1024-1 relu network on 500 inputs, general path     vs entk_torch.py (vmap(jacrev))
#   k-solve  K3: kernel ridge (K + 1e-3 I) alpha = y, n = 5000                                vs krr_numpy.py (scipy cho_factor/cho_solve)
#            (twice: -Dsgdlab.blas=java, the blocked Java Cholesky; =openblas, sgdlab-blas's native dpotrf)
#   k-em     K4: Euler-Maruyama, 1e5 paths x 1e3 steps of a 10-d OU process                   vs em_numpy.py (numpy, vectorized over paths)
#
# Thread count: K_THREADS (default: the CPU count) for both sides (-Dsgdlab.threads; torch.set_num_threads plus
# OPENBLAS_NUM_THREADS); every row is also run on one thread (K*_1), where the process CPU times are compared too:
# on a loaded machine they move less than wall-clock times.

K_THREADS=${K_THREADS:-$(getconf _NPROCESSORS_ONLN)}
K_JOPTS=("${JOPTS[@]}")
[[ " ${K_JOPTS[*]} " == *" -Xmx"* ]] && K_JOPTS=("${K_JOPTS[@]/-Xmx3g/-Xmx8g}")
# kj THREADS ARGS...: KernelWorkloads with ARGS (those starting with -D go to the JVM)
kj() {
  local t=$1 a; shift
  local jv=() pa=()
  for a in "$@"; do if [[ $a == -D* ]]; then jv+=("$a"); else pa+=("$a"); fi; done
  java "${K_JOPTS[@]}" -Dsgdlab.threads="$t" "${jv[@]}" -cp "$JAR" org.sgdlab.bench.KernelWorkloads "${pa[@]}"
}
if ((QUICK)); then
  K_REPS=2; EM_PATHS=10000; EM_NP_REPS=1
else
  K_REPS=3; EM_PATHS=100000; EM_NP_REPS=2
fi
K_ROWS=(); K_NOTES=()
kload() { cut -d' ' -f1 /proc/loadavg; }
kwhole() { local t0 t1; t0=$(date +%s%N); "$@" >&2; t1=$(date +%s%N); awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1e-9}'; }
kmin() { printf '%s\n' "$@" | sort -g | head -1; }
kmax() { printf '%s\n' "$@" | sort -g | tail -1; }
# k_row NAME S_MED S_MIN S_SPREAD S_CPU PEER P_MED P_MIN P_SPREAD P_CPU TARGET TARGET_TEXT WHOLE AGREE_TEXT AGREE_OK LOADS
#   ratio = peer / sgdlab (medians of the warm medians); CPU ratio = peer CPU / sgdlab CPU per repetition (process)
k_row() {
  local name=$1 ts=$2 tsmin=$3 tssp=$4 sc=$5 peer=$6 tp=$7 tpmin=$8 tpsp=$9 pc=${10} tr=${11} ttext=${12} wh=${13} agree=${14} ok=${15} loads=${16}
  local ratio best met cpu
  if [[ $tp == skipped ]]; then
    K_ROWS+=("| $name | $(fmt_t "$ts") | $peer | not installed, skipped | - | - | $ttext | - | $wh | - | $loads |"); return
  fi
  ratio=$(awk -v a="$tp" -v b="$ts" 'BEGIN {printf "%.2f", a / b}')
  best=$(awk -v a="$tpmin" -v b="$tsmin" 'BEGIN {printf "%.2f", a / b}')
  cpu=$(awk -v a="$pc" -v b="$sc" 'BEGIN {printf "%.2f", a / b}')
  if ((ok)) && ge "$ratio" "$tr"; then met=yes; else met=NO; fi
  ((ok)) || ratio="MISMATCH ($ratio)"
  K_ROWS+=("| $name | $(fmt_t "$ts") (best $(fmt_t "$tsmin"); $tssp) | $peer | $(fmt_t "$tp") (best $(fmt_t "$tpmin"); $tpsp) | ${ratio}× (best-of ${best}×) | ${cpu}× ($(fmt_t "$sc") / $(fmt_t "$pc")) | $ttext | $met | $wh | $agree | $loads |")
}
JC=(java -cp "$JAR" org.sgdlab.bench.Workloads compare)

# ---------------------------------------------------------------- data (once)
[[ -f $DATA/kern_ntk.bin && -f $DATA/kern_entk.bin && -f $DATA/kern_entk_w0.bin && -f $DATA/kern_krr.bin ]] \
  || kj 1 gen dir="$DATA" >&2

# k_pair THREADS SGDLAB_ARGS... -- PEER_CMD... : RUNS alternating runs (sgdlab, peer, sgdlab, peer, ...); sets the
# arrays S, SMIN, SC (sgdlab: warm median, warm minimum, process CPU per repetition) and P, PMIN, PC (the peer), and
# SLAST, PLAST (the last RESULT lines)
k_pair() {
  local thr=$1; shift
  local sargs=() out
  while [[ $1 != -- ]]; do sargs+=("$1"); shift; done; shift
  S=(); SMIN=(); SC=(); P=(); PMIN=(); PC=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$(kj "$thr" "${sargs[@]}" 2>/dev/null | grep '^RESULT'); log "$out"
    S+=("$(field warm_s <<<"$out")"); SMIN+=("$(field warm_min_s <<<"$out")"); SC+=("$(field cpu_mean_s <<<"$out")")
    SLAST=$out
    if (($#)); then
      out=$(OPENBLAS_NUM_THREADS=$thr OMP_NUM_THREADS=$thr "$@" | grep '^RESULT'); log "$out"
      P+=("$(field warm_s <<<"$out")"); PMIN+=("$(field warm_min_s <<<"$out")"); PC+=("$(field cpu_mean_s <<<"$out")")
      PLAST=$out
    fi
  done
}
sp() { echo "$(fmt_t "$(kmin "$@")")–$(fmt_t "$(kmax "$@")")"; }

for thr in "$K_THREADS" 1; do
  tag=""; [[ $thr == 1 ]] && tag="₁"
  tt="$thr thread"; if ((thr > 1)); then tt+=s; fi
  # ---------------------------------------------------------------- K1: analytic NTK Gram matrix
  if selected k-ntk; then
    l0=$(kload)
    peer=(); ((HAVE_NUMPY)) && peer=("$PY" "$PEERS/ntk_numpy.py" "$DATA/kern_ntk.bin" 3 "$K_REPS" "$DATA/k_ntk_numpy.bin")
    k_pair "$thr" ntk dir="$DATA" depth=3 reps=$K_REPS out=$DATA/k_ntk_sgdlab.bin -- "${peer[@]}"
    wh=-
    if [[ $thr == "$K_THREADS" ]]; then
      ws=$(kwhole kj "$thr" ntk dir="$DATA" depth=3 reps=1)
      wp=-; ((HAVE_NUMPY)) && wp=$(OPENBLAS_NUM_THREADS=$thr kwhole "$PY" "$PEERS/ntk_numpy.py" "$DATA/kern_ntk.bin" 3 1 /dev/null)
      wh="$(fmt_t "$ws") / $( [[ $wp == - ]] && echo - || fmt_t "$wp")"
    fi
    if ((HAVE_NUMPY)); then
      av=$("${JC[@]}" a=$DATA/k_ntk_sgdlab.bin b=$DATA/k_ntk_numpy.bin | field normwise_rel); ok=0; le "$av" 1e-12 && ok=1
      k_row "K1$tag. analytic ReLU NTK Gram, 2000 × 784, depth 3 (GramMatrix + AnalyticNtk, $tt)" "$(median "${S[@]}")" "$(kmin "${SMIN[@]}")" "$(sp "${S[@]}")" "$(median "${SC[@]}")" \
        "numpy, the same recursion (neural-tangents not installable here; BLAS $tt)" "$(median "${P[@]}")" "$(kmin "${PMIN[@]}")" "$(sp "${P[@]}")" "$(median "${PC[@]}")" \
        1 "≥ 1×" "$wh" "normwise_rel(K) = $av (≤ 1e-12)" "$ok" "$l0 → $(kload)"
    else
      k_row "K1$tag. analytic NTK" "$(median "${S[@]}")" - - - numpy skipped - - - 1 "≥ 1×" - - 0 "$l0 → $(kload)"
    fi
  fi

  # ---------------------------------------------------------------- K2: empirical NTK
  if selected k-entk; then
    l0=$(kload)
    peer=(); ((HAVE_TORCH)) && peer=("$PY" "$PEERS/entk_torch.py" "$DATA" "$thr" "$K_REPS" "$DATA/k_entk_torch.bin")
    k_pair "$thr" entk dir="$DATA" reps=$K_REPS out=$DATA/k_entk_sgdlab.bin -- "${peer[@]}"
    wh=-
    if [[ $thr == "$K_THREADS" ]]; then
      ws=$(kwhole kj "$thr" entk dir="$DATA" reps=1)
      wp=-; ((HAVE_TORCH)) && wp=$(kwhole "$PY" "$PEERS/entk_torch.py" "$DATA" "$thr" 1 /dev/null)
      wh="$(fmt_t "$ws") / $( [[ $wp == - ]] && echo - || fmt_t "$wp")"
    fi
    if ((HAVE_TORCH)); then
      av=$("${JC[@]}" a=$DATA/k_entk_sgdlab.bin b=$DATA/k_entk_torch.bin | field normwise_rel); ok=0; le "$av" 1e-12 && ok=1
      k_row "K2$tag. empirical NTK, 100-1024-1 relu net, 500 inputs, general path (EmpiricalNtk: Jacobians + J Jᵀ, $tt)" "$(median "${S[@]}")" "$(kmin "${SMIN[@]}")" "$(sp "${S[@]}")" "$(median "${SC[@]}")" \
        "PyTorch float64, vmap(jacrev) + J @ J.T ($tt)" "$(median "${P[@]}")" "$(kmin "${PMIN[@]}")" "$(sp "${P[@]}")" "$(median "${PC[@]}")" \
        1 "≥ 1×" "$wh" "normwise_rel(Θ) = $av (≤ 1e-12)" "$ok" "$l0 → $(kload)"
    else
      k_row "K2$tag. empirical NTK" "$(median "${S[@]}")" - - - PyTorch skipped - - - 1 "≥ 1×" - - 0 "$l0 → $(kload)"
    fi
  fi

  # ---------------------------------------------------------------- K3: kernel ridge solve, n = 5000
  if selected k-solve; then
    for backend in java openblas; do
      l0=$(kload)
      peer=(); ((HAVE_NUMPY)) && peer=("$PY" "$PEERS/krr_numpy.py" "$DATA/kern_krr.bin" 1e-3 "$K_REPS" "$DATA/k_krr_numpy.bin")
      k_pair "$thr" solve dir="$DATA" lambda=1e-3 reps=$K_REPS out=$DATA/k_krr_sgdlab.bin -Dsgdlab.blas=$backend -- "${peer[@]}"
      kappa=$(field kappa <<<"$SLAST")
      wh=-
      if [[ $thr == "$K_THREADS" && $backend == java ]]; then
        ws=$(kwhole kj "$thr" solve dir="$DATA" lambda=1e-3 reps=1)
        wp=-; ((HAVE_NUMPY)) && wp=$(OPENBLAS_NUM_THREADS=$thr kwhole "$PY" "$PEERS/krr_numpy.py" "$DATA/kern_krr.bin" 1e-3 1 /dev/null)
        wh="$(fmt_t "$ws") / $( [[ $wp == - ]] && echo - || fmt_t "$wp")"
      fi
      if ((HAVE_NUMPY)); then
        # agreement: both solve a system of condition κ̂ ≈ 3e5 to backward error ~1e-17: α agrees to ~κ·ε
        av=$("${JC[@]}" a=$DATA/k_krr_sgdlab.bin b=$DATA/k_krr_numpy.bin | field normwise_rel); ok=0; le "$av" 1e-9 && ok=1
        if [[ $backend == java ]]; then fac="blocked Cholesky, Java GEMM"; else fac="native $backend LAPACK dpotrf + dtrsv"; fi
        k_row "K3$tag. kernel ridge (K + 10⁻³I)α = y, n = 5000 (KernelRidge.solve: $fac, κ̂, one refinement step; -Dsgdlab.blas=$backend, $tt)" "$(median "${S[@]}")" "$(kmin "${SMIN[@]}")" "$(sp "${S[@]}")" "$(median "${SC[@]}")" \
          "scipy cho_factor + cho_solve (LAPACK dpotrf/dpotrs, OpenBLAS $tt)" "$(median "${P[@]}")" "$(kmin "${PMIN[@]}")" "$(sp "${P[@]}")" "$(median "${PC[@]}")" \
          0.6667 "within 1.5× (≥ 0.67×)" "$wh" "normwise_rel(α) = $av (≤ 1e-9; κ̂ = $kappa)" "$ok" "$l0 → $(kload)"
      fi
    done
  fi

  # ---------------------------------------------------------------- K4: Euler–Maruyama, 10-d OU
  if selected k-em; then
    l0=$(kload)
    peer=(); ((HAVE_NUMPY)) && peer=("$PY" "$PEERS/em_numpy.py" "$EM_PATHS" 1000 10 "$EM_NP_REPS" "$DATA/k_em_numpy.bin")
    k_pair "$thr" em paths=$EM_PATHS steps=1000 d=10 reps=$K_REPS path=fast sampler=ziggurat out=$DATA/k_em_sgdlab.bin -- "${peer[@]}"
    zs=$(field max_z <<<"$SLAST"); zp=$( ((HAVE_NUMPY)) && field max_z <<<"$PLAST" || echo -)
    fS=("${S[@]}"); fSMIN=("${SMIN[@]}"); fSC=("${SC[@]}"); fP=("${P[@]}"); fPMIN=("${PMIN[@]}"); fPC=("${PC[@]}")
    wh=-
    if [[ $thr == "$K_THREADS" ]]; then
      ws=$(kwhole kj "$thr" em paths=$EM_PATHS steps=1000 d=10 reps=1 path=fast sampler=ziggurat)
      wp=-; ((HAVE_NUMPY)) && wp=$(kwhole "$PY" "$PEERS/em_numpy.py" "$EM_PATHS" 1000 10 1 /dev/null)
      wh="$(fmt_t "$ws") / $( [[ $wp == - ]] && echo - || fmt_t "$wp")"
    fi
    if ((HAVE_NUMPY)); then
      ok=0; le "$zs" 5 && le "$zp" 5 && ok=1
      k_row "K4$tag. Euler–Maruyama, $EM_PATHS paths × 1000 steps, 10-d OU (LinearEulerMaruyama, ziggurat normals, $tt)" "$(median "${fS[@]}")" "$(kmin "${fSMIN[@]}")" "$(sp "${fS[@]}")" "$(median "${fSC[@]}")" \
        "numpy, vectorized over paths (PCG64 ziggurat normals, in-place updates)" "$(median "${fP[@]}")" "$(kmin "${fPMIN[@]}")" "$(sp "${fP[@]}")" "$(median "${fPC[@]}")" \
        5 "≥ 5×" "$wh" "both within 5 s.e. of EM's exact law: max_z sgdlab $zs, numpy $zp" "$ok" "$l0 → $(kload)"
      if [[ $thr == "$K_THREADS" ]]; then
        # the general path (PathSimulator + Integrator.eulerMaruyama, same normals: the same bits), against the same numpy runs
        l0=$(kload)
        k_pair "$thr" em paths=$EM_PATHS steps=1000 d=10 reps=$K_REPS path=general sampler=ziggurat out=$DATA/k_em_general.bin --
        same=$("${JC[@]}" a=$DATA/k_em_general.bin b=$DATA/k_em_sgdlab.bin | field max_rel)
        k_row "K4g. same, general path (PathSimulator + Integrator.eulerMaruyama, ziggurat, $tt)" "$(median "${S[@]}")" "$(kmin "${SMIN[@]}")" "$(sp "${S[@]}")" "$(median "${SC[@]}")" \
          "(numpy runs of K4)" "$(median "${fP[@]}")" "$(kmin "${fPMIN[@]}")" "$(sp "${fP[@]}")" "$(median "${fPC[@]}")" \
          0 "(reference: no target)" - "moments equal the fast path's: max_rel = $same" 1 "$l0 → $(kload)"
      fi
    fi
  fi
done
