package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.WorkerSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The history sweep: a worker W with 3 pending reservations and {@code history} finished ones
 * (completed or rejected, created before them), on top of the seeded skewed data set of
 * {@value #BASE} reservations, from 10 to 100,000 finished. Two first pages of 50:
 *
 * <ul>
 *   <li>{@code pendingForWorker}, "pending for worker W": the design asks for a flat line, the
 *       status filter served by an index, not by skipping W's history;
 *   <li>{@code historyPage1}, W's whole history: the rivals that sort a key's matches pay for
 *       the length of the history, so the ratio grows with it (ChartMain draws it per rival).
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HistorySweepBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class HistorySweepBenchmark {
  static final int BASE = 100_000;

  @Param({"ENGINE", "CQENGINE", "CQENGINE_EXPERT", "H2", "NAIVE"})
  public Competitor store;

  @Param({"10", "100", "1000", "10000", "100000"})
  public int history;

  private ReservationStore target;
  private ReservationQuery query;
  private ReservationQuery historyQuery;

  @Setup(Level.Trial)
  public void load() {
    Dataset data = Dataset.create(BASE, Dataset.SEED);
    MutableClock clock = new MutableClock();
    target = store.create(data.workspace(), clock, Dataset.SEED);
    WorkerSid worker = new WorkerSid(0x3e4b_ffff_0000_0000L, history);
    ReservationStore.fill(target, data.workspace(), clock, s -> {
      data.load(s, clock, null);
      data.history(s, clock, worker, "swept", history, 3);
    });
    query = ReservationQuery.forWorker(data.workspace(), worker)
        .withStatus(ReservationStatus.PENDING)
        .withPageSize(50);
    if (target.list(query).items().size() != 3) {
      throw new IllegalStateException("expected 3 pending for the swept worker");
    }
    historyQuery = ReservationQuery.forWorker(data.workspace(), worker).withPageSize(50);
    if (target.list(historyQuery).items().size() != Math.min(50, history + 3)) {
      throw new IllegalStateException("expected a full first page of the swept worker's history");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    target.close();
  }

  @Benchmark
  public Page<Reservation> pendingForWorker() {
    return target.list(query);
  }

  @Benchmark
  public Page<Reservation> historyPage1() {
    return target.list(historyQuery);
  }
}
