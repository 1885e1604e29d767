package dev.reservations.benchmarks;

import dev.reservations.engine.ReservationEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's {@code count(query)} and {@code scan} on the lists of {@link ReadBenchmark}, on a
 * loaded engine: a worker's pending count and whole-history count (a status list's size, or the
 * list of every row), and a scan of a worker's pending reservations and of a worker's whole
 * history, summing a field so that the visit is not optimised away. The engine only: the rivals
 * have neither call. Each call takes the next of the {@link ReadQueries}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CountScanBenchmark -p store=ENGINE -p
 * n=1000000}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class CountScanBenchmark {
  private ReservationEngine engine;
  private ReadQueries queries;
  private int next;
  private long sum;

  @Setup(Level.Trial)
  public void queries(LoadedStore loaded) {
    if (!(loaded.target instanceof EngineStore)) {
      throw new IllegalArgumentException("count and scan run on the engine only: " + loaded.store);
    }
    engine = ((EngineStore) loaded.target).engine();
    queries = new ReadQueries(loaded.data, loaded.target, false);
  }

  private int next() {
    return next++ & (ReadQueries.COUNT - 1);
  }

  @Benchmark
  public int countWorkerPending() {
    return engine.count(queries.workerPending[next()]);
  }

  @Benchmark
  public int countWorkerHistory() {
    return engine.count(queries.history[next()]);
  }

  @Benchmark
  public long scanWorkerPending() {
    engine.scan(queries.workerPending[next()], r -> sum += r.sidLow());
    return sum;
  }

  @Benchmark
  public long scanWorkerHistory() {
    engine.scan(queries.history[next()], r -> sum += r.sidLow());
    return sum;
  }
}
