#!/usr/bin/env bash
# The whole benchmark suite in one command: builds the jars, runs the JMH benchmarks, starts pixflow.jar in its own
# process and loads it (benchmarks/.../load/LoadTest), then writes docs/BENCHMARKS.md. About 9 minutes on 2 cores,
# most of it warming the JIT up and opening 10,000 WebSockets.
#
#   benchmarks/run.sh                      build everything (mvn -B -q -DskipTests package), measure bootstrap/target/pixflow.jar
#   benchmarks/run.sh --jar PATH           measure another pixflow.jar
#   benchmarks/run.sh --no-build           use the jars already built
#   benchmarks/run.sh --quick              a smoke run in about 3 minutes (small counts, short runs)
#   benchmarks/run.sh --out FILE           write the report elsewhere (default docs/BENCHMARKS.md)
#   PIXFLOW_BENCH_JVM_FLAGS='...' benchmarks/run.sh    other server JVM flags
#
# Only 127.0.0.1 is contacted. Run it on an otherwise idle machine: client and server share its cores.
# The HTTP throughput runs use wrk (Debian's package `wrk`); as root on Debian or Ubuntu it is installed if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=bootstrap/target/pixflow.jar
build=true
quick=false
out=docs/BENCHMARKS.md
command="benchmarks/run.sh"
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; command="$command --jar $2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --quick) quick=true; command="$command --quick"; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

# The server's JVM flags; why these, measured against the alternatives, is in benchmarks/notes.md.
# The AppCDS archive (-XX:SharedArchiveFile) is made by the load tool from a training run of this very jar.
default_flags="-XX:+UseParallelGC -Xms32m -Xmx512m -XX:MaxNewSize=32m"
flags="${PIXFLOW_BENCH_JVM_FLAGS:-$default_flags}"

# 10,000 WebSockets need 10,000 descriptors on each side; take the hard limit when 65536 is above it.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[run] wrk is missing: apt-get install -y wrk"
    apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else
    echo "wrk is needed for the HTTP throughput runs: install it (Debian/Ubuntu: sudo apt-get install -y wrk)" >&2
    exit 1
  fi
fi

started=$(date +%s)
if [ "$build" = true ]; then
  echo "[run] mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
for needed in "$jar" benchmarks/target/benchmarks.jar; do
  if [ ! -f "$needed" ]; then
    echo "$needed is missing: run without --no-build" >&2
    exit 1
  fi
done

work=benchmarks/target/load
mkdir -p "$work"
if [ "$quick" = true ]; then
  jmh_args=(-wi 1 -i 2 -w 1 -r 1)
  load_args=(--seconds 3 --warmup-seconds 2 --max-warmup-seconds 15 --subscribers 1000 --confirmations 200 --starts 1)
else
  jmh_args=()
  load_args=()
fi

echo "[run] JMH: java -jar benchmarks/target/benchmarks.jar"
java -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}" -rf csv -rff "$work/jmh.csv" | tee "$work/jmh.txt"

echo "[run] load tool against $jar"
java -cp benchmarks/target/benchmarks.jar io.pixflow.benchmarks.load.LoadTest \
  --jar "$jar" --jvm-flags "$flags" --app-cds true --compare-flags "|$flags" \
  --work-dir "$work" --out "$out" --jmh-csv "$work/jmh.csv" --notes benchmarks/notes.md \
  --command "$command" --suite-started "$started" "${load_args[@]}"

echo "[run] suite done in $(( $(date +%s) - started )) s: $out"
