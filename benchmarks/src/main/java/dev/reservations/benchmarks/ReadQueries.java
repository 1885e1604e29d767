package dev.reservations.benchmarks;

import dev.reservations.core.ReservationStatus;
import dev.reservations.query.ReservationQuery;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@value #COUNT} queries of each kind that {@link ReadBenchmark} cycles through, drawn with
 * a fixed seed, so every competitor (and {@link PageFloorBenchmark}) answers the same ones: tasks
 * uniformly, with status rejected, timeout or completed; workers with the load's distribution
 * (Zipf or uniform, by the data set's shape), so busy workers are asked about as often as they
 * work, for their pending reservations; and for the history pages, workers with more than one
 * page, whose second page is reached through the first page's token.
 */
final class ReadQueries {
  static final int COUNT = 1024;
  static final int PAGE = 50;
  private static final ReservationStatus[] TASK_STATUSES = {
      ReservationStatus.REJECTED, ReservationStatus.TIMEOUT, ReservationStatus.COMPLETED};

  final ReservationQuery[] taskStatus = new ReservationQuery[COUNT];
  final ReservationQuery[] workerPending = new ReservationQuery[COUNT];
  final ReservationQuery[] history = new ReservationQuery[COUNT];
  final ReservationQuery[] historyPage2 = new ReservationQuery[COUNT];

  /**
   * Draws the queries, the same every time. Whether a worker's history has a second page is
   * known from the load ({@link Dataset#reservationsOf}), without asking the store; only with
   * {@code page2} does it list first pages, once per worker, for their tokens (else
   * {@link #historyPage2} stays null), which spares a slow store the lists it does not need.
   */
  ReadQueries(Dataset data, ReservationStore store, boolean page2) {
    Map<Integer, ReservationQuery> secondPages = new HashMap<>();
    SplittableRandom random = new SplittableRandom(Dataset.SEED + 1);
    for (int i = 0; i < COUNT; i++) {
      taskStatus[i] = ReservationQuery.forTask(data.workspace(),
              data.task(random.nextInt(data.taskCount())))
          .withStatus(TASK_STATUSES[random.nextInt(TASK_STATUSES.length)])
          .withPageSize(PAGE);
      workerPending[i] = ReservationQuery.forWorker(data.workspace(),
              data.worker(data.drawWorker(random)))
          .withStatus(ReservationStatus.PENDING)
          .withPageSize(PAGE);
      int w;
      do {
        w = data.drawWorker(random);
      } while (data.reservationsOf(w) <= PAGE);
      ReservationQuery first = ReservationQuery.forWorker(data.workspace(), data.worker(w))
          .withPageSize(PAGE);
      history[i] = first;
      if (page2) {
        historyPage2[i] = secondPages.computeIfAbsent(w, k -> secondPage(store, first));
      }
    }
  }

  private static ReservationQuery secondPage(ReservationStore store, ReservationQuery first) {
    return store.list(first).nextPage().orElseThrow(() -> new IllegalStateException(
        String.format(Locale.ROOT,
            "a worker with more than %d reservations must have a second page: %s", PAGE, first)));
  }
}
