package dev.reservations.benchmarks;

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
 * Many reserves on one key at the same instant (issue 12's skewed cost shape): each batch
 * reserves {@value #BATCH} new tasks for one worker without moving the clock, so every one has
 * the same date created and list order falls to the sid. The engine's sids count up in creation
 * order, so each reserve is an append to the worker's lists; a store whose sids are random (the
 * competitors take theirs from {@link SidSource}) puts each at a random place among that
 * instant's rows, and one that keeps its rows in list order in one array shifts part of it. Every {@code runs}-th
 * iteration's setup moves the clock on by 1 ms, so that {@code runs} batches in a row share one
 * instant ({@code -p runs=40}: all 40 iterations, the measured ones at 200,000 to 400,000 rows of
 * that instant). The score is the time per reserve; {@code WriteBenchmark.insert} (a new instant
 * each) is the baseline.
 *
 * <p>Runs on the engine; {@code -p store=CQENGINE} (or any competitor) for comparison.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SameInstantBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = WriteBenchmark.WARMUP)
@Measurement(iterations = WriteBenchmark.MEASURED)
@State(Scope.Benchmark)
public class SameInstantBenchmark {
  static final int BATCH = 10_000;

  @Param({"ENGINE"})
  public Competitor store;

  @Param({"1"})
  public int runs;

  private int iteration;

  private ReservationStore target;
  private Dataset data;
  private final MutableClock clock = new MutableClock();
  private final WorkerSid worker = new WorkerSid(0x3e4b_cccc_0000_0000L, 1);
  private final TaskSid[] tasks = new TaskSid[BATCH];

  @Setup(Level.Trial)
  public void load() {
    data = Dataset.create(4, Dataset.SEED);
    target = store.create(data.workspace(), clock, Dataset.SEED);
  }

  @Setup(Level.Iteration)
  public void batch() {
    if (iteration++ % runs == 0) {
      clock.advance(Duration.ofMillis(1));
    }
    for (int i = 0; i < BATCH; i++) {
      tasks[i] = data.newTask();
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
      bh.consume(target.reserve(tasks[i], worker, "busy", Dataset.LONG_TIMEOUT));
    }
  }
}
