# The network rows of bench/run.sh (issue 13 §6): sgdlab-nn against PyTorch float64 on the CPU, side by side in one
# run, alternating, RUNS times per side. Sourced by run.sh (uses its JOPTS, JAR, PY, RUNS, QUICK, HAVE_TORCH, log,
# field, median, fmt_t, ge, le); fills NN_ROWS and NN_NOTES, which run.sh prints as a second table.
#
# Workloads (org.sgdlab.bench.NetworkWorkloads, bench/peers/nn_torch.py; data from `NetworkWorkloads gen`):
#   nn-deeplinear  full-batch GD on 0.5||X W1^T W2^T W3^T - Y||^2, three 10x10 layers, 100 samples
#   nn-mlp         one full-batch gradient of a 784-256-256-1 relu MLP on 2000 MNIST-sized rows (Java GEMM, OpenBLAS)
#   nn-hvp         Hessian-vector products on both models, against sgdlab's own gradient (and torch's HVP)
#   nn-lanczos     top Hessian eigenvalue of that MLP: core's Lanczos against power iteration on torch's HVP
#
# Thread count: NN_THREADS (default: the CPU count) for both sides: -Dsgdlab.threads on sgdlab's, torch.set_num_threads
# plus OPENBLAS_NUM_THREADS on torch's (Debian's torch calls the system OpenBLAS for its matrix products). The deep
# linear row also runs torch on one thread, its faster setting for products this small.

NN_THREADS=${NN_THREADS:-$(getconf _NPROCESSORS_ONLN)}
JN=(java "${JOPTS[@]}" -Dsgdlab.threads="$NN_THREADS" -cp "$JAR" org.sgdlab.bench.NetworkWorkloads)
JNB=(java "${JOPTS[@]}" -Dsgdlab.threads="$NN_THREADS" -Dsgdlab.blas=openblas -cp "$JAR" org.sgdlab.bench.NetworkWorkloads)
TN=("$PY" "$PEERS/nn_torch.py")
if ((QUICK)); then
  DL_T=500; DL_REPS=11; DL_WHOLE_T=2000; MLP_CALLS=1; MLP_REPS=3; HVP_DL_CALLS=500; HVP_MLP_CALLS=1; HVP_REPS=3; LZ_REPS=2
else
  DL_T=2000; DL_REPS=21; DL_WHOLE_T=10000; MLP_CALLS=3; MLP_REPS=6; HVP_DL_CALLS=2000; HVP_MLP_CALLS=2; HVP_REPS=5; LZ_REPS=3
fi
NN_ROWS=(); NN_NOTES=()
loadavg() { cut -d' ' -f1 /proc/loadavg; }
# whole CMD...: runs CMD (stdout to the log) and prints its wall-clock seconds
whole() { local t0 t1; t0=$(date +%s%N); "$@" >&2; t1=$(date +%s%N); awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1e-9}'; }
minof() { printf '%s\n' "$@" | sort -g | head -1; }
maxof() { printf '%s\n' "$@" | sort -g | tail -1; }
spread() { echo "$(fmt_t "$(minof "$@")")–$(fmt_t "$(maxof "$@")")"; }   # spread SECONDS...
# nn_row NAME SGDLAB_S SGDLAB_MIN SGDLAB_SPREAD PEER PEER_S PEER_MIN PEER_SPREAD TARGET TARGET_TEXT WHOLE BYTES AGREE_METRIC AGREE TOL LOADS
#   ratio = peer / sgdlab (medians), and best-of: peer min / sgdlab min; met = median ratio >= TARGET and agreement
nn_row() {
  local name=$1 ts=$2 tsmin=$3 tssp=$4 peer=$5 tp=$6 tpmin=$7 tpsp=$8 tr=$9 ttext=${10} wh=${11} bytes=${12} am=${13} av=${14} tol=${15} loads=${16}
  local ratio best met
  if [[ $tp == skipped ]]; then
    NN_ROWS+=("| $name | $(fmt_t "$ts") (best $(fmt_t "$tsmin"); $tssp) | $peer | not installed, skipped | - | $ttext | - | $wh | $bytes | - | $loads |"); return
  fi
  if le "$av" "$tol"; then
    ratio=$(awk -v a="$tp" -v b="$ts" 'BEGIN {printf "%.2f", a / b}')
    best=$(awk -v a="$tpmin" -v b="$tsmin" 'BEGIN {printf "%.2f", a / b}')
    if [[ $tr == 0 ]]; then met=-; elif ge "$ratio" "$tr"; then met=yes; else met=NO; fi
    ratio="${ratio}× (best-of ${best}×)"
  else
    ratio=MISMATCH; met=NO
  fi
  NN_ROWS+=("| $name | $(fmt_t "$ts") (best $(fmt_t "$tsmin"); $tssp) | $peer | $(fmt_t "$tp") (best $(fmt_t "$tpmin"); $tpsp) | $ratio | $ttext | $met | $wh | $bytes | $am = $av (≤ $tol) | $loads |")
}

