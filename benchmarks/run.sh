#!/usr/bin/env bash
# Builds the library and the benchmarks, runs JMH and the footprint, draws the charts.
#
#   benchmarks/run.sh quick   # n = 1,000,000, both data shapes (skewed, uniform), every rival
#                             # (ENGINE, CQENGINE, CQENGINE_EXPERT, H2, NAIVE), 1 fork, short
#                             # iterations; writes and lifecycle after 20 warm-up batches
#   benchmarks/run.sh full    # n = 100,000 and 1,000,000, 2 forks, longer iterations
#   benchmarks/run.sh scale   # the engine at 100,000, 1,000,000 and 10,000,000, and the naive
#                             # store's reads and footprint at 10,000,000 (skewed shape)
#
# Every mode runs -prof gc. Results in benchmarks/results/: <mode>.json (reads and their
# floors), <mode>-sweep.json (history sweep), <mode>-mixed.json, <mode>-json.json,
# <mode>-writes.json, <mode>-writes-naive.json, <mode>-lifecycle.json,
# <mode>-lifecycle-naive.json, <mode>-skew.json (issue 12's skewed cost shapes, engine only),
# <mode>-footprint.txt, <mode>-allocation.txt, <mode>.md (ChartMain's tables: every operation
# for both shapes with the ratios competitor ÷ engine, issue 14's targets, the lifecycle, the
# sweep) and the charts history-sweep.png, pending-sweep.png and ratios.png. Extra arguments go
# to every JMH run (e.g. -p store=ENGINE,CQENGINE).
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
    jmh=(-f 1 -wi 1 -i 3 -w 1s -r 1s -prof gc -p n=1000000 "${heap[@]}")
    # the sweep's store holds 100,000 reservations and W's history: 2 GB is plenty
    sweep=(-f 1 -wi 1 -i 2 -w 1s -r 1s -prof gc -jvmArgsAppend "-XX:+AlwaysPreTouch -Xms2g -Xmx2g")
    mixed=(-p shape=SKEWED)
    json=(-f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc)
    # Writes and the lifecycle are batches of single shots, 20 warm-up and 20 measured (the
    # annotations), except on the naive store, whose accept takes 90 ms a call, 45 s a batch:
    # skewed data only, 1 warm-up batch and 2 measured for writes, 1 measured for the lifecycle.
    writes=(-f 1 -prof gc -p n=1000000 "${heap[@]}")
    naive_writes=(-wi 1 -i 2 -p shape=SKEWED)
    naive_lifecycle=(-wi 0 -i 1 -p shape=SKEWED)
    skew=(-f 1 -prof gc)
    footprint_n=1000000
    ;;
  full)
    jmh=(-f 2 -wi 5 -i 10 -w 2s -r 2s -prof gc)
    sweep=("${jmh[@]}")
    mixed=()
    json=("${jmh[@]}")
    writes=(-f 2 -prof gc)
    naive_writes=(-wi 2 -i 5)
    naive_lifecycle=(-wi 1 -i 3)
    skew=(-f 2 -prof gc)
    footprint_n=1000000
    ;;
  scale)
    # The engine's reads and their floors at every n, its writes at 10,000,000; the naive
    # store's first pages at 10,000,000 (its second pages would first need a list of about a
    # second for each of 419 workers). Footprints at 10,000,000 in a default-sized heap.
    heap=(-jvmArgsAppend "-XX:+AlwaysPreTouch -Xms8g -Xmx8g")
    java -jar "$jar" 'ReadBenchmark|PageFloorBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc \
      -p store=ENGINE -p shape=SKEWED -p n=100000,1000000,10000000 "${heap[@]}" \
      -rf json -rff "$out/scale.json" "$@"
    java -jar "$jar" \
      'ReadBenchmark.(taskStatusFirstPage|workerPendingFirstPage|workerHistoryPage1)' \
      -f 1 -wi 1 -i 2 -w 1s -r 1s -p store=NAIVE -p shape=SKEWED -p n=10000000 "${heap[@]}" \
      -rf json -rff "$out/scale-naive.json" "$@"
    java -jar "$jar" 'WriteBenchmark' -f 1 -prof gc -p store=ENGINE -p shape=SKEWED -p n=10000000 \
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

rivals=ENGINE,CQENGINE,CQENGINE_EXPERT,H2
java -jar "$jar" 'ReadBenchmark|PageFloorBenchmark' "${jmh[@]}" \
  -rf json -rff "$out/$mode.json" "$@"
java -jar "$jar" 'HistorySweepBenchmark' "${sweep[@]}" -rf json -rff "$out/$mode-sweep.json" "$@"
java -jar "$jar" 'MixedBenchmark' "${jmh[@]}" "${mixed[@]}" \
  -rf json -rff "$out/$mode-mixed.json" "$@"
java -jar "$jar" 'JsonBenchmark' "${json[@]}" -rf json -rff "$out/$mode-json.json" "$@"
java -jar "$jar" 'WriteBenchmark' "${writes[@]}" -p store=$rivals \
  -rf json -rff "$out/$mode-writes.json" "$@"
java -jar "$jar" 'WriteBenchmark' "${writes[@]}" -p store=NAIVE "${naive_writes[@]}" \
  -rf json -rff "$out/$mode-writes-naive.json" "$@"
java -jar "$jar" 'LifecycleBenchmark' "${writes[@]}" -p store=$rivals \
  -rf json -rff "$out/$mode-lifecycle.json" "$@"
java -jar "$jar" 'LifecycleBenchmark' "${writes[@]}" -p store=NAIVE "${naive_lifecycle[@]}" \
  -rf json -rff "$out/$mode-lifecycle-naive.json" "$@"
java -jar "$jar" 'ExpireSkewBenchmark|ClockJumpBenchmark|WideTaskBenchmark|SameInstantBenchmark' \
  "${skew[@]}" -rf json -rff "$out/$mode-skew.json" "$@"

: > "$out/$mode-footprint.txt"
for store in ENGINE CQENGINE CQENGINE_EXPERT H2 NAIVE; do
  java -Xms8g -Xmx8g -cp "$jar" dev.reservations.benchmarks.FootprintMain "$footprint_n" \
    "$store" | tee -a "$out/$mode-footprint.txt"
done

java -cp "$jar" dev.reservations.benchmarks.AllocationMain "$footprint_n" \
  | tee "$out/$mode-allocation.txt"

java -cp "$jar" dev.reservations.benchmarks.ChartMain "$out/$mode.json" "$out/$mode-sweep.json" \
  "$out/$mode-mixed.json" "$out/$mode-writes.json" "$out/$mode-writes-naive.json" \
  "$out/$mode-lifecycle.json" "$out/$mode-lifecycle-naive.json" "$out/$mode-skew.json" "$out" \
  | tee "$out/$mode.md"
