package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@value #COUNT} queries of each kind that {@link ReadBenchmark} cycles through, drawn with
 * a fixed seed, so every competitor (and {@link PageFloorBenchmark}) answers the same ones: tasks
 * uniformly, with status rejected, timeout or completed; workers with the load's Zipf
 * distribution, so busy workers are asked about as often as they work, for their pending
 * reservations; and for the history pages, workers with more than one page, whose second page is
 * reached through the first page's token.
 */
final class ReadQueries {
  static final int COUNT = 1024;
  private static final ReservationStatus[] TASK_STATUSES = {
      ReservationStatus.REJECTED, ReservationStatus.TIMEOUT, ReservationStatus.COMPLETED};

  final ReservationQuery[] taskStatus = new ReservationQuery[COUNT];
  final ReservationQuery[] workerPending = new ReservationQuery[COUNT];
  final ReservationQuery[] history = new ReservationQuery[COUNT];
  final ReservationQuery[] historyPage2 = new ReservationQuery[COUNT];

  /**
   * Draws the queries, each kind from its own random stream, so that the draws do not depend on
   * each other. The history queries need the store's first pages: with {@code withHistory}
   * false, they are left null, which spares a slow store those lists.
   */
  ReadQueries(Dataset data, ReservationStore store, boolean withHistory) {
    SplittableRandom tasks = new SplittableRandom(Dataset.SEED + 1);
    SplittableRandom pending = new SplittableRandom(Dataset.SEED + 11);
    SplittableRandom histories = new SplittableRandom(Dataset.SEED + 12);
    for (int i = 0; i < COUNT; i++) {
      taskStatus[i] = ReservationQuery.forTask(data.workspace(),
              data.task(tasks.nextInt(data.taskCount())))
          .withStatus(TASK_STATUSES[tasks.nextInt(TASK_STATUSES.length)])
          .withPageSize(50);
      workerPending[i] = ReservationQuery.forWorker(data.workspace(),
              data.worker(data.zipfWorker(pending)))
          .withStatus(ReservationStatus.PENDING)
          .withPageSize(50);
    }
    if (!withHistory) {
      return;
    }
    // a worker drawn again costs no second list, and its answer cannot differ
    Map<Integer, Page<Reservation>> firstPages = new HashMap<>();
    for (int i = 0; i < COUNT; i++) {
      Page<Reservation> first;
      do {
        int worker = data.zipfWorker(histories);
        ReservationQuery query = ReservationQuery.forWorker(data.workspace(),
            data.worker(worker)).withPageSize(50);
        history[i] = query;
        first = firstPages.computeIfAbsent(worker, w -> store.list(query));
      } while (first.nextPage().isEmpty());
      historyPage2[i] = first.nextPage().get();
    }
  }
}
