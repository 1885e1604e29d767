package dev.reservations.benchmarks;

import dev.reservations.core.WorkerSid;
import java.time.Duration;
import java.util.List;
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

/**
 * A clock jump over many due reservations of one busy worker (issue 12's skewed cost shape): the
 * worker holds {@code held} pending reservations that are not due; each iteration's setup gives
 * it {@value #JUMP} more, created 1 µs apart and none due before the last is made; the timed call
 * jumps the clock past all of them and calls {@code expireDue()} once, which times out those
 * {@value #JUMP}. The score is per timed-out reservation (the call takes {@value #JUMP} times as
 * long).
 *
 * <p>Runs on the engine; {@code -p store=CQENGINE} (or any competitor) for comparison.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ClockJumpBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class ClockJumpBenchmark {
  static final int JUMP = 100_000;
  private static final long MICRO = 1_000L;

  @Param({"ENGINE"})
  public Competitor store;

  @Param({"400000"})
  public int held;

  private ReservationStore target;
  private Dataset data;
  private final MutableClock clock = new MutableClock();
  private final WorkerSid worker = new WorkerSid(0x3e4b_eeee_0000_0000L, 2);
  private long jumpTo;

  @Setup(Level.Trial)
  public void load() {
    data = Dataset.create(4, Dataset.SEED);
    target = store.create(data.workspace(), clock, Dataset.SEED);
    for (int i = 0; i < held; i++) {
      clock.advanceNanos(MICRO);
      target.reserve(data.newTask(), worker, "holder", Dataset.LONG_TIMEOUT);
    }
  }

  @Setup(Level.Iteration)
  public void due() {
    // due only after the last of them is made, so that none times out during the setup
    Duration timeout = Duration.ofNanos(JUMP * MICRO + 1_000_000L);
    for (int i = 0; i < JUMP; i++) {
      clock.advanceNanos(MICRO);
      target.reserve(data.newTask(), worker, "holder", timeout);
    }
    jumpTo = clock.nanos() + timeout.toNanos();
  }

  @TearDown(Level.Trial)
  public void close() {
    target.close();
  }

  @Benchmark
  @OperationsPerInvocation(JUMP)
  public List<?> clockJump() {
    clock.set(jumpTo);
    List<?> expired = target.expireDue();
    if (expired.size() != JUMP) {
      throw new IllegalStateException("expected " + JUMP + " timeouts: " + expired.size());
    }
    return expired;
  }
}
