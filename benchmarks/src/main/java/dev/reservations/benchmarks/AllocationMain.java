package dev.reservations.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.ReservationQuery;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Bytes the engine allocates per call on a loaded engine, read from the calling thread's exact
 * allocation counter after the calls are warm, beside the bytes of one materialised
 * {@code Reservation} with two dates ({@code get} of a moved one). That is the yardstick of the
 * allocation targets: a transition allocates the reservation it returns and nothing else,
 * rescinds included; a page allocates its own objects and nothing per skipped row. JMH's
 * {@code -prof gc} cannot show this for the write benchmarks, whose single shots include their
 * setup. What a call allocates beyond its records is the amortised growth of the arrays that
 * hold the rows it adds or moves.
 *
 * <p>The clock is not moved while measuring, so reading it allocates nothing (see
 * {@link MutableClock}). Prints one line per call:
 * {@code allocation <call> bytes/op=<b> reservations/op=<r>}, where r is bytes/op over the bytes
 * of one reservation.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.reservations.benchmarks.AllocationMain 1000000}
 */
public final class AllocationMain {
  private static final int WARM = 20_000;
  private static final int MEASURED = 20_000;
  private static final int INSERTS = 1_000_000;
  private static final ThreadMXBean THREADS =
      (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Dataset data;
  private final MutableClock clock = new MutableClock();
  private final ReservationEngine engine;
  private final SplittableRandom random = new SplittableRandom(Dataset.SEED + 7);
  private Object sink;

  private AllocationMain(int n) {
    data = Dataset.create(n, Dataset.SEED);
    EngineStore store = new EngineStore(data.workspace(), clock, Dataset.SEED);
    data.fill(store, clock);
    engine = store.engine();
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    new AllocationMain(n).run();
  }

  private void run() {
    // every reservation a call works on is made beforehand, outside the measured loop
    ReservationSid[] moved = reserveTasks(1).sids[0];
    for (ReservationSid sid : moved) {
      engine.reject(sid);
    }
    double one = measure("get (one moved reservation)", i -> sink = engine.get(moved[i]),
        MEASURED, Double.NaN);

    Tasks triples = reserveTasks(3);
    measure("accept, rescinding 2", i -> sink = engine.accept(triples.sids[1][i]), MEASURED,
        one);
    measure("complete", i -> sink = engine.complete(triples.sids[1][i]), MEASURED, one);
    Tasks wrapped = reserveTasks(1);
    for (int i = 0; i < wrapped.tasks.length; i++) {
      engine.accept(wrapped.sids[0][i]);
    }
    measure("wrap", i -> sink = engine.wrap(wrapped.sids[0][i]), MEASURED, one);

    // LifecycleBenchmark's unit: reserve three, accept one (two rescinds), wrap, complete
    TaskSid[] lifecycles = new TaskSid[WARM + MEASURED];
    int[][] lifecycleWorkers = new int[lifecycles.length][3];
    for (int i = 0; i < lifecycles.length; i++) {
      lifecycles[i] = data.newTask();
      data.pickWorkers(random, lifecycleWorkers[i]);
    }
    measure("lifecycle per task (reserve 3, accept, wrap, complete)", i -> {
      ReservationSid chosen = null;
      for (int k = 0; k < 3; k++) {
        int w = lifecycleWorkers[i][k];
        ReservationSid sid = engine.reserve(data.workspace(), lifecycles[i], data.worker(w),
            data.workerName(w), Dataset.LONG_TIMEOUT).sid();
        chosen = k == 1 ? sid : chosen;
      }
      engine.accept(chosen);
      engine.wrap(chosen);
      sink = engine.complete(chosen);
    }, MEASURED, one);
    ReservationSid[] singles = reserveTasks(1).sids[0];
    measure("reject", i -> sink = engine.reject(singles[i]), MEASURED, one);

    // over many inserts, so that the tables' occasional growth is averaged out, not sampled
    TaskSid[] fresh = new TaskSid[WARM + INSERTS];
    int[] workers = new int[fresh.length];
    for (int i = 0; i < fresh.length; i++) {
      fresh[i] = data.newTask();
      workers[i] = data.drawWorker(random);
    }
    measure("reserve (amortised growth included)", i -> sink = engine.reserve(data.workspace(),
        fresh[i], data.worker(workers[i]), data.workerName(workers[i]),
        Dataset.LONG_TIMEOUT), INSERTS, one);

    ReservationQuery[] pages = new ReservationQuery[WARM + MEASURED];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = ReservationQuery.forTask(data.workspace(), triples.tasks[i])
          .withStatus(ReservationStatus.RESCINDED);
    }
    measure("task + status page of 2 (of 3 rows)", i -> sink = engine.list(pages[i]), MEASURED,
        one);
    if (sink == null) {
      throw new AssertionError("nothing was measured");
    }
  }

  /** New tasks, and {@code sids[k][i]}: task i's k-th reservation. */
  private static final class Tasks {
    final TaskSid[] tasks = new TaskSid[WARM + MEASURED];
    final ReservationSid[][] sids;

    Tasks(int perTask) {
      sids = new ReservationSid[perTask][WARM + MEASURED];
    }
  }

  /**
   * Reserves WARM + MEASURED new tasks for {@code perTask} distinct workers each, drawn with the
   * load's distribution.
   */
  private Tasks reserveTasks(int perTask) {
    Tasks made = new Tasks(perTask);
    for (int i = 0; i < made.tasks.length; i++) {
      TaskSid task = data.newTask();
      made.tasks[i] = task;
      int[] picked = new int[perTask];
      data.pickWorkers(random, picked);
      for (int k = 0; k < perTask; k++) {
        int w = picked[k];
        clock.advance(Duration.ofMillis(1));
        Reservation r = engine.reserve(data.workspace(), task, data.worker(w),
            data.workerName(w), Dataset.LONG_TIMEOUT);
        made.sids[k][i] = r.sid();
      }
    }
    clock.advance(Duration.ofMillis(1));
    return made;
  }

  /**
   * Runs {@code call} on 0 … WARM-1 unmeasured, then on the next {@code count}; prints bytes/op,
   * and bytes/op over {@code oneReservation} unless it is NaN.
   */
  private double measure(String name, IntConsumer call, int count, double oneReservation) {
    for (int i = 0; i < WARM; i++) {
      call.accept(i);
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = WARM; i < WARM + count; i++) {
      call.accept(i);
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    double perOp = (after - before) / (double) count;
    System.out.printf(Locale.ROOT, "allocation %s bytes/op=%.1f%s%n", name, perOp,
        Double.isNaN(oneReservation) ? ""
            : String.format(Locale.ROOT, " reservations/op=%.2f", perOp / oneReservation));
    return perOp;
  }
}
