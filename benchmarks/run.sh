#!/usr/bin/env bash
# Builds the library and the benchmarks, runs JMH and the footprint, draws the charts.
#
#   benchmarks/run.sh quick   # n = 1,000,000, 1 fork, short iterations: 15 min 17 s measured on
#                             # 2 shared cores, build, footprint and allocation included
#   benchmarks/run.sh full    # n = 100,000 and 1,000,000, 2 forks, longer iterations
#   benchmarks/run.sh scale   # the engine at 100,000, 1,000,000 and 10,000,000, and the naive
#                             # store's reads and footprint at 10,000,000
#
# Every mode but the HTTP benchmarks runs -prof gc. Results: benchmarks/results/<mode>.json,
# <mode>-json.json, <mode>-http.json and <mode>-http.md (HTTP, with its table),
# <mode>-writes.json and <mode>-writes-naive.json (JMH), <mode>-footprint.txt,
# <mode>-allocation.txt, <mode>.md (table), history-sweep.png and ratios.png. Extra arguments go
# to JMH (e.g. a benchmark regex).
set -euo pipefail

mode="${1:-quick}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mvn -q -B install -DskipTests
mvn -q -B -f benchmarks/pom.xml package

jar=benchmarks/target/benchmarks.jar
out=benchmarks/results
mkdir -p "$out"

case "$mode" in
  quick)
    # Forks keep AlwaysPreTouch and a fixed heap, but of 4 GB, not the annotated 8 GB: at
    # n = 1,000,000 the largest store (CQEngine) retains 1.1 GB, and pre-touching 4 GB takes
    # 1.6 s per fork where 8 GB took 9 s on this machine. JsonBenchmark keeps its own 2 GB.
    heap=(-jvmArgsAppend "-XX:+AlwaysPreTouch -Xms4g -Xmx4g")
    jmh=(-f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc -p n=1000000 "${heap[@]}")
    json=(-f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc)
    http=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
    # Writes are single-shot batches and keep their annotated iteration counts, except on the
    # naive store, whose accept takes 90 ms a call, 45 s a batch: 1 warmup and 2 measured.
    writes=(-f 1 -prof gc -p n=1000000 "${heap[@]}")
    naive_writes=(-wi 1 -i 2)
    footprint_n=1000000
    ;;
  full)
    jmh=(-f 2 -wi 5 -i 10 -w 2s -r 2s -prof gc)
    json=("${jmh[@]}")
    http=(-f 2 -wi 3 -i 5 -w 2s -r 2s)
    writes=(-f 2 -wi 10 -i 20 -prof gc)
    naive_writes=()
    footprint_n=1000000
    ;;
  scale)
    # The engine's reads and their floors at every n, its writes at 10,000,000; the naive
    # store's first pages at 10,000,000 (its second pages would first need a list of about a
    # second for each of 419 workers). Footprints at 10,000,000 in a default-sized heap.
    heap=(-jvmArgsAppend "-XX:+AlwaysPreTouch -Xms8g -Xmx8g")
    java -jar "$jar" 'ReadBenchmark|PageFloorBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc \
      -p store=ENGINE -p n=100000,1000000,10000000 "${heap[@]}" \
      -rf json -rff "$out/scale.json" "$@"
    java -jar "$jar" \
      'ReadBenchmark.(taskStatusFirstPage|workerPendingFirstPage|workerHistoryPage1)' \
      -f 1 -wi 1 -i 2 -w 1s -r 1s -p store=NAIVE -p n=10000000 "${heap[@]}" \
      -rf json -rff "$out/scale-naive.json" "$@"
    java -jar "$jar" 'WriteBenchmark' -f 1 -prof gc -p store=ENGINE -p n=10000000 \
      "${heap[@]}" -rf json -rff "$out/scale-writes.json" "$@"
    : > "$out/scale-footprint.txt"
    for store in ENGINE NAIVE; do
      java -cp "$jar" dev.reservations.benchmarks.FootprintMain 10000000 "$store" \
        | tee -a "$out/scale-footprint.txt"
    done
    java -cp "$jar" dev.reservations.benchmarks.ChartMain "$out/scale.json" \
      "$out/scale-naive.json" "$out/scale-writes.json" "$out/scale" | tee "$out/scale.md"
    exit 0
    ;;
  *)
    echo "usage: $0 quick|full|scale [JMH arguments]" >&2
    exit 2
    ;;
esac

java -jar "$jar" 'ReadBenchmark|PageFloorBenchmark|MixedBenchmark|HistorySweepBenchmark' \
  "${jmh[@]}" \
  -rf json -rff "$out/$mode.json" "$@"
java -jar "$jar" 'JsonBenchmark' "${json[@]}" -rf json -rff "$out/$mode-json.json" "$@"
# TaskRouter's HTTP: in process, loopback server, WireMock (about 2 min in quick mode).
java -jar "$jar" 'HttpBenchmark|HttpLatencyBenchmark' "${http[@]}" \
  -rf json -rff "$out/$mode-http.json" "$@"
java -cp "$jar" dev.reservations.benchmarks.HttpTableMain "$out/$mode-http.json" \
  | tee "$out/$mode-http.md"
java -jar "$jar" 'WriteBenchmark' "${writes[@]}" -p store=ENGINE,CQENGINE,H2 \
  -rf json -rff "$out/$mode-writes.json" "$@"
java -jar "$jar" 'WriteBenchmark' "${writes[@]}" -p store=NAIVE "${naive_writes[@]}" \
  -rf json -rff "$out/$mode-writes-naive.json" "$@"

: > "$out/$mode-footprint.txt"
for store in ENGINE CQENGINE H2 NAIVE; do
  java -Xms8g -Xmx8g -cp "$jar" dev.reservations.benchmarks.FootprintMain "$footprint_n" \
    "$store" | tee -a "$out/$mode-footprint.txt"
done

java -cp "$jar" dev.reservations.benchmarks.AllocationMain "$footprint_n" \
  | tee "$out/$mode-allocation.txt"

java -cp "$jar" dev.reservations.benchmarks.ChartMain "$out/$mode.json" \
  "$out/$mode-writes.json" "$out/$mode-writes-naive.json" "$out" | tee "$out/$mode.md"
