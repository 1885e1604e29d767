package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
 * worker's whole history. Each call takes the next of 1,024 queries drawn in setup: tasks
 * uniformly (status rejected, timeout or completed), workers with the load's Zipf distribution,
 * so busy workers are asked about as often as they work; for the history pages, only workers with
 * more than one page.
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
  private static final int QUERIES = 1024;
  private static final int PAGE = 50;
  private static final ReservationStatus[] TASK_STATUSES = {
      ReservationStatus.REJECTED, ReservationStatus.TIMEOUT, ReservationStatus.COMPLETED};

  private ReservationStore store;
  private final ReservationQuery[] taskStatus = new ReservationQuery[QUERIES];
  private final ReservationQuery[] workerPending = new ReservationQuery[QUERIES];
  private final ReservationQuery[] history = new ReservationQuery[QUERIES];
  private final ReservationQuery[] historyPage2 = new ReservationQuery[QUERIES];
  private int next;

  /**
   * Draws the queries, the same in every trial. Whether a worker's history has a second page is
   * known from the load, without asking the store; only the page-2 trial lists first pages, once
   * per worker, for their tokens.
   */
  @Setup(Level.Trial)
  public void queries(LoadedStore loaded, BenchmarkParams params) {
    store = loaded.target;
    Dataset data = loaded.data;
    boolean page2 = params.getBenchmark().endsWith(".workerHistoryPage2");
    Map<Integer, ReservationQuery> secondPages = new HashMap<>();
    SplittableRandom random = new SplittableRandom(Dataset.SEED + 1);
    for (int i = 0; i < QUERIES; i++) {
      taskStatus[i] = ReservationQuery.forTask(data.workspace(),
              data.task(random.nextInt(data.taskCount())))
          .withStatus(TASK_STATUSES[random.nextInt(TASK_STATUSES.length)])
          .withPageSize(PAGE);
      workerPending[i] = ReservationQuery.forWorker(data.workspace(),
              data.worker(data.zipfWorker(random)))
          .withStatus(ReservationStatus.PENDING)
          .withPageSize(PAGE);
      int w;
      do {
        w = data.zipfWorker(random);
      } while (data.reservationsOf(w) <= PAGE);
      ReservationQuery first = ReservationQuery.forWorker(data.workspace(), data.worker(w))
          .withPageSize(PAGE);
      history[i] = first;
      if (page2) {
        historyPage2[i] = secondPages.computeIfAbsent(w, k -> secondPage(first));
      }
    }
  }

  private ReservationQuery secondPage(ReservationQuery first) {
    return store.list(first).nextPage().orElseThrow(() -> new IllegalStateException(
        String.format(Locale.ROOT,
            "a worker with more than %d reservations must have a second page: %s", PAGE, first)));
  }

  private int next() {
    return next++ & (QUERIES - 1);
  }

  @Benchmark
  public Page<Reservation> taskStatusFirstPage() {
    return store.list(taskStatus[next()]);
  }

  @Benchmark
  public Page<Reservation> workerPendingFirstPage() {
    return store.list(workerPending[next()]);
  }

  @Benchmark
  public Page<Reservation> workerHistoryPage1() {
    return store.list(history[next()]);
  }

  @Benchmark
  public Page<Reservation> workerHistoryPage2() {
    return store.list(historyPage2[next()]);
  }
}
