package dev.reservations.benchmarks;

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
 * Timeouts when one worker holds most of the pending reservations (issue 12's skewed cost
 * shape): a store holding nothing but {@code pending} pending reservations of one worker, each of
 * its own task, created 1 µs apart and due 1 s after their creation, so in creation order. Each
 * call of a batch moves the clock to the next deadline and calls {@code expireDue()}, which times
 * out the oldest of that worker's pending reservations. The score is the time per timeout. A cost
 * that grows with the worker's pending count (a shift of its status array per timeout) shows
 * here; the javadoc promises O(expired · log n).
 *
 * <p>Runs on the engine; {@code -p store=CQENGINE} (or any competitor) for comparison.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ExpireSkewBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = WriteBenchmark.WARMUP)
@Measurement(iterations = WriteBenchmark.MEASURED)
@State(Scope.Benchmark)
public class ExpireSkewBenchmark {
  static final int ROUNDS = 1_000;
  private static final long MICRO = 1_000L;

  @Param({"ENGINE"})
  public Competitor store;

  @Param({"400000"})
  public int pending;

  private ReservationStore target;
  private final MutableClock clock = new MutableClock();
  private long firstDeadline;
  private int expired;

  @Setup(Level.Trial)
  public void load() {
    Dataset data = Dataset.create(4, Dataset.SEED);
    target = store.create(data.workspace(), clock, Dataset.SEED);
    WorkerSid worker = new WorkerSid(0x3e4b_eeee_0000_0000L, 1);
    Duration timeout = Duration.ofSeconds(1);
    firstDeadline = clock.nanos() + MICRO + timeout.toNanos();
    for (int i = 0; i < pending; i++) {
      clock.advanceNanos(MICRO);
      target.reserve(data.newTask(), worker, "holder", timeout);
    }
    int needed = (WriteBenchmark.WARMUP + WriteBenchmark.MEASURED) * ROUNDS;
    if (needed > pending) {
      throw new IllegalArgumentException("pending must be at least " + needed + ": " + pending);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    target.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROUNDS)
  public void timeouts(Blackhole bh) {
    for (int j = 0; j < ROUNDS; j++) {
      clock.set(firstDeadline + expired++ * MICRO);
      bh.consume(target.expireDue());
    }
  }
}
