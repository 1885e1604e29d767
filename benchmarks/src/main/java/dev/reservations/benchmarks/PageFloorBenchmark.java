package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.TaskSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under every read of {@link ReadBenchmark}: building the very pages the engine returns
 * for its queries, from fields already at hand in flat arrays, with no lookup at all. Each item is
 * a new {@code Reservation} built through its public constructor from a new reservation sid, a
 * new task sid (a worker list's items are of many tasks) and its dates as new {@code Instant}s, as
 * a store outside the engine must build it; the page's links are the engine's, built in setup. Any
 * such store pays at least this, so a competitor's time over this floor bounds the ratio any store
 * could reach against it. The engine itself builds its items from a row's primitives, without
 * those objects, and can go under this floor.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PageFloorBenchmark -p n=1000000}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class PageFloorBenchmark {
  @Param({"SKEWED", "UNIFORM"})
  public Dataset.Shape shape;

  @Param({"100000", "1000000"})
  public int n;

  private Floor taskStatus;
  private Floor workerPending;
  private Floor history;
  private Floor historyPage2;
  private int next;

  @Setup(Level.Trial)
  public void pages() {
    Dataset data = Dataset.create(n, shape, Dataset.SEED);
    MutableClock clock = new MutableClock();
    try (ReservationStore engine = Competitor.ENGINE.create(data.workspace(), clock,
        Dataset.SEED)) {
      data.fill(engine, clock);
      ReadQueries queries = new ReadQueries(data, engine, true);
      taskStatus = new Floor(engine, queries.taskStatus);
      workerPending = new Floor(engine, queries.workerPending);
      history = new Floor(engine, queries.history);
      historyPage2 = new Floor(engine, queries.historyPage2);
    }
  }

  /** The fields of the engine's answer to each query, in flat arrays, and its links. */
  static final class Floor {
    private final List<Page<Reservation>> pages = new ArrayList<>();
    private final int[] start;
    private final long[] sidHigh;
    private final long[] sidLow;
    private final long[] taskHigh;
    private final long[] taskLow;
    private final long[] created;
    private final long[] updated;
    private final Reservation[] shared;

    Floor(ReservationStore store, ReservationQuery[] queries) {
      start = new int[queries.length + 1];
      for (int q = 0; q < queries.length; q++) {
        pages.add(store.list(queries[q]));
        start[q + 1] = start[q] + pages.get(q).items().size();
      }
      int items = start[queries.length];
      sidHigh = new long[items];
      sidLow = new long[items];
      taskHigh = new long[items];
      taskLow = new long[items];
      created = new long[items];
      updated = new long[items];
      shared = new Reservation[items];
      for (int q = 0; q < queries.length; q++) {
        List<Reservation> page = pages.get(q).items();
        for (int i = 0; i < page.size(); i++) {
          Reservation r = page.get(i);
          int at = start[q] + i;
          sidHigh[at] = r.sid().high();
          sidLow[at] = r.sid().low();
          taskHigh[at] = r.taskSid().high();
          taskLow[at] = r.taskSid().low();
          created[at] = Times.nanos(r.dateCreated());
          updated[at] = Times.nanos(r.dateUpdated());
          shared[at] = r;
        }
      }
    }

    /** Builds query {@code q}'s page anew. */
    Page<Reservation> build(int q) {
      Page<Reservation> model = pages.get(q);
      Reservation[] items = new Reservation[start[q + 1] - start[q]];
      for (int i = 0; i < items.length; i++) {
        int at = start[q] + i;
        Reservation r = shared[at];
        Instant dateCreated = Times.instant(created[at]);
        items[i] = new Reservation(new ReservationSid(sidHigh[at], sidLow[at]), r.accountSid(),
            r.workspaceSid(), new TaskSid(taskHigh[at], taskLow[at]), r.workerSid(),
            r.workerName(), r.status(), dateCreated,
            updated[at] == created[at] ? dateCreated : Times.instant(updated[at]), r.version());
      }
      return Page.of(model.query(), List.of(items), model.nextPage().orElse(null),
          model.previousPage().orElse(null));
    }
  }

  private int next() {
    return next++ & (ReadQueries.COUNT - 1);
  }

  @Benchmark
  public Page<Reservation> taskStatusFirstPage() {
    return taskStatus.build(next());
  }

  @Benchmark
  public Page<Reservation> workerPendingFirstPage() {
    return workerPending.build(next());
  }

  @Benchmark
  public Page<Reservation> workerHistoryPage1() {
    return history.build(next());
  }

  @Benchmark
  public Page<Reservation> workerHistoryPage2() {
    return historyPage2.build(next());
  }
}
