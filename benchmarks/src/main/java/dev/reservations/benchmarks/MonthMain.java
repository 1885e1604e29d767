package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import java.time.Duration;
import java.util.Locale;

/**
 * A simulated month with automatic deletion, pushed through a given number of reservations in
 * virtual time: the routing simulator's shape of issue 12. Tasks arrive evenly over 30 days; each
 * gets three reservations on three workers of 2,000. Ten seconds after it arrives, one of the three
 * is accepted (the other two are rescinded) and wrapped, five minutes after it arrives it
 * completes; one task in twenty is never accepted instead: its reservations time out after the
 * engine's two minutes, and ten minutes after arriving the task is canceled. Every task is deleted
 * an hour after it finishes ({@code deleteFinishedTasksAfter(Duration.ofHours(1))}).
 *
 * <p>Prints, once per simulated day, the live reservations, the live heap (the class histogram's
 * bytes of live objects, after a full GC) and the reservations per second of wall time over that
 * day (the measurement's GCs excluded); then the whole run's throughput. Run in a 1 GB heap to show
 * the month fits one: {@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * dev.reservations.benchmarks.MonthMain 100000000}.
 */
public final class MonthMain {
  private static final int WORKERS = 2_000;
  private static final long DAY = Duration.ofDays(1).toNanos();
  private static final long ACCEPT_AFTER = Duration.ofSeconds(10).toNanos();
  private static final long COMPLETE_AFTER = Duration.ofMinutes(5).toNanos();
  private static final long CANCEL_AFTER = Duration.ofMinutes(10).toNanos();

  private MonthMain() {}

  public static void main(String[] args) throws InterruptedException {
    long reservations = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 100_000_000L;
    long tasks = reservations / 3;
    long gap = 30 * DAY / tasks;
    MutableClock clock = new MutableClock();
    ReservationEngine engine =
        ReservationEngine.builder()
            .seed(Dataset.SEED)
            .clock(clock)
            .deleteFinishedTasksAfter(Duration.ofHours(1))
            .build();
    WorkspaceSid workspace = new WorkspaceSid(0x5757_0000_0000_0001L, 1);
    WorkerSid[] workers = new WorkerSid[WORKERS];
    String[] names = new String[WORKERS];
    for (int w = 0; w < WORKERS; w++) {
      workers[w] = new WorkerSid(0x5757_0000_0000_0002L, w);
      names[w] = "worker " + w;
    }
    // the accepted reservation of each task in flight, by task number modulo the window
    int window = (int) (CANCEL_AFTER / gap) + 2;
    Reservation[] firstOf = new Reservation[window];
    long acceptLag = ACCEPT_AFTER / gap;
    long completeLag = COMPLETE_AFTER / gap;
    long cancelLag = CANCEL_AFTER / gap;
    long start = clock.nanos();
    System.out.printf(
        Locale.ROOT,
        "month: %,d reservations, %,d tasks, one every %.1f ms of virtual time%n",
        3 * tasks,
        tasks,
        gap / 1e6);
    System.out.println("| day | reservations made | live reservations | live heap MB | res/s |");
    System.out.println("|---:|---:|---:|---:|---:|");
    long wall = 0;
    long dayStarted = System.nanoTime();
    long madeAtDayStart = 0;
    int day = 0;
    long endOfTasks = tasks + cancelLag + 1;
    for (long i = 0; i < endOfTasks; i++) {
      clock.set(start + i * gap);
      if (i < tasks) {
        int w = (int) ((i * 7) % WORKERS);
        TaskSid task = new TaskSid(0x7a5c_0000_0000_0000L, i);
        firstOf[(int) (i % window)] =
            engine.reserve(workspace, task, workers[w], names[w]);
        int w2 = (w + 1) % WORKERS;
        int w3 = (w + 2) % WORKERS;
        engine.reserve(workspace, task, workers[w2], names[w2]);
        engine.reserve(workspace, task, workers[w3], names[w3]);
      }
      long accepting = i - acceptLag;
      if (accepting >= 0 && accepting < tasks && !abandoned(accepting)) {
        Reservation r = firstOf[(int) (accepting % window)];
        engine.accept(r.sid());
        engine.wrap(r.sid());
      }
      long completing = i - completeLag;
      if (completing >= 0 && completing < tasks && !abandoned(completing)) {
        engine.complete(firstOf[(int) (completing % window)].sid());
      }
      long canceling = i - cancelLag;
      if (canceling >= 0 && canceling < tasks && abandoned(canceling)) {
        engine.cancelTask(new TaskSid(0x7a5c_0000_0000_0000L, canceling));
      }
      if (clock.nanos() - start >= (day + 1) * DAY || i == endOfTasks - 1) {
        long now = System.nanoTime();
        wall += now - dayStarted;
        long made = 3 * Math.min(i + 1, tasks);
        day++;
        long live = FootprintMain.liveBytes();
        System.out.printf(
            Locale.ROOT,
            "| %d | %,d | %,d | %.1f | %,.0f |%n",
            day,
            made,
            engine.size(),
            live / 1e6,
            (made - madeAtDayStart) / ((now - dayStarted) / 1e9));
        madeAtDayStart = made;
        dayStarted = System.nanoTime();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "month: %,d reservations in %.1f s of simulation, %,.0f reservations/s; %,d live at the"
            + " end%n",
        3 * tasks,
        wall / 1e9,
        3 * tasks / (wall / 1e9),
        engine.size());
  }

  /** One task in twenty is never accepted: its reservations time out and it is canceled. */
  private static boolean abandoned(long task) {
    return task % 20 == 19;
  }
}
