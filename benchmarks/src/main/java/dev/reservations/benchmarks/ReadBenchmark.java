package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.query.Page;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The list queries of TaskRouter, first pages of 50, on a loaded store: a task's reservations in
 * one status; a worker's pending ones; the first and the second page (through the token) of a
 * worker's whole history. Each call takes the next of the {@link ReadQueries}, the same for every
 * competitor. {@link PageFloorBenchmark} times building the same pages with no lookup at all.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ReadBenchmark -p n=1000000}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class ReadBenchmark {
  private ReservationStore store;
  private ReadQueries queries;
  private int next;

  /** Draws the queries; only the page-2 trial lists first pages, for their tokens. */
  @Setup(Level.Trial)
  public void queries(LoadedStore loaded, BenchmarkParams params) {
    store = loaded.target;
    queries = new ReadQueries(loaded.data, store,
        params.getBenchmark().endsWith(".workerHistoryPage2"));
  }

  private int next() {
    return next++ & (ReadQueries.COUNT - 1);
  }

  @Benchmark
  public Page<Reservation> taskStatusFirstPage() {
    return store.list(queries.taskStatus[next()]);
  }

  @Benchmark
  public Page<Reservation> workerPendingFirstPage() {
    return store.list(queries.workerPending[next()]);
  }

  @Benchmark
  public Page<Reservation> workerHistoryPage1() {
    return store.list(queries.history[next()]);
  }

  @Benchmark
  public Page<Reservation> workerHistoryPage2() {
    return store.list(queries.historyPage2[next()]);
  }
}
