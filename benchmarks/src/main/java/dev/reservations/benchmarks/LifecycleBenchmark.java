package dev.reservations.benchmarks;

import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
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
 * A simulator's unit of work on a loaded store, per task: reserve it for three distinct workers
 * (drawn with the load's distribution), accept the second (rescinding the other two), wrap it
 * up, complete it; the clock advances 1 ms before each step. Timed as batches of {@value #TASKS}
 * tasks ({@code @OperationsPerInvocation}), so the score is the time of one task's lifecycle,
 * three reservations: reservations per second = 3 / score. As in {@link WriteBenchmark}, warm-up
 * batches take the tables' growth past the load out of the timed window.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LifecycleBenchmark -p n=1000000}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = WriteBenchmark.WARMUP)
@Measurement(iterations = WriteBenchmark.MEASURED)
public class LifecycleBenchmark {
  static final int TASKS = 500;
  private static final Duration STEP = Duration.ofMillis(1);

  /** One batch's new tasks and their three workers each. */
  @State(Scope.Benchmark)
  public static class Tasks {
    final TaskSid[] tasks = new TaskSid[TASKS];
    final int[][] workers = new int[TASKS][3];
    private final SplittableRandom random = new SplittableRandom(Dataset.SEED + 8);

    @Setup(Level.Iteration)
    public void draw(LoadedStore loaded) {
      for (int i = 0; i < TASKS; i++) {
        tasks[i] = loaded.data.newTask();
        loaded.data.pickWorkers(random, workers[i]);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void lifecycle(LoadedStore loaded, Tasks batch, Blackhole bh) {
    ReservationStore store = loaded.target;
    Dataset data = loaded.data;
    MutableClock clock = loaded.clock;
    for (int i = 0; i < TASKS; i++) {
      ReservationSid chosen = null;
      for (int k = 0; k < 3; k++) {
        clock.advance(STEP);
        int w = batch.workers[i][k];
        ReservationSid sid = store.reserve(batch.tasks[i], data.worker(w), data.workerName(w),
            Dataset.LONG_TIMEOUT).sid();
        if (k == 1) {
          chosen = sid;
        }
      }
      clock.advance(STEP);
      bh.consume(store.accept(chosen));
      clock.advance(STEP);
      bh.consume(store.move(chosen, ReservationStatus.WRAPPING));
      clock.advance(STEP);
      bh.consume(store.move(chosen, ReservationStatus.COMPLETED));
    }
  }
}
