package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A mixed workload from two threads on one loaded store: a reader asks for a worker's pending
 * reservations (first page of 50), while a writer reserves a new task for a worker and accepts
 * it, both workers drawn with the load's distribution. JMH reports each thread's time per call
 * and the group's average. The store grows by one reservation per write, a few million at most
 * for the engine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MixedBenchmark -p n=1000000}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MixedBenchmark {
  private static final int DRAWS = 4096;
  private static final Duration STEP = Duration.ofMillis(1);

  /** The reader's queries. */
  @State(Scope.Thread)
  public static class Reader {
    final ReservationQuery[] queries = new ReservationQuery[DRAWS];
    int next;

    @Setup(Level.Trial)
    public void draw(LoadedStore loaded) {
      SplittableRandom random = new SplittableRandom(Dataset.SEED + 5);
      for (int i = 0; i < DRAWS; i++) {
        queries[i] = ReservationQuery.forWorker(loaded.data.workspace(),
                loaded.data.worker(loaded.data.drawWorker(random)))
            .withStatus(ReservationStatus.PENDING);
      }
    }
  }

  /** The writer's workers. */
  @State(Scope.Thread)
  public static class Writer {
    final int[] workers = new int[DRAWS];
    int next;

    @Setup(Level.Trial)
    public void draw(LoadedStore loaded) {
      SplittableRandom random = new SplittableRandom(Dataset.SEED + 6);
      for (int i = 0; i < DRAWS; i++) {
        workers[i] = loaded.data.drawWorker(random);
      }
    }
  }

  @Benchmark
  @Group("mixed")
  @GroupThreads(1)
  public Page<Reservation> reader(LoadedStore loaded, Reader reader) {
    return loaded.target.list(reader.queries[reader.next++ & (DRAWS - 1)]);
  }

  @Benchmark
  @Group("mixed")
  @GroupThreads(1)
  public Reservation writer(LoadedStore loaded, Writer writer) {
    Dataset data = loaded.data;
    int w = writer.workers[writer.next++ & (DRAWS - 1)];
    loaded.clock.advance(STEP);
    Reservation r = loaded.target.reserve(data.newTask(), data.worker(w), data.workerName(w),
        Dataset.LONG_TIMEOUT);
    return loaded.target.accept(r.sid());
  }
}
