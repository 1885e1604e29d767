#!/usr/bin/env bash
# Builds the library and the benchmarks, runs JMH and the footprint, draws the charts.
#
#   benchmarks/run.sh quick   # n = 1,000,000, both data shapes (skewed, uniform), every rival
#                             # (ENGINE, CQENGINE, CQENGINE_EXPERT, H2, NAIVE); one JVM per
#                             # store and shape for the reads, per store for the writes and the
#                             # lifecycle (skewed data, after 20 warm-up batches); short
#                             # iterations; no MixedBenchmark
#   benchmarks/run.sh full    # n = 100,000 and 1,000,000, 2 forks per trial, longer iterations
#   benchmarks/run.sh scale   # the engine at 100,000, 1,000,000 and 10,000,000, and the naive
#                             # store's reads and footprint at 10,000,000 (skewed shape)
#
# Every mode runs -prof gc. Results in benchmarks/results/, JMH JSON: quick-reads-<shape>-
# <store>.json and quick-writes-<store>.json (full: full.json, full-writes.json,
# full-writes-naive.json), <mode>-lifecycle-NAIVE.json (full: full-lifecycle-naive.json),
# <mode>-sweep.json (history sweep), <mode>-skew.json (issue 12's skewed cost shapes, engine
# only), <mode>-json.json; <mode>-footprint.txt, <mode>-allocation.txt; <mode>.md (ChartMain's
# tables: every operation for both shapes with the ratios competitor ÷ engine, issue 14's
# targets, the lifecycle, the sweep) and the charts history-sweep.png, pending-sweep.png and
# ratios.png. Extra arguments go to every JMH run (e.g. a -p to narrow a parameter).
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
    # One JVM per store and shape (-f 0 with reservations.reuseLoads, see LoadedStore), which
    # loads the store once for all the reads, and once for all the writes and the lifecycle:
    # loading a million reservations takes H2 minutes on shared cores, CQEngine tens of seconds.
    # The JVM has AlwaysPreTouch and a fixed heap of 4 GB (at n = 1,000,000 the largest store,
    # CQEngine, retains about 1.1 GB). The sweep forks per trial, in 2 GB (its store holds
    # 100,000 reservations and W's history); JsonBenchmark keeps its own 2 GB.
    per_store=true
    host=(-XX:+AlwaysPreTouch -Xms4g -Xmx4g -Dreservations.reuseLoads=true)
    jmh=(-f 0 -wi 1 -i 3 -w 1s -r 1s -prof gc -p n=1000000)
    sweep=(-f 1 -wi 1 -i 2 -w 1s -r 1s -prof gc -p history=10,1000,100000
      -jvmArgsAppend "-XX:+AlwaysPreTouch -Xms2g -Xmx2g")
    json=(-f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc)
    # HTTP keeps its annotations' 10 warm-ups of 3 s: a loopback server is slow to warm up
    http=(-f 1 -i 5 -r 2s)
    # Writes and the lifecycle are batches of single shots, 20 warm-up and 20 measured (the
    # annotations), on the skewed data, in that order on one store: lifecycle, accept,
    # expireDue, insert. The naive store's accept takes 90 ms a call, 45 s a batch: one
    # measured batch, no warm-up, for its writes and its lifecycle.
    writes=(-f 0 -prof gc -p n=1000000 -p shape=SKEWED)
    naive_writes=(-wi 0 -i 1)
    naive_lifecycle=(-wi 0 -i 1)
    skew=(-f 1 -prof gc)
    footprint_n=1000000
    ;;
  full)
    # every trial in a JVM of its own, with a store loaded for it
    per_store=false
    host=()
    jmh=(-f 2 -wi 5 -i 10 -w 2s -r 2s -prof gc)
    sweep=("${jmh[@]}")
    json=("${jmh[@]}")
    http=(-f 2 -i 5 -r 2s)
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
    # The engine's pages at 10,000,000 and 100,000,000 side by side, each n loaded once in a fixed
    # heap of 10 GB and kept for its four queries (in the host JVM: a fork per query would load
    # 100,000,000 four times, about 10 min each); the load times are printed as "loaded ...".
    # Transparent huge pages, as a user of a 10 GB heap would set them: with 4 KB pages a random
    # lookup in gigabytes of arrays pays a page walk that itself misses the cache. Ten iterations,
    # since a host-JVM run is noisier than a forked one.
    for big in 10000000 100000000; do
      java -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch -Xms10g -Xmx10g \
        -Dreservations.reuseLoads=true -jar "$jar" \
        'ReadBenchmark' -f 0 -wi 3 -i 10 -w 1s -r 1s -prof gc -p store=ENGINE -p shape=SKEWED \
        -p n="$big" -rf json -rff "$out/scale-reads-$big.json" "$@" | tee "$out/scale-reads-$big.txt"
    done
    exit 0
    ;;
  *)
    echo "usage: $0 quick|full|scale [JMH arguments]" >&2
    exit 2
    ;;