# ---------------------------------------------------------------- data (once)
for model in deeplinear mlp; do
  [[ -f $DATA/nn_${model}.bin && -f $DATA/nn_${model}_w0.bin && -f $DATA/nn_${model}_v.bin ]] \
    || "${JN[@]}" gen model=$model dir="$DATA" >&2
done
JC=(java -cp "$JAR" org.sgdlab.bench.Workloads compare)

# ---------------------------------------------------------------- N1: deep linear network, full-batch GD
if selected nn-deeplinear; then
  l0=$(loadavg); s=(); smin=(); p=(); pmin=(); p1=(); p1min=(); sb=""; sc=(); p1c=()
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JN[@]}" gd model=deeplinear dir="$DATA" steps=$DL_T lr=1e-4 reps=$DL_REPS out=$DATA/nn_w_dl_sgdlab.bin); log "$out"
    s+=("$(field warm_s <<<"$out")"); smin+=("$(field warm_min_s <<<"$out")"); sb=$(field bytes_per_step <<<"$out")
    sc+=("$(field warm_cpu_s <<<"$out")")
    if ((HAVE_TORCH)); then
      out=$("${TN[@]}" gd deeplinear "$DATA" "$NN_THREADS" 6 $DATA/nn_w_dl_torch.bin $DL_T 1e-4); log "$out"
      p+=("$(field warm_s <<<"$out")"); pmin+=("$(field warm_min_s <<<"$out")")
      out=$("${TN[@]}" gd deeplinear "$DATA" 1 6 $DATA/nn_w_dl_torch1.bin $DL_T 1e-4); log "$out"
      p1+=("$(field warm_s <<<"$out")"); p1min+=("$(field warm_min_s <<<"$out")"); p1c+=("$(field warm_cpu_s <<<"$out")")
    fi
  done
  # whole processes: JVM start, data, JIT warm-up and DL_WHOLE_T steps; python start, import torch, the same steps
  ws=$(whole "${JN[@]}" gd model=deeplinear dir="$DATA" steps=$DL_WHOLE_T lr=1e-4 reps=1)
  wp=-; ((HAVE_TORCH)) && wp=$(whole "${TN[@]}" gd deeplinear "$DATA" 1 1 /dev/null $DL_WHOLE_T 1e-4)
  wtext="$DL_WHOLE_T steps: $(fmt_t "$ws") / $( [[ $wp == - ]] && echo - || fmt_t "$wp")"
  per() { awk -v v="$1" -v t=$DL_T 'BEGIN {print v / t}'; }   # seconds per run -> seconds per step
  ts=$(per "$(median "${s[@]}")"); tsmin=$(per "$(minof "${smin[@]}")")
  tssp="$(spread "$(per "$(minof "${s[@]}")")" "$(per "$(maxof "${s[@]}")")")"
  if ((HAVE_TORCH)); then
    av=$("${JC[@]}" a=$DATA/nn_w_dl_sgdlab.bin b=$DATA/nn_w_dl_torch.bin | field max_rel)
    av1=$("${JC[@]}" a=$DATA/nn_w_dl_sgdlab.bin b=$DATA/nn_w_dl_torch1.bin | field max_rel)
    tp=$(per "$(median "${p[@]}")"); tpmin=$(per "$(minof "${pmin[@]}")"); tpsp="$(spread "$(per "$(minof "${p[@]}")")" "$(per "$(maxof "${p[@]}")")")"
    tp1=$(per "$(median "${p1[@]}")"); tp1min=$(per "$(minof "${p1min[@]}")"); tp1sp="$(spread "$(per "$(minof "${p1[@]}")")" "$(per "$(maxof "${p1[@]}")")")"
  else tp=skipped; tpmin=-; tpsp=-; tp1=skipped; tp1min=-; tp1sp=-; av=-; av1=-; fi
  loads="$l0 → $(loadavg)"
  nn_row "N1. deep linear 3×(10×10), n=100: full-batch GD step ($DL_T steps per run)" "$ts" "$tsmin" "$tssp" \
    "PyTorch autograd, $NN_THREADS threads" "$tp" "$tpmin" "$tpsp" 20 "≥ 20× per step" "$wtext" "$sb B/step" "max_rel(W after $DL_T steps)" "$av" 1e-10 "$loads"
  nn_row "N1'. same" "$ts" "$tsmin" "$tssp" "PyTorch autograd, 1 thread" "$tp1" "$tp1min" "$tp1sp" 20 "≥ 20× per step" "(as above)" "$sb B/step" "max_rel" "$av1" 1e-10 "$loads"
  if ((HAVE_TORCH)); then
    a=$(per "$(median "${sc[@]}")"); c=$(per "$(median "${p1c[@]}")")
    NN_NOTES+=("N1 thread CPU time per step (both sides on one thread; less moved by other load than wall time): sgdlab $(fmt_t "$a"), torch $(fmt_t "$c"), ratio $(awk -v a="$c" -v b="$a" 'BEGIN {printf "%.2f", a / b}')×")
  fi
