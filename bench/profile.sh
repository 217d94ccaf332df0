#!/usr/bin/env bash
# Profiles one sgdlab-side benchmark command with Java Flight Recorder and prints where the samples fall:
# the top methods by self samples (the frame on top of the stack) and by total samples (anywhere on the stack).
#
#   bench/profile.sh Workloads sgd data=bench/data/clouds_200000x200.bin lr=0.1 epochs=5 reps=3
#   bench/profile.sh GdLoop run data=bench/data/clouds_100x2.bin steps=1000000 lr=0.1 path=trainer reps=3
#
# Needs the data files of bench/run.sh (run it once, or `Workloads gen ...`). Writes bench/results/<class>-<cmd>.jfr.
# The JDK's `jfr` tool of the running JDK does the printing (JDK 17's `jfr print`; the summary is computed here so
# it does not need JDK 21's `jfr view`).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=sgdlab-bench/target/benchmarks.jar
[[ -f $JAR ]] || { echo "build first: bench/run.sh (or mvn -o -q -DskipTests -pl sgdlab-bench -am package)" >&2; exit 2; }
cls=$1; shift
mkdir -p bench/results
rec=bench/results/${cls}-${1:-run}.jfr
read -r -a JOPTS <<<"${JAVA_OPTS:--Xmx3g -XX:+UseParallelGC --add-modules jdk.incubator.vector}"
java "${JOPTS[@]}" -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -XX:StartFlightRecording=filename="$rec",settings=profile,dumponexit=true \
  -cp "$JAR" "org.sgdlab.bench.$cls" "$@" 2>&1 | grep "^RESULT" || true
JFR="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
"$JFR" print --events jdk.ExecutionSample --stack-depth 64 "$rec" | awk '
  /jdk.ExecutionSample/ { inst = 1; depth = 0; delete seen; total++; next }
  inst && /line:/ {
    m = $1; sub(/\(.*/, "", m)
    if (depth == 0) self[m]++
    if (!(m in seen)) { any[m]++; seen[m] = 1 }
    depth++
  }
  END {
    for (m in self) printf "S %d %.1f %s\n", self[m], 100 * self[m] / total, m
    for (m in any) printf "T %d %.1f %s\n", any[m], 100 * any[m] / total, m
    printf "N %d\n", total
  }' > "$rec.txt"
echo "$(sed -n 's/^N //p' "$rec.txt") execution samples"
echo "top self (% of samples with the method on top of the stack):"
grep '^S ' "$rec.txt" | sort -k2,2nr | head -15 | awk '{printf "  %5.1f %%  %s\n", $3, $4}'
echo "top total (% of samples with the method anywhere on the stack):"
grep '^T ' "$rec.txt" | sort -k2,2nr | head -15 | awk '{printf "  %5.1f %%  %s\n", $3, $4}'
