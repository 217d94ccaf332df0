#!/usr/bin/env bash
# Issue 16 §3's benchmark row: full-batch logistic GD on N × D rows (default 10^7 × 50, 4 GB of doubles) read from
# Parquet, sgdlab-spark on local[2] and local[1] beside sgdlab's own in-memory run (2 and 1 threads) and Spark MLlib's
# LogisticRegression (L-BFGS) on local[2]. One JVM per measurement; each prints "RESULT ..." lines (collected in
# bench/results/spark-<UTC>.txt). See org.sgdlab.spark.bench.LogisticGdBench for exactly what is timed.
#
#   bench/spark.sh                 # 10^7 × 50, 10 iterations (~15 min on the 2-core VM when quiet; needs ~5 GB of disk)
#   N=1000000 bench/spark.sh       # a smaller size
# Environment: MODES (default "spark2 spark1 inmemory mllib": sgdlab-spark on local[2], on local[1], sgdlab in memory
# on 2 and 1 threads, MLlib on local[2]), N, D, ITERS, DATA (the Parquet folder; kept between runs, delete it to regenerate), HEAP (JVM -Xmx,
# default 14g: the cached blocks and the in-memory copy are both held at the peak), JAVA_HOME.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-10000000}"
D="${D:-50}"
ITERS="${ITERS:-10}"
DATA="${DATA:-/tmp/sgdlab-spark-bench/logistic-${N}x${D}.parquet}"
HEAP="${HEAP:-14g}"
MODES="${MODES:-spark2 spark1 inmemory mllib}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

(cd "$root" && ./mvnw -q -B -o -DskipTests -pl sgdlab-spark -am package) >&2
spark="$root/sgdlab-spark"
core_jar="$(ls "$root"/sgdlab-core/target/sgdlab-core-*.jar | grep -v -e sources -e javadoc | head -n 1)"
cp="$spark/target/test-classes:$spark/target/classes:$core_jar:$(cat "$spark/target/runtime-classpath.txt")"
# Spark's launcher options (org.apache.spark.launcher.JavaModuleOptions), as in the sgdlab launcher
opens=(-XX:+IgnoreUnrecognizedVMOptions)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
opens+=(--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)
run() {
  "$java_bin" -Xmx"$HEAP" -XX:+UseParallelGC --add-modules jdk.incubator.vector "${opens[@]}" -Dlog4j2.level=warn \
    -cp "$cp" org.sgdlab.spark.bench.LogisticGdBench "$@" 2>&1 | grep -e '^RESULT' -e 'Exception' -e 'Error' || true
}

mkdir -p "$root/bench/results" "$(dirname "$DATA")"
out="$root/bench/results/spark-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# bench/spark.sh N=$N D=$D ITERS=$ITERS $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ ! -d "$DATA" ]; then
    df -h "$(dirname "$DATA")" | tail -n 1 | sed 's/^/# disk before writing: /'
    run generate "$DATA" "$N" "$D"
  fi
  for m in $MODES; do
    case "$m" in
      spark2) run sgdlab "$DATA" "local[2]" "$ITERS" ;;
      spark1) run sgdlab "$DATA" "local[1]" "$ITERS" ;;
      mllib) run mllib "$DATA" "local[2]" "$ITERS" ;;
      inmemory) run inmemory "$N" "$D" "$ITERS" ;;
      *) echo "unknown mode $m (spark2, spark1, inmemory, mllib)" >&2; exit 2 ;;
    esac
  done
} | tee "$out"
echo "results: $out" >&2