fi

# ---------------------------------------------------------------- N2: MLP 784-256-256-1, one full-batch gradient
# on NN_THREADS threads (the issue's row) and on one thread (the kernels alone: on a shared machine the 2-thread
# figures of both sides move with the other load, OpenBLAS's spinning threads most)
if selected nn-mlp; then
  for thr in "$NN_THREADS" 1; do
    l0=$(loadavg); s=(); smin=(); b=(); bmin=(); p=(); pmin=(); sb=""; bb=""; sc=(); bc=(); pc=()
    JT=(java "${JOPTS[@]}" -Dsgdlab.threads="$thr" -cp "$JAR" org.sgdlab.bench.NetworkWorkloads)
    JTB=(java "${JOPTS[@]}" -Dsgdlab.threads="$thr" -Dsgdlab.blas=openblas -cp "$JAR" org.sgdlab.bench.NetworkWorkloads)
    for ((r = 1; r <= RUNS; r++)); do
      out=$("${JT[@]}" grad model=mlp dir="$DATA" calls=$MLP_CALLS reps=$MLP_REPS out=$DATA/nn_g_mlp_sgdlab.bin); log "$out"
      s+=("$(field warm_s <<<"$out")"); smin+=("$(field warm_min_s <<<"$out")"); sb=$(field bytes_per_call <<<"$out")
      sc+=("$(field warm_cpu_s <<<"$out")")
      out=$("${JTB[@]}" grad model=mlp dir="$DATA" calls=$MLP_CALLS reps=$MLP_REPS out=$DATA/nn_g_mlp_blas.bin); log "$out"
      b+=("$(field warm_s <<<"$out")"); bmin+=("$(field warm_min_s <<<"$out")"); bb=$(field bytes_per_call <<<"$out")
      bc+=("$(field warm_cpu_s <<<"$out")")
      BLAS_DESC=$(sed -n 's/.*gemm="\([^"]*\)".*/\1/p' <<<"$out")
      if ((HAVE_TORCH)); then
        out=$("${TN[@]}" grad mlp "$DATA" "$thr" $MLP_REPS $DATA/nn_g_mlp_torch.bin $MLP_CALLS); log "$out"
        p+=("$(field warm_s <<<"$out")"); pmin+=("$(field warm_min_s <<<"$out")"); pc+=("$(field warm_cpu_s <<<"$out")")
      fi
    done
    wtext=-; wbtext=-
    if [[ $thr == "$NN_THREADS" ]]; then   # whole processes: once, at the issue's thread count
      ws=$(whole "${JT[@]}" grad model=mlp dir="$DATA" calls=1 reps=1)
      wb=$(whole "${JTB[@]}" grad model=mlp dir="$DATA" calls=1 reps=1)
      wp=-; ((HAVE_TORCH)) && wp=$(whole "${TN[@]}" grad mlp "$DATA" "$thr" 1 /dev/null 1)
      wtext="1 gradient: $(fmt_t "$ws") / $( [[ $wp == - ]] && echo - || fmt_t "$wp")"; wbtext="1 gradient: $(fmt_t "$wb") / (as above)"
    fi
    per() { awk -v v="$1" -v t=$MLP_CALLS 'BEGIN {print v / t}'; }
    loads="$l0 → $(loadavg)"
    if ((HAVE_TORCH)); then
      tp=$(per "$(median "${p[@]}")"); tpmin=$(per "$(minof "${pmin[@]}")"); tpsp="$(spread "$(per "$(minof "${p[@]}")")" "$(per "$(maxof "${p[@]}")")")"
      av=$("${JC[@]}" a=$DATA/nn_g_mlp_sgdlab.bin b=$DATA/nn_g_mlp_torch.bin | field normwise_rel)
      avb=$("${JC[@]}" a=$DATA/nn_g_mlp_blas.bin b=$DATA/nn_g_mlp_torch.bin | field normwise_rel)
    else tp=skipped; tpmin=-; tpsp=-; av=-; avb=-; fi
    tag=""; [[ $thr == 1 ]] && tag="₁"
    nn_row "N2$tag. MLP 784-256-256-1 relu, n=2000: one full-batch gradient, Java GEMM ($thr thread$( ((thr > 1)) && echo s))" \
      "$(per "$(median "${s[@]}")")" "$(per "$(minof "${smin[@]}")")" "$(spread "$(per "$(minof "${s[@]}")")" "$(per "$(maxof "${s[@]}")")")" \
      "PyTorch autograd, $thr thread$( ((thr > 1)) && echo s) (OpenBLAS $thr)" "$tp" "$tpmin" "$tpsp" 0.7 "≥ 0.7×" \
      "$wtext" "$sb B/call" normwise_rel "$av" 1e-12 "$loads"
    nn_row "N2'$tag. same, native backend (-Dsgdlab.blas=openblas, $thr thread$( ((thr > 1)) && echo s))" \
      "$(per "$(median "${b[@]}")")" "$(per "$(minof "${bmin[@]}")")" "$(spread "$(per "$(minof "${b[@]}")")" "$(per "$(maxof "${b[@]}")")")" \
      "as above" "$tp" "$tpmin" "$tpsp" 1 "≥ 1×" "$wbtext" "$bb B/call" normwise_rel "$avb" 1e-12 "$loads"
    if [[ $thr == 1 ]] && ((HAVE_TORCH)); then
      a=$(per "$(median "${sc[@]}")"); bl=$(per "$(median "${bc[@]}")"); c=$(per "$(median "${pc[@]}")")
      NN_NOTES+=("N2₁ thread CPU time per gradient (one thread; less moved by other load than wall time): sgdlab Java $(fmt_t "$a") ($(awk -v a="$c" -v b="$a" 'BEGIN {printf "%.2f", a / b}')× torch), sgdlab OpenBLAS $(fmt_t "$bl") ($(awk -v a="$c" -v b="$bl" 'BEGIN {printf "%.2f", a / b}')×), torch $(fmt_t "$c")")
    fi
  done
  NN_NOTES+=("N2' backend: ${BLAS_DESC:-?}")
