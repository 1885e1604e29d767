package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.TaskSid;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writes on a loaded store, each timed as a batch of single shots so the store grows by a bounded
 * amount (every write adds or consumes reservations, so a time-bound loop would grow the store
 * without limit): the score is the time per operation ({@code @OperationsPerInvocation}).
 *
 * <ul>
 *   <li>{@code accept}: pending → accepted on a task with two other pending reservations, which
 *       are rescinded. Each iteration's setup prepares {@value #ACCEPTS} such tasks.
 *   <li>{@code insert}: a new pending reservation of a new task for a worker drawn with the
 *       load's distribution, the clock advancing 1 ms each.
 *   <li>{@code expireDue}: each iteration's setup adds {@value #ROUNDS} groups of {@value #DUE}
 *       pending reservations due 1 ms apart, beside the load's ~1% pending ones; each call moves
 *       the clock to the next group's deadline and times out those {@value #DUE}.
 * </ul>
 *
 * <p>The load has already run the write paths hundreds of thousands of times, so the JIT is warm,
 * but the first batches still pay for first-time paths and for the tables' growth past the load
 * (a batch of single shots is not amortised the way a time-bound loop is): {@value #WARMUP}
 * warm-up batches take them out of the timed window, and ChartMain reports the median of the
 * {@value #MEASURED} measured ones.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WriteBenchmark -p n=1000000}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = WriteBenchmark.WARMUP)
@Measurement(iterations = WriteBenchmark.MEASURED)
public class WriteBenchmark {
  static final int WARMUP = 20;
  static final int MEASURED = 20;
  static final int ACCEPTS = 500;
  static final int INSERTS = 5_000;
  static final int ROUNDS = 500;
  static final int DUE = 4;
  private static final Duration STEP = Duration.ofMillis(1);

  /** Tasks with three pending reservations each, and the one of each to accept. */
  @State(Scope.Benchmark)
  public static class AcceptPool {
    final ReservationSid[] sids = new ReservationSid[ACCEPTS];
    private final SplittableRandom random = new SplittableRandom(Dataset.SEED + 2);

    @Setup(Level.Iteration)
    public void fill(LoadedStore loaded) {
      Dataset data = loaded.data;
      for (int i = 0; i < ACCEPTS; i++) {
        TaskSid task = data.newTask();
        int[] picked = {-1, -1, -1};
        for (int k = 0; k < 3; k++) {
          int w;
          do {
            w = data.drawWorker(random);
          } while (w == picked[0] || w == picked[1]);
          picked[k] = w;
          loaded.clock.advance(STEP);
          Reservation r = loaded.target.reserve(task, data.worker(w), data.workerName(w),
              Dataset.LONG_TIMEOUT);
          if (k == 1) {
            sids[i] = r.sid();
          }
        }
      }
      loaded.clock.advance(STEP);
    }
  }

  /** The new tasks and the drawn workers of one iteration's inserts. */
  @State(Scope.Benchmark)
  public static class InsertPool {
    final TaskSid[] tasks = new TaskSid[INSERTS];
    final int[] workers = new int[INSERTS];
    private final SplittableRandom random = new SplittableRandom(Dataset.SEED + 3);

    @Setup(Level.Iteration)
    public void fill(LoadedStore loaded) {
      for (int i = 0; i < INSERTS; i++) {
        tasks[i] = loaded.data.newTask();
        workers[i] = loaded.data.drawWorker(random);
      }
    }
  }

  /** Groups of pending reservations falling due 1 ms apart, after the setup's last call. */
  @State(Scope.Benchmark)
  public static class ExpirePool {
    long firstDeadline;
    private final SplittableRandom random = new SplittableRandom(Dataset.SEED + 4);

    @Setup(Level.Iteration)
    public void fill(LoadedStore loaded) {
      Dataset data = loaded.data;
      MutableClock clock = loaded.clock;
      long start = clock.nanos();
      firstDeadline = start + (ROUNDS * DUE + 1) * 1_000L + STEP.toNanos();
      for (int j = 0; j < ROUNDS; j++) {
        for (int k = 0; k < DUE; k++) {
          long now = clock.advanceNanos(1_000L);
          int w = data.drawWorker(random);
          long deadline = firstDeadline + j * STEP.toNanos();
          loaded.target.reserve(data.newTask(), data.worker(w), data.workerName(w),
              Duration.ofNanos(deadline - now));
        }
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(ACCEPTS)
  public void accept(LoadedStore loaded, AcceptPool pool, Blackhole bh) {
    ReservationStore store = loaded.target;
    for (ReservationSid sid : pool.sids) {
      bh.consume(store.accept(sid));
    }
  }

  @Benchmark
  @OperationsPerInvocation(INSERTS)
  public void insert(LoadedStore loaded, InsertPool pool, Blackhole bh) {
    ReservationStore store = loaded.target;
    Dataset data = loaded.data;
    MutableClock clock = loaded.clock;
    for (int i = 0; i < INSERTS; i++) {
      clock.advance(STEP);
      int w = pool.workers[i];
      bh.consume(store.reserve(pool.tasks[i], data.worker(w), data.workerName(w),
          Dataset.LONG_TIMEOUT));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void expireDue(LoadedStore loaded, ExpirePool pool, Blackhole bh) {
    ReservationStore store = loaded.target;
    MutableClock clock = loaded.clock;
    for (int j = 0; j < ROUNDS; j++) {
      clock.set(pool.firstDeadline + j * STEP.toNanos());
      bh.consume(store.expireDue());
    }
  }
}