esac

results=()
stores=(ENGINE CQENGINE CQENGINE_EXPERT H2 NAIVE)
if [[ "$per_store" == true ]]; then
  for shape in SKEWED UNIFORM; do
    for store in "${stores[@]}"; do
      regex='ReadBenchmark'
      [[ "$store" == ENGINE ]] && regex='ReadBenchmark|PageFloorBenchmark'
      file="$out/$mode-reads-$shape-$store.json"
      java "${host[@]}" -jar "$jar" "$regex" "${jmh[@]}" -p store="$store" -p shape="$shape" \
        -rf json -rff "$file" "$@"
      results+=("$file")
    done
  done
  for store in "${stores[@]}"; do
    file="$out/$mode-writes-$store.json"
    if [[ "$store" == NAIVE ]]; then
      java "${host[@]}" -jar "$jar" 'WriteBenchmark' "${writes[@]}" "${naive_writes[@]}" \
        -p store=NAIVE -rf json -rff "$file" "$@"
      results+=("$file")
      file="$out/$mode-lifecycle-NAIVE.json"
      java "${host[@]}" -jar "$jar" 'LifecycleBenchmark' "${writes[@]}" "${naive_lifecycle[@]}" \
        -p store=NAIVE -rf json -rff "$file" "$@"
    else
      java "${host[@]}" -jar "$jar" 'WriteBenchmark|LifecycleBenchmark' "${writes[@]}" \
        -p store="$store" -rf json -rff "$file" "$@"
    fi
    results+=("$file")
  done
else
  java -jar "$jar" 'ReadBenchmark|PageFloorBenchmark|MixedBenchmark' "${jmh[@]}" \
    -rf json -rff "$out/$mode.json" "$@"
  java -jar "$jar" 'WriteBenchmark|LifecycleBenchmark' "${writes[@]}" \
    -p store=ENGINE,CQENGINE,CQENGINE_EXPERT,H2 -rf json -rff "$out/$mode-writes.json" "$@"
  java -jar "$jar" 'WriteBenchmark' "${writes[@]}" "${naive_writes[@]}" -p store=NAIVE \
    -rf json -rff "$out/$mode-writes-naive.json" "$@"
  java -jar "$jar" 'LifecycleBenchmark' "${writes[@]}" "${naive_lifecycle[@]}" -p store=NAIVE \
    -rf json -rff "$out/$mode-lifecycle-naive.json" "$@"
  results+=("$out/$mode.json" "$out/$mode-writes.json" "$out/$mode-writes-naive.json"
    "$out/$mode-lifecycle-naive.json")
fi
java -jar "$jar" 'HistorySweepBenchmark' "${sweep[@]}" -rf json -rff "$out/$mode-sweep.json" "$@"
java -jar "$jar" 'ExpireSkewBenchmark|ClockJumpBenchmark|WideTaskBenchmark|SameInstantBenchmark' \
  "${skew[@]}" -rf json -rff "$out/$mode-skew.json" "$@"
java -jar "$jar" 'JsonBenchmark' "${json[@]}" -rf json -rff "$out/$mode-json.json" "$@"
# TaskRouter's HTTP: in process, loopback server, WireMock (about 10 min in quick mode), without
# -prof gc; results in <mode>-http.json and the table in <mode>-http.md.
java -jar "$jar" 'HttpBenchmark|HttpLatencyBenchmark' "${http[@]}" \
  -rf json -rff "$out/$mode-http.json" "$@"
java -cp "$jar" dev.reservations.benchmarks.HttpTableMain "$out/$mode-http.json" \
  | tee "$out/$mode-http.md"
results+=("$out/$mode-sweep.json" "$out/$mode-skew.json")

: > "$out/$mode-footprint.txt"
for store in "${stores[@]}"; do
  java -Xms8g -Xmx8g -cp "$jar" dev.reservations.benchmarks.FootprintMain "$footprint_n" \
    "$store" | tee -a "$out/$mode-footprint.txt"
done

java -cp "$jar" dev.reservations.benchmarks.AllocationMain "$footprint_n" \
  | tee "$out/$mode-allocation.txt"

java -cp "$jar" dev.reservations.benchmarks.ChartMain "${results[@]}" "$out" | tee "$out/$mode.md"