fi

# ---------------------------------------------------------------- N3: HVP against a gradient, both models
if selected nn-hvp; then
  for spec in "deeplinear $HVP_DL_CALLS" "mlp $HVP_MLP_CALLS"; do
    read -r model calls <<<"$spec"
    l0=$(loadavg); s=(); smin=(); g=(); gmin=(); p=(); pmin=(); sb=""
    for ((r = 1; r <= RUNS; r++)); do
      out=$("${JN[@]}" hvp model=$model dir="$DATA" calls=$calls reps=$HVP_REPS out=$DATA/nn_hv_${model}_sgdlab.bin); log "$out"
      s+=("$(field warm_s <<<"$out")"); smin+=("$(field warm_min_s <<<"$out")"); sb=$(field bytes_per_hvp <<<"$out")
      g+=("$(field grad_warm_ms_per_call <<<"$out")"); gmin+=("$(field grad_warm_min_ms_per_call <<<"$out")")
      if ((HAVE_TORCH)); then
        out=$("${TN[@]}" hvp $model "$DATA" "$NN_THREADS" $HVP_REPS $DATA/nn_hv_${model}_torch.bin $calls); log "$out"
        p+=("$(field warm_s <<<"$out")"); pmin+=("$(field warm_min_s <<<"$out")")
      fi
    done
    per() { awk -v v="$1" -v t="$calls" 'BEGIN {print v / t}'; }
    th=$(per "$(median "${s[@]}")"); thmin=$(per "$(minof "${smin[@]}")")
    tg=$(awk -v v="$(median "${g[@]}")" 'BEGIN {print v / 1e3}'); tgmin=$(awk -v v="$(minof "${gmin[@]}")" 'BEGIN {print v / 1e3}')
    hg=$(awk -v a="$th" -v b="$tg" 'BEGIN {printf "%.2f", a / b}'); hgmin=$(awk -v a="$thmin" -v b="$tgmin" 'BEGIN {printf "%.2f", a / b}')
    if le "$hg" 4; then met=yes; else met=NO; fi
    NN_ROWS+=("| N3. $model: HVP / gradient, sgdlab (forward-over-reverse) | HVP $(fmt_t "$th") (best $(fmt_t "$thmin")) | sgdlab gradient, same process | $(fmt_t "$tg") (best $(fmt_t "$tgmin")) | ${hg} (best-of ${hgmin}) | ≤ 4 | $met | - | $sb B/HVP | - | $l0 → $(loadavg) |")
    if ((HAVE_TORCH)); then
      av=$("${JC[@]}" a=$DATA/nn_hv_${model}_sgdlab.bin b=$DATA/nn_hv_${model}_torch.bin | field normwise_rel)
      nn_row "N3'. $model: one HVP" "$th" "$thmin" "$(spread "$(per "$(minof "${s[@]}")")" "$(per "$(maxof "${s[@]}")")")" \
        "torch functorch jvp(grad(f)), $NN_THREADS threads" "$(per "$(median "${p[@]}")")" "$(per "$(minof "${pmin[@]}")")" \
        "$(spread "$(per "$(minof "${p[@]}")")" "$(per "$(maxof "${p[@]}")")")" 0 "(no target)" - "$sb B/HVP" normwise_rel "$av" 1e-12 "$l0 → $(loadavg)"
    fi
  done
