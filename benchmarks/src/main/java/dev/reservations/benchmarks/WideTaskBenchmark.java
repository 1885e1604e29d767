package dev.reservations.benchmarks;

import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code reserve} on a task that already has {@code width} pending reservations, each for a
 * worker of its own (issue 12's skewed cost shape: a duplicate check that scans the task's
 * pending reservations costs O(width) per reserve). The {@value #BATCH} workers of a batch are
 * known to the store (each holds a pending reservation of another task, made in the trial's
 * setup), so that the check for one pending reservation per worker and task runs: a worker the
 * engine has never seen cannot hold one, and it skips the check. Each batch reserves the task
 * for those workers, 1 µs apart; the next iteration's setup rejects those reservations, so the
 * task's width stays {@code width}. The score is the time per reserve; width 3 is the baseline.
 *
 * <p>Runs on the engine; {@code -p store=CQENGINE} (or any competitor) for comparison.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WideTaskBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = WriteBenchmark.WARMUP)
@Measurement(iterations = WriteBenchmark.MEASURED)
@State(Scope.Benchmark)
public class WideTaskBenchmark {
  static final int BATCH = 1_000;
  private static final long MICRO = 1_000L;
  private static final long WORKER_HIGH = 0x3e4b_dddd_0000_0000L;

  @Param({"ENGINE"})
  public Competitor store;

  @Param({"3", "1000", "10000", "60000"})
  public int width;

  private ReservationStore target;
  private final MutableClock clock = new MutableClock();
  private TaskSid task;
  private final WorkerSid[] workers = new WorkerSid[BATCH];
  private final String[] names = new String[BATCH];
  private final ReservationSid[] made = new ReservationSid[BATCH];
  private long nextWorker;

  @Setup(Level.Trial)
  public void load() {
    Dataset data = Dataset.create(4, Dataset.SEED);
    target = store.create(data.workspace(), clock, Dataset.SEED);
    task = data.newTask();
    for (int i = 0; i < width; i++) {
      clock.advanceNanos(MICRO);
      target.reserve(task, new WorkerSid(WORKER_HIGH, nextWorker), "wide-" + nextWorker,
          Dataset.LONG_TIMEOUT);
      nextWorker++;
    }
    TaskSid other = data.newTask();
    for (int i = 0; i < BATCH; i++) {
      workers[i] = new WorkerSid(WORKER_HIGH, nextWorker);
      names[i] = "wide-" + nextWorker;
      nextWorker++;
      clock.advanceNanos(MICRO);
      target.reserve(other, workers[i], names[i], Dataset.LONG_TIMEOUT);
    }
  }

  /** Rejects the last batch's reservations of the wide task, if any. */
  @Setup(Level.Iteration)
  public void batch() {
    for (int i = 0; i < BATCH; i++) {
      if (made[i] != null) {
        target.move(made[i], ReservationStatus.REJECTED);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    target.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void reserve(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      clock.advanceNanos(MICRO);
      made[i] = target.reserve(task, workers[i], names[i], Dataset.LONG_TIMEOUT).sid();
      bh.consume(made[i]);
    }
  }
}