fi

# ---------------------------------------------------------------- N4: top Hessian eigenvalue of the MLP
if selected nn-lanczos; then
  l0=$(loadavg)
  # the reference: Lanczos to a relative residual of 1e-10 (|θ − λ| ≤ residual), checked independently below by
  # torch's power iteration reaching it to 1e-10
  out=$("${JN[@]}" lanczos model=mlp dir="$DATA" tol=1e-10 reps=1); log "$out"
  REF=$(field lambda <<<"$out"); REF_RES=$(field residual <<<"$out")
  s=(); smin=(); p=(); pmin=(); its=""; pits=""; err=""; perr=""
  for ((r = 1; r <= RUNS; r++)); do
    out=$("${JN[@]}" lanczos model=mlp dir="$DATA" tol=1e-6 reps=$LZ_REPS ref="$REF"); log "$out"
    s+=("$(field warm_s <<<"$out")"); smin+=("$(field warm_min_s <<<"$out")"); its=$(field applications <<<"$out"); err=$(field rel_err <<<"$out")
    if ((HAVE_TORCH)); then
      out=$("${TN[@]}" power mlp "$DATA" "$NN_THREADS" $LZ_REPS $DATA/nn_lambda_torch.bin "$REF" 1e-6 500); log "$out"
      p+=("$(field warm_s <<<"$out")"); pmin+=("$(field warm_min_s <<<"$out")"); pits=$(field iterations <<<"$out"); perr=$(field rel_err <<<"$out")
    fi
  done
  if ((HAVE_TORCH)); then
    out=$("${TN[@]}" power mlp "$DATA" "$NN_THREADS" 1 /dev/null "$REF" 1e-10 500); log "$out"
    NN_NOTES+=("N4 reference λ_max = $REF (sgdlab Lanczos, residual $REF_RES); torch's power iteration reaches it to relative $(field rel_err <<<"$out") in $(field iterations <<<"$out") iterations (converged=$(field converged <<<"$out"))")
    worst=$(awk -v a="$err" -v b="$perr" 'BEGIN {print (a > b) ? a : b}')
    tp=$(median "${p[@]}"); tpmin=$(minof "${pmin[@]}"); tpsp=$(spread "${p[@]}")
  else tp=skipped; tpmin=-; tpsp=-; worst=-; fi
  nn_row "N4. MLP top Hessian eigenvalue: Lanczos over HVPs, tol 1e-6 ($its HVPs; rel. error $err)" \
    "$(median "${s[@]}")" "$(minof "${smin[@]}")" "$(spread "${s[@]}")" \
    "torch power iteration on functorch HVPs, stopped at rel. error ≤ 1e-6 of the reference ($pits HVPs; $perr)" \
    "$tp" "$tpmin" "$tpsp" 1 "≥ 1× at equal accuracy" - - "max rel. error vs reference" "$worst" 1e-6 "$l0 → $(loadavg)"
fi
